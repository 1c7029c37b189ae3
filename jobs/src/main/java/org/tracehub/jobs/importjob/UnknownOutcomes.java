package org.tracehub.jobs.importjob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs that Spring Batch ended as UNKNOWN, taken as FAILED. A step ends UNKNOWN when its rollback fails too: the
 * database connection was lost inside the step's transaction (a PostgreSQL restart or failover,
 * {@code pg_terminate_backend}). The database rolled that transaction back itself, so the step's last committed
 * state is what the repository holds — as after a killed process, which recovery restarts from there. Left UNKNOWN,
 * the batch stayed CONVERTING or STAGED for ever: nothing reports an UNKNOWN run, Spring Batch refuses to restart
 * one, and retry takes only FAILED batches.
 */
public final class UnknownOutcomes {

    public static final String DESCRIPTION = "the database connection was lost inside a step (its transaction state was "
            + "unknown); the database rolled it back, so the run restarts from its last commit";

    private UnknownOutcomes() {
    }

    /**
     * Marks an UNKNOWN execution and its UNKNOWN steps FAILED, in the execution and (for the steps) in the repository;
     * the caller saves the execution when it is not being finished by the job itself.
     *
     * @return whether it was UNKNOWN
     */
    public static boolean markFailed(JobExecution execution, JobRepository repository) {
        if (execution.getStatus() != BatchStatus.UNKNOWN) {
            return false;
        }
        ExitStatus failed = ExitStatus.FAILED.addExitDescription(DESCRIPTION);
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(failed);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(failed);
        return true;
    }
}
