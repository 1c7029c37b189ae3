package org.tracehub.jobs.importjob;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.MDC;

/**
 * Produces items ahead of their consumer on a thread of its own, through a bounded queue, and hands them out in
 * order. A failure of the producer is thrown by {@link #next} in the consumer, in the place of the item it could
 * not produce: what was handed out before it is unaffected, as if both had run on one thread. The producer stops
 * after the item {@code last} accepts, at its first failure, or when closed. It logs under the consumer's MDC
 * (the batch and source of {@code BatchLogContext}) as of construction.
 */
final class ReadAhead<T> implements AutoCloseable {

    /** A producer's failure, queued where its next item would have been. */
    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;

    ReadAhead(String threadName, int capacity, Callable<T> producer, Predicate<T> last) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        Map<String, String> logContext = MDC.getCopyOfContextMap(); // the batch and source the consumer logs under
        this.thread = new Thread(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            produce(producer, last);
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Callable<T> producer, Predicate<T> last) {
        try {
            T item;
            do {
                item = producer.call();
                queue.put(item);
            } while (!last.test(item) && !closed);
        } catch (InterruptedException closedMeanwhile) {
            // close() interrupts a producer waiting for room
        } catch (Exception | Error e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException closedMeanwhile) {
                // nobody waits for it any more
            }
        }
    }

    /** The next item, waiting for it if the producer is behind; the producer's failure instead, if it failed there. */
    @SuppressWarnings("unchecked")
    T next() {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next row", e);
        }
        if (item instanceof Failure failure) {
            if (failure.cause() instanceof RuntimeException e) {
                throw e;
            }
            if (failure.cause() instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure.cause().getMessage(), failure.cause());
        }
        return (T) item;
    }

    /** Stops the producer and waits for it, so that what it reads from can be closed after this returns. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not stop within 30 s");
        }
    }
}
