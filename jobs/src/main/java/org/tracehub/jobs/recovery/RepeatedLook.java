package org.tracehub.jobs.recovery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A look the hub takes again and again while it runs (lost runs to take over, batches waiting for disk space), on a
 * daemon thread of its own: the runs it restarts go on in that thread, and a stop does not wait for them (their jobs
 * stop with the hub, {@link RunningJobsStop}). A look that throws is told and the next one comes all the same.
 */
final class RepeatedLook {

    private RepeatedLook() {
    }

    /** Looks every {@code interval}, the first an interval from now; shut the executor down to stop. */
    static ScheduledExecutorService start(String threadName, Duration interval, Runnable look, Consumer<RuntimeException> failed) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                look.run();
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }
}
