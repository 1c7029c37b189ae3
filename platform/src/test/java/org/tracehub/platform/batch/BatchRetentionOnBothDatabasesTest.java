package org.tracehub.platform.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * What the purge job asks of the batch table, and the marks it leaves there so that a night reads only what is left to
 * do, on H2 and on a real PostgreSQL, including a store upgraded from before the marks.
 */
class BatchRetentionOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final OffsetDateTime NOW = OffsetDateTime.now(CLOCK);
    private static final OffsetDateTime LONG_AGO = NOW.minusDays(40);
    private static final OffsetDateTime STAGING_CUTOFF = NOW.minusDays(30);

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theStagingPurgeSelectsEveryFinalBatchOnceUntilANewAttemptOrARetryMayStageAgain(String vendor, DataSource ds) {
        // a store as V14 left it: a batch loaded and one failed, both purged by the purge of then, which left no mark; a
        // duplicate; one still waiting for its nightly load
        JdbcClient jdbc = migrateTo(vendor, ds, "14");
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        String loaded = received(ds, "20261001-0000000001", BatchStatus.LOADED, 1);
        String failed = received(ds, "20261001-0000000002", BatchStatus.FAILED, 2);
        String duplicate = received(ds, "20261001-0000000003", BatchStatus.DUPLICATE, 0);
        String waiting = received(ds, "20261001-0000000004", BatchStatus.STAGED, 1);
        upgrade(vendor, ds);
        BatchRetention retention = new BatchRetention(jdbc, CLOCK);
        BatchAttempts attempts = new BatchAttempts(jdbc, CLOCK, batches);

        assertThat(retention.withStagingUnchangedSince(STAGING_CUTOFF, 10)).as("selected once more after the upgrade")
                .containsExactly(new BatchRetention.StagedBatch(loaded, 1), new BatchRetention.StagedBatch(failed, 2),
                        new BatchRetention.StagedBatch(duplicate, 0));
        assertThat(retention.withStagingUnchangedSince(STAGING_CUTOFF, 2)).hasSize(2);
        assertThat(retention.withStagingUnchangedSince(LONG_AGO, 10)).as("changed since the cutoff").isEmpty();

        assertThat(retention.markStagingPurged(failed, 1, STAGING_CUTOFF)).as("read at another attempt").isFalse();
        assertThat(retention.markStagingPurged(loaded, 1, LONG_AGO)).as("changed since the cutoff").isFalse();
        assertThat(retention.markStagingPurged(waiting, 1, STAGING_CUTOFF)).as("not final").isFalse();
        for (BatchRetention.StagedBatch b : retention.withStagingUnchangedSince(STAGING_CUTOFF, 10)) {
            assertThat(retention.markStagingPurged(b.id(), b.attempt(), STAGING_CUTOFF)).isTrue();
        }
        assertThat(retention.markStagingPurged(loaded, 1, STAGING_CUTOFF)).as("marked already").isFalse();
        assertThat(retention.withStagingUnchangedSince(STAGING_CUTOFF, 10)).as("the next night").isEmpty();

        // a reprocess of the loaded batch and a retry of the failed one may stage again: the marks go
        assertThat(attempts.startNextAttempt(loaded, Set.of(BatchStatus.LOADED))).hasValue(2);
        assertThat(attempts.resumeFailed(failed, 2, BatchStatus.CONVERTING)).isTrue();
        assertThat(retention.withStagingUnchangedSince(STAGING_CUTOFF, 10)).as("busy again").isEmpty();
        jdbc.sql("UPDATE batch SET status = 'LOADED', updated_at = ? WHERE id IN (?, ?)").params(LONG_AGO, loaded, failed).update();
        assertThat(retention.withStagingUnchangedSince(STAGING_CUTOFF, 10))
                .containsExactly(new BatchRetention.StagedBatch(loaded, 2), new BatchRetention.StagedBatch(failed, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theProblemsOfAttemptsALaterLoadedAttemptSupersededGoAFewAtATimeAndTheMarkWithThem(String vendor, DataSource ds) {
        // before V16: a batch reprocessed and loaded as attempt 2, one loaded once
        JdbcClient jdbc = migrateTo(vendor, ds, "15");
        String reprocessed = received(ds, "20261001-0000000011", BatchStatus.LOADED, 2);
        String once = received(ds, "20261001-0000000012", BatchStatus.LOADED, 1);
        jdbc.sql("UPDATE batch SET loaded_attempt = attempt").update();
        BatchErrorRepository errors = new BatchErrorRepository(new org.springframework.jdbc.core.JdbcTemplate(ds));
        problems(errors, reprocessed, 1, 3, 5, 8, 10);   // rows 3, 5, 8 and 10 of attempt 1, two problems each
        problems(errors, reprocessed, 2, 5, 8);
        problems(errors, once, 1, 4);
        upgrade(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        BatchRetention retention = new BatchRetention(jdbc, CLOCK);
        BatchAttempts attempts = new BatchAttempts(jdbc, CLOCK, batches);

        assertThat(retention.withSupersededProblemsSince(LONG_AGO, 10)).as("marked from its last change, 40 days ago").isEmpty();
        assertThat(retention.withSupersededProblemsSince(NOW, 10)).containsExactly(new BatchRetention.SupersededBatch(reprocessed, 2));

        // three problems at a time: attempt 1's rows 3 and 5 (the rest of row 5's problems with it), then 8 and 10, then none
        assertThat(errors.deleteAttemptsBefore(reprocessed, 2, 3)).isEqualTo(4);
        assertThat(rows(jdbc, reprocessed, "batch_error")).containsExactly("1/8", "1/8", "1/10", "1/10", "2/5", "2/5", "2/8", "2/8");
        assertThat(rows(jdbc, reprocessed, "rejected_row")).containsExactly("1/8", "1/10", "2/5", "2/8");
        assertThat(errors.deleteAttemptsBefore(reprocessed, 2, 4)).isEqualTo(4);
        assertThat(errors.deleteAttemptsBefore(reprocessed, 2, 4)).isZero();
        assertThat(rows(jdbc, reprocessed, "batch_error")).containsExactly("2/5", "2/5", "2/8", "2/8");
        assertThat(rows(jdbc, reprocessed, "rejected_row")).containsExactly("2/5", "2/8");
        assertThat(errors.problemsOf(once, 1)).hasSize(2);
        assertThat(retention.markSupersededProblemsPurged(reprocessed, 2)).isTrue();
        assertThat(retention.withSupersededProblemsSince(NOW, 10)).isEmpty();

        // a third attempt loads: attempt 2 is superseded now, marked by that load; a first load marks nothing
        assertThat(attempts.startNextAttempt(reprocessed, Set.of(BatchStatus.LOADED))).hasValue(3);
        assertThat(attempts.markLoaded(reprocessed, 3)).isTrue();
        assertThat(attempts.markLoaded(once, 1)).isTrue();
        assertThat(retention.withSupersededProblemsSince(NOW.plusSeconds(1), 10))
                .containsExactly(new BatchRetention.SupersededBatch(reprocessed, 3));
        assertThat(retention.markSupersededProblemsPurged(reprocessed, 2)).as("read before attempt 3 loaded").isFalse();
        assertThat(retention.withSupersededProblemsSince(NOW.plusSeconds(1), 10)).hasSize(1);
    }

    private static void problems(BatchErrorRepository errors, String batchId, int attempt, long... rows) {
        for (long row : rows) {
            errors.replaceRow(batchId, attempt, row, List.of(
                    new RowProblem(row, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "统一社会信用代码含非法字符", "9131"),
                    new RowProblem(row, "重量(斤)", "quantity", "ERROR", "QUANTITY_NOT_POSITIVE", "重量应大于0", "-35")), "[\"" + row + "\"]");
        }
    }

    /** The batch's rows of a table as attempt/row, in key order. */
    private static List<String> rows(JdbcClient jdbc, String batchId, String table) {
        return jdbc.sql("SELECT attempt, row_no FROM " + table + " WHERE batch_id = ? ORDER BY attempt, row_no").param(batchId)
                .query((rs, i) -> rs.getInt(1) + "/" + rs.getLong(2)).list();
    }

    /** A batch as intake records it, then moved to a status and attempt as its jobs left it 40 days ago. */
    static String received(DataSource ds, String id, BatchStatus status, int attempt) {
        JdbcClient jdbc = JdbcClient.create(ds);
        // an insert alone: the repository's queries read the columns of the newest version, the store may be older
        new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK).insertTerminal(new NewBatch(id, "meat-wholesale-xj", "f.csv", "f.csv",
                "archive/" + id + "/f.csv", 1, id.repeat(4).substring(0, 64), Transport.SFTP, LONG_AGO), BatchStatus.RECEIVED, null, null, null);
        jdbc.sql("UPDATE batch SET status = ?, attempt = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), attempt, LONG_AGO, id).update();
        return id;
    }
}
