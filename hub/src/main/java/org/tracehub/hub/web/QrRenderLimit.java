package org.tracehub.hub.web;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code hub.qr.max-concurrent-renders} QR images drawn at once. The QR endpoints are public and a large PNG
 * costs tens of milliseconds of CPU; a new code per request defeats the day-long cache, so a few clients asking in a
 * loop took the hub's cores from the consumer pages and the import jobs. One beyond the limit waits
 * {@code hub.qr.render-wait} for its turn and is then answered 503 {@code QR_BUSY} with {@code Retry-After}.
 * Printing labels needs no more: the label sheet draws its codes itself.
 */
@Component
public class QrRenderLimit {

    /** Seconds a client should wait before asking again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final Permits permits;

    public QrRenderLimit(@Value("${hub.qr.max-concurrent-renders:2}") int maxConcurrent,
                         @Value("${hub.qr.render-wait:1s}") Duration wait) {
        this.permits = new Permits("hub.qr.max-concurrent-renders", maxConcurrent, wait);
    }

    /** Draws the image when a permit is free within the wait; otherwise throws {@link Busy}. */
    public <T> T run(Supplier<T> render) {
        return permits.run(render, Busy::new);
    }

    /** Permits free now: for tests. */
    int available() {
        return permits.available();
    }

    /** Too many QR images asked for at once: answered 503 {@code QR_BUSY}. */
    public static final class Busy extends RuntimeException {
        static final String MESSAGE = "二维码生成请求较多，请稍后再试";

        Busy() {
            super(MESSAGE, null, false, false);
        }
    }
}
