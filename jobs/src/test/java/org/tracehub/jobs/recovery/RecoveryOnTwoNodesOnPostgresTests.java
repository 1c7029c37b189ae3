package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.tracehub.jobs.importjob.BatchReporter;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.testing.LocalPostgres;

/**
 * Start-up recovery of two nodes sharing one real PostgreSQL (Debian's binaries, {@link LocalPostgres}): this context is
 * node A; node B is a second {@link InterruptedJobRecovery} under another node id on the same database, as a second hub
 * process would make it. Node A's restarted run is held in its convert step by a trigger that waits for an advisory lock the
 * test holds, as a half-hour import would take its time.
 */
@Tag("slow")
@Import(RecoveryOnTwoNodesOnPostgresTests.OnLocalPostgres.class)
class RecoveryOnTwoNodesOnPostgresTests extends ImportJobTestSupport {

    private static final String NODE_B = "hub-2:/srv/hub";
    private static final long PAUSE_LOCK = 4343;

    /** The test's PostgreSQL and a pool as the postgres profile makes it (imported only: the component scan must not find it). */
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
            return pool;
        }
    }

    @Autowired
    RunningExecutions running;

    @Autowired
    LocalPostgres postgres;

    @Autowired
    InterruptedJobRecovery recovery;

    @Autowired
    HubNodes nodes;

    @Autowired
    HubNode self;

    @Autowired
    RecoveryLock lock;

    @Autowired
    BatchAttempts attempts;

    @Autowired
    BatchReporter reporter;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ObjectProvider<QueuedRuns> queued;

    @Test
    void aSecondNodesRecoveryEndsWhileTheFirstNodesRestartedRunStillRuns() throws Exception {
        String held = receive(FILE_NAME, reExport("XJM26130100"));
        JobExecution heldRun = killedHalfWay(held);
        String ofB = receive(FILE_NAME, reExport("XJM26130200"));
        JobExecution runOfB = killedHalfWay(ofB);
        jdbc.sql("UPDATE job_execution_node SET node_id = ? WHERE job_execution_id = ?").params(NODE_B, runOfB.getId()).update();
        nodes.beat(NODE_B, OffsetDateTime.now(clock)); // alive: node A leaves B's run to B

        try (Connection test = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement sql = test.createStatement()) {
            pauseConvertOf(sql, held);
            CompletableFuture<InterruptedJobRecovery.Report> a = CompletableFuture.supplyAsync(
                    () -> recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)));
            awaitConvertHeld(sql);

            InterruptedJobRecovery.Report b = CompletableFuture.supplyAsync(
                    () -> nodeB().recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1))).get(2, TimeUnit.MINUTES);

            assertThat(b.recovered()).containsExactly(runOfB.getId());
            assertThat(b.restarted()).containsExactly(runOfB.getId());
            assertThat(batch(ofB).status()).isEqualTo(BatchStatus.LOADED);
            assertThat(a).as("node A's restart still runs").isNotDone();
            assertThat(batch(held).status()).isIn(BatchStatus.CONVERTING, BatchStatus.STAGED);

            sql.execute("SELECT pg_advisory_unlock(" + PAUSE_LOCK + ")");
            InterruptedJobRecovery.Report ofA = a.get(2, TimeUnit.MINUTES);
            assertThat(ofA.restarted()).containsExactly(heldRun.getId());
            assertThat(batch(held).status()).isEqualTo(BatchStatus.LOADED);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_pause ON staged_event").update();
        }
    }

    /**
     * Node A decides under the lock to restart a batch, releases the lock, and its restart waits behind another one; node
     * B's look meanwhile finds the batch CONVERTING, unchanged for node-timeout, its last run FAILED: A's claim on that
     * run leaves the batch to A, which restarts it once.
     */
    @Test
    void aBatchWhoseRestartAnotherNodeDecidedIsLeftToThatNodeUntilItRuns() throws Exception {
        String held = receive(FILE_NAME, reExport("XJM26130300"));
        JobExecution heldRun = killedHalfWay(held);
        String queuedBehind = receive(FILE_NAME, reExport("XJM26130400"));
        JobExecution queuedRun = killedHalfWay(queuedBehind);
        // as if the crash was long ago: another node's look takes batches unchanged for node-timeout (10 min)
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusMinutes(11), queuedBehind).update();

        try (Connection test = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement sql = test.createStatement()) {
            pauseConvertOf(sql, held);
            CompletableFuture<InterruptedJobRecovery.Report> a = CompletableFuture.supplyAsync(
                    () -> recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)));
            awaitConvertHeld(sql);
            assertThat(jobRepository.getJobExecution(queuedRun.getId()).getStatus())
                    .isEqualTo(org.springframework.batch.core.BatchStatus.FAILED);

            InterruptedJobRecovery.Report b = CompletableFuture.supplyAsync(
                    () -> nodeB().recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1))).get(2, TimeUnit.MINUTES);

            assertThat(b.batchesTakenUp()).doesNotContain(queuedBehind, held);
            assertThat(batch(queuedBehind).status()).isEqualTo(BatchStatus.CONVERTING);

            sql.execute("SELECT pg_advisory_unlock(" + PAUSE_LOCK + ")");
            InterruptedJobRecovery.Report ofA = a.get(2, TimeUnit.MINUTES);
            assertThat(ofA.restarted()).containsExactly(heldRun.getId(), queuedRun.getId());
            assertThat(batch(queuedBehind).status()).isEqualTo(BatchStatus.LOADED);
            assertThat(jobRepository.getJobExecutions(queuedRun.getJobInstance())).as("the killed run and one restart").hasSize(2);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_pause ON staged_event").update();
        }
    }

    /**
     * As above for a batch left CONVERTING without any job: node A's start of it waits behind A's held restart; node B's
     * look after the lock finds no run to claim, and A's claim on the batch row leaves the batch to A, which imports it once.
     */
    @Test
    void aBatchWithoutAJobWhoseStartAnotherNodeDecidedIsLeftToThatNodeAndImportedOnce() throws Exception {
        String held = receive(FILE_NAME, reExport("XJM26130500"));
        JobExecution heldRun = killedHalfWay(held);
        String withoutJob = receive(FILE_NAME, reExport("XJM26130600"));
        assertThat(attempts.startNextAttempt(withoutJob, java.util.Set.of(BatchStatus.RECEIVED))).hasValue(1);
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusMinutes(11), withoutJob).update();
        nodes.beat(NODE_B, OffsetDateTime.now(clock));

        try (Connection test = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement sql = test.createStatement()) {
            pauseConvertOf(sql, held);
            CompletableFuture<InterruptedJobRecovery.Report> a = CompletableFuture.supplyAsync(
                    () -> recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)));
            awaitConvertHeld(sql);

            InterruptedJobRecovery.Report b = CompletableFuture.supplyAsync(
                    () -> nodeB().recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1))).get(2, TimeUnit.MINUTES);

            assertThat(b.batchesTakenUp()).doesNotContain(withoutJob, held);
            assertThat(batch(withoutJob).status()).isEqualTo(BatchStatus.CONVERTING);

            sql.execute("SELECT pg_advisory_unlock(" + PAUSE_LOCK + ")");
            InterruptedJobRecovery.Report ofA = a.get(2, TimeUnit.MINUTES);
            assertThat(ofA.restarted()).contains(heldRun.getId());
            assertThat(ofA.batchesTakenUp()).contains(withoutJob);
            assertThat(batch(withoutJob).status()).isEqualTo(BatchStatus.LOADED);
            assertThat(jobRepository.getJobExecutions(lastExecution(withoutJob, 1).getJobInstance())).as("one import").hasSize(1);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_pause ON staged_event").update();
        }
    }

    /** Node B: another node id, heartbeat and record of its runs, on the same database, job repository and lock. */
    private InterruptedJobRecovery nodeB() {
        HubNode b = new HubNode(NODE_B, ".");
        Duration nodeTimeout = Duration.ofMinutes(10);
        return new InterruptedJobRecovery(jobRepository, jobOperator, importJob, batches, attempts, reporter, events, clock, nodes, b,
                new NodeHeartbeat(nodes, b, clock, Duration.ofSeconds(30)), lock, new ExecutionsRunningHere(nodeTimeout), running, queued,
                new RunningJobsStop(new ExecutionsRunningHere(nodeTimeout), Duration.ofSeconds(30)), true, 2, nodeTimeout);
    }

    /**
     * A real row trigger that holds the convert step of one batch (its resumed chunk, on staging its row 11) until this
     * connection releases the advisory lock. Not the load: a load held half-way holds row locks the other batches' loads
     * wait for.
     */
    private static void pauseConvertOf(Statement sql, String batchId) throws SQLException {
        sql.execute("CREATE OR REPLACE FUNCTION test_pause() RETURNS trigger AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared("
                + PAUSE_LOCK + "); RETURN NEW; END $$ LANGUAGE plpgsql");
        sql.execute("CREATE TRIGGER test_pause BEFORE INSERT ON staged_event FOR EACH ROW WHEN (NEW.batch_id = '" + batchId
                + "') EXECUTE FUNCTION test_pause()");
        sql.execute("SELECT pg_advisory_lock(" + PAUSE_LOCK + ")");
    }

    private static void awaitConvertHeld(Statement sql) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    + "AND wait_event = 'advisory'")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }
}
