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
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.staging.StagedEventRepository;

/**
 * Removes the staged events of LOADED and FAILED batches unchanged since the cutoff, a page of
 * batches per transaction. A failed run of such a batch could only resume from its staging, so its
 * failed executions are abandoned with it: a later retry is refused and points to a reprocess,
 * which converts the archived original again.
 */
class StagingPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagingPurgeTasklet.class);
    private static final int PAGE = 200;

    private final OffsetDateTime cutoff;
    private final BatchRetention retention;
    private final BatchRepository batches;
    private final StagedEventRepository staged;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    StagingPurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, BatchRepository batches, StagedEventRepository staged,
                        JobRepository jobRepository, JobOperator jobOperator) {
        this.cutoff = cutoff;
        this.retention = retention;
        this.batches = batches;
        this.staged = staged;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<String> page = retention.withStagingUnchangedSince(cutoff, PAGE);
        for (String batchId : page) {
            Batch batch = batches.findById(batchId).orElseThrow();
            if (!retention.isStagingDone(batch, cutoff)) {
                log.info("kept the staging of batch {}: {} since this purge began", batchId, batch.status());
                continue;
            }
            abandonFailedRuns(batchId, batch.attempt());
            int rows = staged.deleteBatch(batchId, batch.attempt());
            contribution.incrementReadCount();
            contribution.incrementWriteCount(rows);
            log.info("purged {} staged events of batch {} ({})", rows, batchId, batch.status());
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
