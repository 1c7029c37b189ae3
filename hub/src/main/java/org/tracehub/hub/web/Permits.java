package org.tracehub.hub.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed number of permits for public work anyone can ask for: work beyond them waits a short while for its turn and is
 * then refused, so that a burst of requests queues neither the database pool nor the CPU behind it. Fair, so a refused
 * request's next try is not overtaken by newer ones.
 */
final class Permits {

    private final Semaphore permits;
    private final Duration wait;

    /** @param setting the {@code hub.*} setting that gives {@code max}, named when it is out of range */
    Permits(String setting, int max, Duration wait) {
        if (max < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, not " + max);
        }
        this.permits = new Semaphore(max, true);
        this.wait = wait;
    }

    /** Runs the work when a permit frees within the wait; otherwise throws what {@code busy} gives. */
    <T> T run(Supplier<T> work, Supplier<? extends RuntimeException> busy) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.get();
        }
        if (!acquired) {
            throw busy.get();
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    int available() {
        return permits.availablePermits();
    }
}
