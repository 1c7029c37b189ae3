package org.tracehub.jobs.recovery;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether the hub has begun to stop, for recovery: its restarts run one after the other on the job-recovery and
 * node-takeover threads, and one that started once {@link RunningJobsStop} had asked the running jobs to stop ran unasked
 * until the shutdown interrupted it (its failure listener then failed a good file's batch) or the JVM exited under it
 * (counted as a run that took the hub down). A restart refused so is left as it is for the next start, which takes it up.
 *
 * <p>Set in the JMS listeners' phase, with {@link RunningJobsStop}; cleared when the context starts again.
 */
@Component
public class HubStopping implements SmartLifecycle {

    private volatile boolean running;
    private volatile boolean stopping;

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The JMS listeners' phase (their registry's, Spring's default), as {@link RunningJobsStop}'s. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Whether the hub stops: no restart is to start any more. */
    public boolean stopping() {
        return stopping;
    }
}
