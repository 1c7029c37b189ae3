package org.tracehub.jobs.importjob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts the import or load job of a batch attempt, also when a crash left the attempt's job instance without any
 * execution.
 *
 * <p>Spring Batch 6 starts a job in two repository calls, each its own transaction: it creates the job instance, then its
 * first execution. A process killed between the two (or a database error on the second) leaves an instance that no
 * execution belongs to, and every later {@link JobOperator#start} of the same parameters fails with
 * {@code IllegalStateException: Cannot find any job execution for job instance} — the batch would stay CONVERTING or
 * STAGED for ever. Such an instance holds nothing (no step ran, no context was saved), so it is deleted and the job
 * started anew.
 *
 * <p>Only for starts that one owner makes for an attempt at a time (the launcher after its compare-and-set, start-up
 * recovery, the nightly sync's load of a batch): a start of the same parameters running on another thread could be
 * between its two calls, and its instance must not be taken for a crash's.
 */
public final class AttemptJobStarts {

    private static final Logger log = LoggerFactory.getLogger(AttemptJobStarts.class);

    private AttemptJobStarts() {
    }

    /** {@link JobOperator#start}, after deleting an instance of these parameters that has no execution. */
    public static JobExecution start(JobOperator jobOperator, JobRepository jobRepository, Job job, JobParameters params)
            throws Exception {
        deleteInstanceWithoutExecution(jobRepository, job.getName(), params);
        return jobOperator.start(job, params);
    }

    /** Deletes the job instance of these parameters if it has no execution; whether there was one. */
    public static boolean deleteInstanceWithoutExecution(JobRepository jobRepository, String jobName, JobParameters params) {
        JobInstance instance = jobRepository.getJobInstance(jobName, params);
        if (instance == null || !jobRepository.getJobExecutions(instance).isEmpty()) {
            return false;
        }
        log.warn("{} instance {} ({}) has no execution: a crash fell between creating it and its first execution; "
                + "deleting it so that the job can start", jobName, instance.getInstanceId(), params);
        jobRepository.deleteJobInstance(instance);
        return true;
    }
}
