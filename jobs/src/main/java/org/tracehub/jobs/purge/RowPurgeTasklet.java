package org.tracehub.jobs.purge;

import java.time.OffsetDateTime;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes the rows of a log table past their age, at most {@link #ROWS_PER_TRANSACTION} per transaction (the step
 * commits and calls again while a call deleted that many), so that the first run after an upgrade, with years of rows,
 * does not make one huge transaction.
 */
class RowPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RowPurgeTasklet.class);
    static final int ROWS_PER_TRANSACTION = 10_000;

    private final String what;
    /** Deletes up to the given number of rows; answers how many it deleted. */
    private final IntUnaryOperator deleteUpTo;

    RowPurgeTasklet(String what, IntUnaryOperator deleteUpTo) {
        this.what = what;
        this.deleteUpTo = deleteUpTo;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        int deleted = deleteUpTo.applyAsInt(ROWS_PER_TRANSACTION);
        contribution.incrementWriteCount(deleted);
        if (deleted > 0) {
            log.info("purged {} {}", deleted, what);
        }
        return deleted >= ROWS_PER_TRANSACTION ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }

    /** Audit log entries older than the cutoff, oldest first, through {@code ix_audit_log_acted_at}. */
    static RowPurgeTasklet auditLog(OffsetDateTime cutoff, JdbcClient jdbc) {
        return new RowPurgeTasklet("audit log entries older than " + cutoff, limit -> jdbc.sql("DELETE FROM audit_log WHERE id IN "
                        + "(SELECT id FROM audit_log WHERE acted_at < :cutoff ORDER BY acted_at FETCH FIRST :limit ROWS ONLY)")
                .param("cutoff", cutoff).param("limit", limit).update());
    }

    /**
     * Records of remote files fetched before the cutoff by pulls that move or delete what they fetch
     * ({@link PullFetchedSources}): the file has long left the remote folder, and the record only stood in for it while a
     * move or delete the server refused left it there. A remembering pull's records are its memory (the file stays and
     * would be fetched again), and a source no longer configured may come back: theirs stay.
     */
    static RowPurgeTasklet pullFetched(OffsetDateTime cutoff, PullFetchedSources sources, JdbcClient jdbc) {
        return new RowPurgeTasklet("records of remote files fetched before " + cutoff, limit -> {
            int deleted = 0;
            for (String source : sources.movingOrDeleting()) {
                deleted += jdbc.sql("DELETE FROM pull_fetched WHERE source_id = :source AND key_hash IN (SELECT key_hash FROM "
                                + "pull_fetched WHERE source_id = :source AND fetched_at < :cutoff FETCH FIRST :limit ROWS ONLY)")
                        .param("source", source).param("cutoff", cutoff).param("limit", limit - deleted).update();
                if (deleted >= limit) {
                    break;
                }
            }
            return deleted;
        });
    }
}
