package org.tracehub.jobs.recovery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A look the hub takes again and again while it runs (lost runs to take over, batches waiting for disk space), on a
 * daemon thread of its own: the runs it restarts go on in that thread, and a stop does not wait for them (their jobs
 * stop with the hub, {@link RunningJobsStop}). A look that throws is told and the next one comes all the same, an
 * {@link Error} too (an {@link OutOfMemoryError} in one look): the executor cancels, without a word, every later run of a
 * task that let anything escape, and the hub went on without the look for good.
 */
final class RepeatedLook {

    private final String threadName;
    private ScheduledExecutorService executor;
    /** Stopped for good: a start after the stop (a late start-up event) starts nothing. */
    private boolean closed;

    RepeatedLook(String threadName) {
        this.threadName = threadName;
    }

    /** Looks every {@code interval}, the first an interval from now; nothing when already looking or stopped. */
    synchronized void start(Duration interval, Runnable look, Consumer<Throwable> failed) {
        if (executor != null || closed) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                look.run();
            } catch (Throwable e) {
                told(failed, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A failure whose telling fails too (no memory to log it) must not escape either. */
    private static void told(Consumer<Throwable> failed, Throwable e) {
        try {
            failed.accept(e);
        } catch (Throwable notTold) {
            // nothing more can be done here; the next look comes all the same
        }
    }

    /**
     * No look starts any more. A look under way is not interrupted (shutdownNow did): the interrupt reached the job it was
     * restarting, whose step then failed, and its batch with it; on H2 an interrupt during file I/O also closes the
     * database.
     */
    synchronized void stop() {
        closed = true;
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }
}
