package org.tracehub.platform.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Runs a send on a sender thread and waits for it at most a timeout. A broker that cannot store a message (its disk
 * full, an address full with {@code address-full-policy} BLOCK) does not refuse it: it stops granting the producer
 * credits, and the Artemis client waits for them for ever ({@code ClientProducerCreditsImpl.actualAcquire}; its
 * {@code callTimeout} bounds only the wait for the answer to a send already made). Given up, the sender thread is
 * interrupted, which ends the client's wait; the message is not sent. The caller's log context (batch, source) goes with
 * the send, so the client's own warnings are logged there. Used by the jobs' {@code JobMessageSender} and the routes'
 * {@code BoundedSends}, each saying in its own words what was not sent.
 */
public final class TimedSender implements AutoCloseable {

    private final ExecutorService senders;

    /** @param threadName the sender threads' name, numbered */
    public TimedSender(String threadName) {
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The send's result, once it returned within the timeout.
     *
     * @throws TimeoutException     the send did not return within the timeout: it was given up
     * @throws InterruptedException the caller was interrupted while it waited: the send was given up
     * @throws ExecutionException   the send itself failed, its exception the cause
     */
    public <T> T send(Callable<T> send, Duration timeout) throws TimeoutException, InterruptedException, ExecutionException {
        Map<String, String> context = MDC.getCopyOfContextMap();
        Future<T> sent = senders.submit(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return send.call();
            } finally {
                MDC.clear();
            }
        });
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            sent.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
