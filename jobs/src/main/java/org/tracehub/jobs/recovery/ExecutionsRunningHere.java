package org.tracehub.jobs.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The job executions this process runs, as {@link ExecutionOwners}' listener sees them begin. The job repository alone
 * cannot tell a run of this node that still runs from one whose end it could not record: when the database goes away
 * while a job runs, Spring Batch's update of the ended execution fails (in Batch 6 before the jobs' {@code afterJob}
 * listeners, which then never run), and the row stays STARTED with no end — on the node that ran it, which neither
 * start-up recovery (it ran before) nor the takeover of silent nodes (the node is not silent) would otherwise look at
 * until the hub restarts.
 *
 * <p>No listener is told that a job ended when that update fails, so the run's own {@link JobExecution} is kept and read:
 * Spring Batch sets its end time just before that update, whatever the outcome. A run counts as running here until a
 * grace period after that end time, as the update may wait that long for a database slow to answer.
 */
@Component
public class ExecutionsRunningHere {

    private final Map<Long, JobExecution> runs = new ConcurrentHashMap<>();
    /**
     * The runs whose job has not returned yet (its {@code afterJob} listeners not all done): what a stop waits for. Not the
     * status, nor the end time: the job's thread sets both before its listeners run (and {@code JobOperator.stop} sets
     * them at once, on the very object the job's thread goes on with to its next chunk).
     */
    private final Set<Long> onTheirThreads = ConcurrentHashMap.newKeySet();
    private final Duration keepEnded;

    /** @param nodeTimeout the grace period the takeover asks for ({@link #mayBeRunning}): ended runs are kept that long */
    public ExecutionsRunningHere(@Value("${hub.jobs.recovery.node-timeout:PT10M}") Duration nodeTimeout) {
        this.keepEnded = nodeTimeout;
    }

    void started(JobExecution execution) {
        // every run of the process passes here, while the takeover looks only after an outage: without this the map kept
        // each ended run, with its steps and contexts, for the life of the process
        forgetEndedBefore(LocalDateTime.now().minus(keepEnded));
        runs.put(execution.getId(), execution);
        onTheirThreads.add(execution.getId());
    }

    /**
     * The run's job has returned: its last chunk is done, its listeners have ended (the failure listener's batch update and
     * receipt included), and Spring Batch has released it — also when its end could not be recorded.
     */
    void returned(JobExecution execution) {
        onTheirThreads.remove(execution.getId());
    }

    /** Whether a job of this process still runs the execution: it has not ended yet. */
    public boolean isRunning(long executionId) {
        JobExecution run = runs.get(executionId);
        return run != null && run.getEndTime() == null;
    }

    /**
     * The executions a job of this process still runs, stopping ones included: a run counts until its job has returned,
     * whatever its status and end time say.
     */
    public List<JobExecution> running() {
        return runs.values().stream().filter(run -> onTheirThreads.contains(run.getId())).toList();
    }

    /**
     * Whether this process may still be running the execution, or recording its end: it runs, or it ended less than
     * {@code grace} ago. An execution this process never ran (a former process of this node's) is not.
     */
    public boolean mayBeRunning(long executionId, Duration grace) {
        // Spring Batch's end times are the JVM's local time, not the hub's clock
        LocalDateTime endedBefore = LocalDateTime.now().minus(grace);
        JobExecution run = runs.get(executionId);
        return run != null && (run.getEndTime() == null || !run.getEndTime().isBefore(endedBefore));
    }

    /** How many runs are held: those running and those ended within the grace period. */
    int held() {
        return runs.size();
    }

    private void forgetEndedBefore(LocalDateTime endedBefore) {
        runs.values().removeIf(run -> run.getEndTime() != null && run.getEndTime().isBefore(endedBefore));
        onTheirThreads.retainAll(runs.keySet());
    }
}
