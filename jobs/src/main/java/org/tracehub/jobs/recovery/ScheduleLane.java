package org.tracehub.jobs.recovery;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one schedule (the nightly sync of one cron, the purge): its runs run here, one at a time, not on the
 * thread that fired them.
 *
 * <p>Spring's scheduler has one thread by default, and the job operator runs a job in the calling thread: a run that
 * never ended (a sync blocked on a broker whose disk was full) held that thread, and every later cron of every schedule —
 * the other syncs, and the purge that would have freed the disk — never fired again. A cron now only hands its run to
 * its schedule's lane and returns. A lane refuses a run while its previous one still runs, and says so at ERROR every
 * time the cron fires (a run that does not end is seen the next night, not queued behind for ever); the other schedules,
 * on lanes of their own, go on.
 */
public final class ScheduleLane implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScheduleLane.class);

    private final String name;
    private final Clock clock;
    private final ExecutorService thread;
    /** What runs now and since when; null while idle. */
    private final AtomicReference<Running> running = new AtomicReference<>();

    private record Running(String what, Instant since) {
    }

    /**
     * @param name the schedule, for the thread's name ({@code schedule-<name>}) and the log
     */
    public ScheduleLane(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "schedule-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the run on this lane's thread and returns at once; refuses it (logged at ERROR) while the lane's previous
     * run still runs, or once the lane is closed.
     *
     * @param what the run, for the log (e.g. "the purge due at 03:30")
     * @return whether the run was started
     */
    public boolean offer(String what, Runnable run) {
        Running now = new Running(what, clock.instant());
        Running before = running.compareAndExchange(null, now);
        if (before != null) {
            log.error("{} not started: the previous run on schedule {} ({}) has been running since {} and has not ended "
                    + "(stuck?); the other schedules go on", what, name, before.what(), before.since());
            return false;
        }
        try {
            thread.execute(() -> {
                try {
                    run.run();
                } catch (RuntimeException e) {
                    log.error("{} failed", what, e);
                } finally {
                    running.set(null);
                }
            });
            return true;
        } catch (RejectedExecutionException stopping) {
            running.set(null);
            log.warn("{} not started: the hub is stopping", what);
            return false;
        }
    }

    /** Whether a run of this lane runs now. */
    public boolean isBusy() {
        return running.get() != null;
    }

    /**
     * Stops the lane: no run starts on it any more. A run still running is not interrupted: an interrupt failed the job's
     * step, and a load's batch with it; {@link RunningJobsStop} asks its job to stop at its next chunk, and one that has
     * not stopped goes on until the JVM exits (a daemon thread) and is recovered at the next start as after a crash.
     */
    @Override
    public void close() {
        thread.shutdown();
    }
}
