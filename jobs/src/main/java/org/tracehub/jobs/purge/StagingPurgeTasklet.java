package org.tracehub.jobs.purge;

import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.staging.StagedEventRepository;

/**
 * Removes the staged events of batches in a final status unchanged since the cutoff (LOADED and FAILED ones hold them),
 * a page of batches per transaction, and marks each batch done ({@code staging_purged_at}, V15), so that no later night
 * reads it again: the look-up reads only batches not yet marked, not every batch ever loaded. Each batch is marked first,
 * by a compare-and-set that checks it again (a reprocess or retry started since the page was read keeps its staging);
 * its rows go in the same transaction and its files once that commits. A failed run of a batch whose staging went could
 * only resume from it, so its failed executions are abandoned with it: a later retry is refused and points to a
 * reprocess, which converts the archived original again. A batch with nothing staged (purged before V15, a failure
 * before the first chunk, a duplicate) is only marked: its runs are left as they are.
 */
class StagingPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagingPurgeTasklet.class);
    private static final int PAGE = 200;

    private final OffsetDateTime cutoff;
    private final BatchRetention retention;
    private final StagedEventRepository staged;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    StagingPurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, StagedEventRepository staged, JobRepository jobRepository,
                        JobOperator jobOperator) {
        this.cutoff = cutoff;
        this.retention = retention;
        this.staged = staged;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<BatchRetention.StagedBatch> page = retention.withStagingUnchangedSince(cutoff, PAGE);
        for (BatchRetention.StagedBatch batch : page) {
            if (!retention.markStagingPurged(batch.id(), batch.attempt(), cutoff)) {
                log.info("kept the staging of batch {}: changed since this purge read it (reprocessed or retried)", batch.id());
                continue;
            }
            int rows = staged.deleteBatch(batch.id(), batch.attempt());
            if (rows > 0) {
                abandonFailedRuns(batch.id(), batch.attempt());
                log.info("purged {} staged events of batch {}", rows, batch.id());
            }
            contribution.incrementReadCount();
            contribution.incrementWriteCount(rows);
        }
        return page.size() < PAGE ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private void abandonFailedRuns(String batchId, int attempts) throws Exception {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            for (String job : List.of(ImportJobParameters.JOB_NAME, ImportJobParameters.LOAD_JOB_NAME)) {
                JobInstance instance = jobRepository.getJobInstance(job, ImportJobParameters.of(batchId, attempt));
                JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
                if (last != null && (last.getStatus() == org.springframework.batch.core.BatchStatus.FAILED
                        || last.getStatus() == org.springframework.batch.core.BatchStatus.STOPPED)) {
                    jobOperator.abandon(last);
                }
            }
        }
    }
}
