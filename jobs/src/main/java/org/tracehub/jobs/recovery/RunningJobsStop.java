package org.tracehub.jobs.recovery;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the hub stops, asks every job this process runs to stop at its next chunk (an import on a JMS listener's thread, an
 * admin's reprocess or retry, a scheduled sync or purge, a recovery's restart) and waits, at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, for them to end.
 *
 * <p>A stopped job ends STOPPED at its next chunk boundary, its batch still CONVERTING or STAGED, and the next start's
 * recovery restarts it there ({@link InterruptedJobRecovery}: a batch whose last run FAILED or STOPPED). The stop is asked
 * on the run's own step executions and writes nothing to the job repository ({@link #ask}): the job's thread records
 * its own STOPPED end. Before, the
 * threads were interrupted: the interrupt reached a load waiting on its parse thread or a convert waiting on its
 * read-ahead, the step failed, and the batch of a good file became FAILED with a 平台处理时出错 receipt, which recovery
 * leaves alone; on the embedded H2 an interrupt during file I/O also closes the database for every connection. A job
 * that does not reach a chunk boundary in time (a reprocess's load is one transaction) is left running: the JVM exits
 * under it, and the next start recovers it as after a crash.
 *
 * <p>Stopped in the JMS listeners' phase, at the same time: a listener's import ends STOPPED, its announcement is
 * acknowledged, and the listener container's wait for it ends with it.
 */
@Component
public class RunningJobsStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunningJobsStop.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ExecutionsRunningHere runningHere;
    private final Duration timeout;
    private volatile boolean running;
    /**
     * Set as the stop begins, before the first look at the running jobs: recovery's restarts, one after the other on the
     * job-recovery and node-takeover threads, look at it before each ({@link #stopping}).
     */
    private volatile boolean stopping;
    /**
     * Launches admitted before the stop ({@link #launch}) and not yet returned: one whose job has not begun yet is in no
     * look at the running jobs, and the stop would end without it. Guarded by this object's monitor, as the setting of
     * {@link #stopping} is.
     */
    private int launching;

    public RunningJobsStop(ExecutionsRunningHere runningHere,
                           @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        this.runningHere = runningHere;
        this.timeout = timeout;
    }

    @Override
    public synchronized void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        beginStopping();
        stopJobs();
        running = false;
    }

    @Override
    public void stop(Runnable callback) {
        beginStopping();
        // the other beans of the phase (the JMS listeners) stop meanwhile: the wait is on a thread of its own
        Thread waiting = new Thread(() -> {
            try {
                stopJobs();
            } finally {
                running = false;
                callback.run();
            }
        }, "jobs-stopping");
        waiting.setDaemon(true);
        waiting.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the hub stops: no job is to start any more. A restart recovery started once this stop had asked the running
     * jobs ran unasked, until the shutdown interrupted it (its failure listener failed a good file's batch) or the JVM
     * exited under it (counted as a run that took the hub down); one not started is the next start's.
     */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Runs a launch of a job (a recovery's restart: the job runs in the calling thread) unless the hub stops. Admitted under
     * the lock that begins the stop: a launch that had looked at {@link #stopping} just before the stop began was not yet
     * a running job at the stop's look, and ran unasked once the stop had ended. An admitted launch is waited for as a
     * running job until it returns, and its job is asked to stop as it begins ({@link #askIfStopping}).
     *
     * @return false when the hub stops: nothing was launched
     */
    public boolean launch(Runnable launch) {
        synchronized (this) {
            if (stopping) {
                return false;
            }
            launching++;
        }
        try {
            launch.run();
        } finally {
            synchronized (this) {
                launching--;
            }
        }
        return true;
    }

    /** Asks a job that begins once the stop has begun to stop before its first step: it is no longer to run. */
    void askIfStopping(JobExecution execution) {
        if (stopping) {
            log.info("hub stopping: {} execution {} ({}) began meanwhile; asked to stop before its first step",
                    execution.getJobInstance().getJobName(), execution.getId(), execution.getJobParameters());
            ask(execution);
        }
    }

    private synchronized void beginStopping() {
        stopping = true;
    }

    private synchronized boolean launchesUnderWay() {
        return launching > 0;
    }

    /** The JMS listeners' phase (their registry's, Spring's default). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /**
     * Asks every job running here to stop, again for any that started meanwhile (a run queued before the stop, a sync's
     * next load, a launch admitted before it), and waits until none runs or is being launched, or the timeout is over.
     */
    void stopJobs() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Long> asked = new HashSet<>();
        List<JobExecution> left = runningHere.running();
        while ((!left.isEmpty() || launchesUnderWay()) && System.nanoTime() - deadline < 0) {
            for (JobExecution execution : left) {
                // asked again at every look: a run between two steps has no step to mark until its next one starts
                ask(execution);
                if (asked.add(execution.getId())) {
                    log.info("hub stopping: {} execution {} ({}) asked to stop at its next chunk; the next start restarts it",
                            execution.getJobInstance().getJobName(), execution.getId(), execution.getJobParameters());
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
            left = runningHere.running();
        }
        for (JobExecution execution : left) {
            log.warn("{} execution {} ({}) did not reach a point to stop within {}; left running: the next start's recovery "
                    + "takes it up", execution.getJobInstance().getJobName(), execution.getId(), execution.getJobParameters(), timeout);
        }
    }

    /**
     * Marks the run's running steps to end at their next chunk boundary, on the objects the job's thread runs with. Not
     * {@code JobOperator.stop}: in Spring Batch 6 it writes the running step's row and then its context from this thread,
     * in one transaction, while the step's chunk transaction writes the context and then the row; the two could wait for
     * each other, and the database gave up the chunk's transaction, which failed the step and the batch (平台处理时出错
     * to the sender of a good file); or the step's thread read its row while that transaction was open and wrote it with a
     * version the commit had made stale.
     * Nothing is written here: the step sees the mark at its next chunk boundary and ends STOPPED, and Spring Batch ends
     * the job STOPPED after it ({@code SimpleStepHandler}). The run itself is marked STOPPING as well, in memory: a job
     * between two steps (its convert just done) has no step to mark, and would otherwise start its next step — a load,
     * maybe, which is one transaction and does not stop — before the next look marks it.
     */
    void ask(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.STARTING || status == BatchStatus.STARTED) {
            // a run that has just set its own end status keeps it; one read stale here would end STOPPED, recorded so with
            // every step COMPLETED, which recovery and the catch-up restart to nothing left to do
            execution.setStatus(BatchStatus.STOPPING);
        }
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning() && !step.isTerminateOnly()) {
                // the step's thread takes this monitor at every chunk (StepExecution.apply) before it looks at the mark
                synchronized (step) {
                    step.setTerminateOnly();
                }
            }
        }
    }
}
