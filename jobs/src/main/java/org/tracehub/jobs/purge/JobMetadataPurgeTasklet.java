package org.tracehub.jobs.purge;

import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Removes Spring Batch's records of job instances whose every execution ended before the cutoff:
 * through {@link JobRepository#deleteJobInstance}, which deletes step contexts, step executions, job
 * contexts, parameters, executions and the instance in foreign-key order. An instance is kept while
 * a retry could still restart it, or has resumed it and its restart is still to run: its last run failed
 * (or was stopped) and its batch is, at that attempt, still FAILED with a processing error, or CONVERTING or
 * STAGED. Without its instance such a restart would start the attempt afresh, on a new instance, from row 1.
 * Instances are visited in id order, a page per transaction.
 */
class JobMetadataPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(JobMetadataPurgeTasklet.class);
    private static final int PAGE = 200;

    private final LocalDateTime cutoff;
    private final JdbcClient jdbc;
    private final JobRepository jobRepository;
    private final BatchRepository batches;
    private long after;

    JobMetadataPurgeTasklet(LocalDateTime cutoff, JdbcClient jdbc, JobRepository jobRepository, BatchRepository batches) {
        this.cutoff = cutoff;
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
        this.batches = batches;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<Long> page = jdbc.sql("SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i WHERE i.JOB_INSTANCE_ID > :after "
                        + "AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID) "
                        + "AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID "
                        + "AND (e.END_TIME IS NULL OR e.END_TIME >= :cutoff)) "
                        + "ORDER BY i.JOB_INSTANCE_ID FETCH FIRST " + PAGE + " ROWS ONLY")
                .param("after", after)
                .param("cutoff", cutoff)
                .query(Long.class).list();
        for (long id : page) {
            after = id;
            JobInstance instance = jobRepository.getJobInstance(id);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            contribution.incrementReadCount();
            if (instance == null || last == null || retryMayRestart(instance, last)) {
                continue;
            }
            jobRepository.deleteJobInstance(instance);
            contribution.incrementWriteCount(1);
            log.debug("purged the metadata of {} instance {}", instance.getJobName(), id);
        }
        return page.size() < PAGE ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private boolean retryMayRestart(JobInstance instance, JobExecution last) {
        if (last.getStatus() != BatchStatus.FAILED && last.getStatus() != BatchStatus.STOPPED) {
            return false;
        }
        if (!instance.getJobName().equals(ImportJobParameters.JOB_NAME) && !instance.getJobName().equals(ImportJobParameters.LOAD_JOB_NAME)) {
            return false;
        }
        String batchId = last.getJobParameters().getString(ImportJobParameters.BATCH_ID);
        Long attempt = last.getJobParameters().getLong(ImportJobParameters.ATTEMPT);
        return batchId != null && attempt != null && batches.findById(batchId)
                .filter(b -> b.attempt() == attempt.intValue())
                .map(b -> switch (b.status()) {
                    case FAILED -> ErrorCodes.PROCESSING_ERROR.equals(b.failureCode()) || ErrorCodes.DISK_FULL.equals(b.failureCode());
                    // a retry resumed it (or recovery will restart it): its restart resumes this run
                    case CONVERTING, STAGED -> true;
                    default -> false;
                })
                .orElse(false);
    }
}
