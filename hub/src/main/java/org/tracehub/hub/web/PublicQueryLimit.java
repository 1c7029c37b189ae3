package org.tracehub.hub.web;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code hub.trace.max-concurrent-queries} public trace queries at once. Anyone can scan, and each query holds
 * one of the pool's few database connections (ten by default) for as long as it walks the chain: a burst of scans, or
 * someone scripting the public URL, would otherwise take them all, and the import and load steps would wait for a
 * connection until their timeout (5 s on PostgreSQL) and fail their batches. A query beyond the limit waits
 * {@code hub.trace.query-wait} for its turn and is then answered 503 {@code TRACE_BUSY} ({@link Busy}).
 */
@Component
public class PublicQueryLimit {

    /** Seconds a phone's browser or a client should wait before asking again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final Permits permits;

    public PublicQueryLimit(@Value("${hub.trace.max-concurrent-queries:4}") int maxConcurrent,
                            @Value("${hub.trace.query-wait:2s}") Duration wait) {
        this.permits = new Permits("hub.trace.max-concurrent-queries", maxConcurrent, wait);
    }

    /** Runs the query when a permit is free within the wait; otherwise throws {@link Busy}. */
    public <T> T run(Supplier<T> query) {
        return permits.run(query, Busy::new);
    }

    /** Permits free now: for tests and the log. */
    int available() {
        return permits.available();
    }

    /** Too many public queries at once: answered 503 {@code TRACE_BUSY}, the consumer scans again in a moment. */
    public static final class Busy extends RuntimeException {
        static final String MESSAGE = "查询人数较多，请稍后再扫码查询";

        Busy() {
            super(MESSAGE, null, false, false);
        }
    }
}
