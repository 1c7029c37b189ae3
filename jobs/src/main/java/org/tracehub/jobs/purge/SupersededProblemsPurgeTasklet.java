package org.tracehub.jobs.purge;

import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRetention;

/**
 * Removes the row problems and rejected rows' cells of attempts that a later loaded attempt superseded, once that load is
 * {@code superseded-problems-retention} old: nothing reads them (every page, report and receipt shows the batch's
 * current attempt), and each reprocess would otherwise leave a copy of a file's problems for ever. The batches come
 * from their mark ({@code superseded_problems_at}, V16), which the load of a later attempt sets; a batch's mark goes once
 * its superseded attempts hold nothing more. At most {@link #PROBLEMS_PER_TRANSACTION} problems go per transaction (the
 * tasklet returns {@code CONTINUABLE}; the step commits and calls it again), so a file with half a million refused rows
 * reprocessed does not make one huge transaction. Only attempts before the one the store holds are touched: a reprocess
 * or retry running meanwhile writes its own, later attempt, and the purge never runs in its transaction.
 */
class SupersededProblemsPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SupersededProblemsPurgeTasklet.class);
    private static final int PAGE = 100;
    static final int PROBLEMS_PER_TRANSACTION = 10_000;

    private final OffsetDateTime cutoff;
    private final BatchRetention retention;
    private final BatchErrorRepository errors;
    private final int problemsPerTransaction;

    SupersededProblemsPurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, BatchErrorRepository errors) {
        this(cutoff, retention, errors, PROBLEMS_PER_TRANSACTION);
    }

    SupersededProblemsPurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, BatchErrorRepository errors,
                                   int problemsPerTransaction) {
        this.cutoff = cutoff;
        this.retention = retention;
        this.errors = errors;
        this.problemsPerTransaction = problemsPerTransaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        int room = problemsPerTransaction;
        List<BatchRetention.SupersededBatch> page = retention.withSupersededProblemsSince(cutoff, PAGE);
        for (BatchRetention.SupersededBatch batch : page) {
            int deleted = errors.deleteAttemptsBefore(batch.id(), batch.loadedAttempt(), room);
            contribution.incrementWriteCount(deleted);
            if (deleted >= room) {
                // the transaction's share is spent: it commits, and the next call goes on with this batch
                log.info("purged {} problems of attempts of batch {} before attempt {}; more to go", deleted, batch.id(),
                        batch.loadedAttempt());
                return RepeatStatus.CONTINUABLE;
            }
            room -= deleted;
            if (!retention.markSupersededProblemsPurged(batch.id(), batch.loadedAttempt())) {
                log.info("batch {} loaded a later attempt than {} meanwhile: its mark stays for that one", batch.id(),
                        batch.loadedAttempt());
            }
            contribution.incrementReadCount();
            if (deleted > 0) {
                log.info("purged the problems of batch {}'s attempts before attempt {} (the store's)", batch.id(), batch.loadedAttempt());
            }
        }
        return page.size() < PAGE ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }
}
