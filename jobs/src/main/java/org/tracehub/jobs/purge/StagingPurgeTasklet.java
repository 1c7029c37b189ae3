package org.tracehub.jobs.purge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StagedPayloadFiles;

/**
 * Removes the staged events of batches in a final status unchanged since the cutoff (LOADED and FAILED ones hold them),
 * a page of batches read per step transaction and each batch purged in a transaction of its own, and marks each batch
 * done ({@code staging_purged_at}, V15), so that no later night reads it again: the look-up reads only batches not yet
 * marked, not every batch ever loaded. Each batch is marked first, by a compare-and-set that checks it again (a reprocess
 * or retry started since the page was read keeps its staging); then its staged XML files go, then its rows, and the
 * batch's transaction commits. A failed run of a batch whose staging went could only resume from it, so its failed
 * executions are abandoned with it: a later retry is refused and points to a reprocess, which converts the archived
 * original again. A batch with nothing staged (purged before V15, a failure before the first chunk, a duplicate) is only
 * marked: its runs are left as they are.
 *
 * <p>The mark locks the batch row until its transaction commits: one transaction per batch, not per page, so that an
 * admin's reprocess or retry of a batch the page has done waits for nothing (before, it waited for the whole page, up to
 * 200 batches' files and rows; on H2 past the lock timeout, refused as busy), and of the batch being purged only for that
 * batch's files and rows. A crash loses at most the batch it was at; the batches before it are done, the rest are read
 * again by the next run.
 *
 * <p>The files go before the rows commit, not after, so that a file that cannot be deleted (a permission, an immutable
 * attribute, a folder where the file should be) is known while the batch can still be left as it was: it is logged at
 * ERROR and counted ({@link NotDeleted}), its mark is rolled back with its transaction, its rows stay, and the next run
 * tries again; the step goes on with the next batch. Deleted after the commit, such a file stayed for ever beside a batch
 * marked done. Should the batch's transaction fail after its files went, the batch stays unmarked with rows whose XML is
 * gone: the next run purges them; until then a retry of it fails its load (a reprocess does not need them).
 */
class StagingPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagingPurgeTasklet.class);
    private static final int PAGE = 200;

    private final OffsetDateTime cutoff;
    private final BatchRetention retention;
    private final StagedEventRepository staged;
    private final StagedPayloadFiles files;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    /** Each batch's mark, files and rows, in a transaction of its own: committed before the next batch is begun. */
    private final TransactionTemplate perBatch;
    /** Batches whose staged files could not be deleted in this run: left for the next one, not read again now. */
    private final Set<String> kept = new HashSet<>();

    StagingPurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, StagedEventRepository staged, StagedPayloadFiles files,
                        JobRepository jobRepository, JobOperator jobOperator, PlatformTransactionManager tx) {
        this.cutoff = cutoff;
        this.retention = retention;
        this.staged = staged;
        this.files = files;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.perBatch = new TransactionTemplate(tx);
        // not a savepoint of the step's transaction (NESTED), which held each mark and its row lock to the end of the page
        this.perBatch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // the batches kept in this run are still unmarked and come first again: read past them
        int limit = PAGE + kept.size();
        List<BatchRetention.StagedBatch> page = retention.withStagingUnchangedSince(cutoff, limit);
        for (BatchRetention.StagedBatch batch : page) {
            if (kept.contains(batch.id())) {
                continue;
            }
            Integer rows = perBatch.execute(status -> purge(batch, status, contribution));
            if (rows == null) {
                continue;
            }
            contribution.incrementReadCount();
            contribution.incrementWriteCount(rows);
        }
        return page.size() < limit ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    /** The batch's staging purged: its rows removed; null when it changed meanwhile or its files could not be deleted. */
    private Integer purge(BatchRetention.StagedBatch batch, TransactionStatus status, StepContribution contribution) {
        if (!retention.markStagingPurged(batch.id(), batch.attempt(), cutoff)) {
            log.info("kept the staging of batch {}: changed since this purge read it (reprocessed or retried)", batch.id());
            return null;
        }
        for (int attempt = 1; attempt <= batch.attempt(); attempt++) {
            Path file = files.file(batch.id(), attempt);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                status.setRollbackOnly();
                kept.add(batch.id());
                contribution.incrementReadCount();
                NotDeleted.record(contribution.getStepExecution(), file, e, "batch " + batch.id()
                        + " keeps its staging and is purged again in the next run");
                return null;
            }
        }
        // the rows, and once this commits the batch's staging folder (the files are gone already)
        int rows = staged.deleteBatch(batch.id(), batch.attempt());
        if (rows > 0) {
            try {
                abandonFailedRuns(batch.id(), batch.attempt());
            } catch (JobExecutionAlreadyRunningException e) {
                throw new IllegalStateException("a run of batch " + batch.id() + " started while its staging was purged", e);
            }
            log.info("purged {} staged events of batch {}", rows, batch.id());
        }
        return rows;
    }

    private void abandonFailedRuns(String batchId, int attempts) throws JobExecutionAlreadyRunningException {
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
