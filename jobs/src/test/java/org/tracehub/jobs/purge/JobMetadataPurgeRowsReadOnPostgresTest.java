package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.jobs.testing.JdbcJobRepositories;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.testing.BothDatabases;

/**
 * The nightly job-metadata purge on a store of some years: thousands of failed runs kept for batches that still await a
 * retry. What a night reads stays with what changed since the last night, however many runs are kept; and a kept run
 * whose batch a reprocess loaded in the meantime goes.
 */
class JobMetadataPurgeRowsReadOnPostgresTest extends BothDatabases {

    private static final int KEPT = 1_000;
    private static final OffsetDateTime FIRST_NIGHT = OffsetDateTime.now().truncatedTo(ChronoUnit.MINUTES);

    @Test
    void aNightReadsWhatChangedSinceTheLastNotEveryKeptRunAndPurgesTheOneWhoseBatchWasReprocessed() throws Exception {
        DataSource ds = postgres();
        JdbcClient jdbc = migrate("postgresql", ds);
        LocalDateTime ended = LocalDateTime.now().minusDays(100);
        OffsetDateTime failed = FIRST_NIGHT.minusDays(10);
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, transport, received_at, "
                + "status, attempt, failure_code, updated_at) SELECT 'b' || i, 's', 'f.csv', 'f.csv', 'archive/f.csv', 1, :sha, 'SFTP', "
                + ":failed, 'FAILED', 1, 'PROCESSING_ERROR', :failed FROM generate_series(1, " + KEPT + ") i")
                .param("sha", "0".repeat(64)).param("failed", failed).update();
        jdbc.sql("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) SELECT i, 0, 'importJob', md5(i::text) "
                + "FROM generate_series(1, " + KEPT + ") i").update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME, "
                + "STATUS, EXIT_CODE, LAST_UPDATED) SELECT i, 1, i, :ended, :ended, :ended, 'FAILED', 'FAILED', :ended "
                + "FROM generate_series(1, " + KEPT + ") i").param("ended", ended).update();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, IDENTIFYING) "
                + "SELECT i, 'batchId', 'java.lang.String', 'b' || i, 'Y' FROM generate_series(1, " + KEPT + ") i "
                + "UNION ALL SELECT i, 'attempt', 'java.lang.Long', '1', 'Y' FROM generate_series(1, " + KEPT + ") i").update();
        jdbc.sql("ANALYZE").update();
        // one session, as the step's pool gives: a new PostgreSQL connection per statement would cost minutes here
        try (java.sql.Connection connection = ds.getConnection()) {
            night(new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true), FIRST_NIGHT);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_metadata_kept").query(Long.class).single()).isEqualTo(KEPT);
        // a reprocess of b7 loaded attempt 2 (its run ended a moment ago: not old enough to go)
        jdbc.sql("UPDATE batch SET attempt = 2, status = 'LOADED', failure_code = NULL, updated_at = :now WHERE id = 'b7'")
                .param("now", FIRST_NIGHT.plusHours(5)).update();

        Executed<Integer> next = executedOnPostgres(ds, false, session -> night(session, FIRST_NIGHT.plusDays(1)));

        assertThat(next.result()).as("b7's failed run").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = 7").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_metadata_kept").query(Long.class).single()).isEqualTo(KEPT - 1);
        assertThat(next.rowsRead()).as(next.plans()).isNotEmpty().allSatisfy(rows -> assertThat(rows).isLessThanOrEqualTo(10L));
    }

    /** One night's purge of job metadata, page by page as its step runs it; the instances it purged. */
    private static int night(DataSource ds, OffsetDateTime runAt) {
        JdbcClient jdbc = JdbcClient.create(ds);
        InsertIfAbsent inserts = new InsertIfAbsent(ds);
        JobMetadataPurgeTasklet tasklet = new JobMetadataPurgeTasklet(
                runAt.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime().minusDays(90), runAt,
                new JobMetadataCandidates(jdbc, inserts), JdbcJobRepositories.on(ds), new BatchRepository(jdbc, inserts, Clock.systemUTC()));
        StepContribution contribution = MetaDataInstanceFactory.createStepExecution().createStepContribution();
        while (tasklet.execute(contribution, null) == RepeatStatus.CONTINUABLE) {
            // the next page
        }
        return (int) contribution.getWriteCount();
    }
}
