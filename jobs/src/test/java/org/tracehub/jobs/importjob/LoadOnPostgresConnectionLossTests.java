package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.testing.LocalPostgres;
import org.tracehub.samples.generator.GenerationResult;
import org.tracehub.samples.generator.SampleGenerator;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The import job on a real PostgreSQL whose connections are dropped while the load step is half-way (a PostgreSQL
 * restart or failover, here {@code pg_terminate_backend} on every connection of the hub): the batch must end FAILED
 * with its receipt, not stay STAGED for ever, and the admins' retry must load it completely, each event once.
 * The store is a {@link LocalPostgres} from Debian's binaries, connected as the hub's postgres profile connects.
 */
@Tag("slow")
@Import(LoadOnPostgresConnectionLossTests.OnLocalPostgres.class)
@TestPropertySource(properties = {
        "hub.jobs.chunk-size=100",                 // pages of 100 events ...
        "hub.jobs.load-transaction-size=200"})     // ... two to a transaction: the load commits many times before the pause
class LoadOnPostgresConnectionLossTests extends ImportJobTestSupport {

    private static final int ROWS = 4_000;
    /** The load is held at the first event from this file row on, after some 15 committed transactions. */
    private static final int PAUSE_AT_ROW = 3_000;
    private static final long PAUSE_LOCK = 4242;

    /**
     * The test's PostgreSQL and a pool as the postgres profile makes it (a {@code @Bean} class that is only imported: the
     * jobs tests' component scan must not find it). The pool closes before the server stops.
     */
    static class OnLocalPostgres {

        @Bean(destroyMethod = "close")
        LocalPostgres localPostgres() throws Exception {
            return LocalPostgres.startForTests();
        }

        @Bean
        HikariDataSource dataSource(LocalPostgres postgres) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(postgres.jdbcUrl());
            pool.setUsername(postgres.user());
            pool.setPassword("");
            pool.setConnectionTimeout(5_000);
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
            return pool;
        }
    }

    @Autowired
    LocalPostgres postgres;

    @Autowired
    BatchActions actions;

    @Test
    void aLoadWhoseConnectionsAreDroppedHalfWayFailsItsBatchAndARetryLoadsEveryEventOnce() throws Exception {
        Path dir = Files.createTempDirectory(dataDir, "generated");
        GenerationResult generated = SampleGenerator.generate(SOURCE, ROWS, 7, dir);
        String batchId = receive(generated.file().getFileName().toString(), Files.readAllBytes(generated.file()));

        try (Connection test = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement sql = test.createStatement();
             CompletedTopic topic = subscribe(batchId)) {
            // a real row trigger that makes the load's transaction wait for a lock this connection holds
            sql.execute("CREATE FUNCTION test_pause() RETURNS trigger AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared("
                    + PAUSE_LOCK + "); RETURN NEW; END $$ LANGUAGE plpgsql");
            sql.execute("CREATE TRIGGER test_pause BEFORE INSERT ON trace_event FOR EACH ROW WHEN (NEW.row_no >= " + PAUSE_AT_ROW
                    + ") EXECUTE FUNCTION test_pause()");
            sql.execute("SELECT pg_advisory_lock(" + PAUSE_LOCK + ")");

            CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return launcher.run(batchId);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                    single(sql, "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'") > 0);
            long committed = single(sql, "SELECT COUNT(*) FROM trace_event WHERE batch_id = '" + batchId + "'");
            assertThat(committed).as("events committed before the pause").isPositive();
            assertThat(batch(batchId).status()).isEqualTo(BatchStatus.STAGED);

            // every connection of the hub's pool dropped, as a PostgreSQL restart drops them
            long terminated = single(sql, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            assertThat(terminated).isPositive();
            sql.execute("SELECT pg_advisory_unlock(" + PAUSE_LOCK + ")");
            sql.execute("DROP TRIGGER test_pause ON trace_event");

            // whatever the run's own end, the batch must not stay STAGED: FAILED, for the admins to retry
            try {
                run.get(2, TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException runFailed) {
                // the launcher may throw; the batch row is what matters
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> batch(batchId).status() == BatchStatus.FAILED);
            Batch failed = batch(batchId);
            assertThat(failed.failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
            assertThat(topic.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            assertThat(count("SELECT COUNT(*) FROM trace_event WHERE batch_id = ?", batchId)).isLessThan(failed.rowsAccepted());

            // the admins' retry: the same attempt, the failed run restarted where it stopped
            BatchActions.Started retry = actions.retry(batchId);
            assertThat(retry.attempt()).isEqualTo(1);
            assertThat(retry.completion().get(3, TimeUnit.MINUTES).getStatus())
                    .isEqualTo(org.springframework.batch.core.BatchStatus.COMPLETED);
            assertThat(topic.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }

        Batch loaded = batch(batchId);
        assertThat(loaded.status()).isEqualTo(BatchStatus.LOADED);
        assertThat(loaded.rowsAccepted()).isGreaterThan(ROWS / 2);
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE batch_id = ?", batchId)).isEqualTo(loaded.rowsAccepted());
        assertThat(count("SELECT COUNT(DISTINCT row_no) FROM trace_event WHERE batch_id = ?", batchId)).isEqualTo(loaded.rowsAccepted());
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", batchId)).isEqualTo(loaded.rowsAccepted());
        // no row's problem or warning twice: the pages loaded again after the restart did not report again
        assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ?", batchId))
                .isEqualTo(count("SELECT COUNT(*) FROM (SELECT DISTINCT row_no, code, column_name, message FROM batch_error "
                        + "WHERE batch_id = ?) d", batchId));
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
