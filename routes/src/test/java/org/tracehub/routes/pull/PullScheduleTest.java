package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.platform.sql.InsertIfAbsent;

/**
 * The retries of a source's pull: a failed run is retried up to {@code max-attempts} times, and every later scheduled or
 * requested run has retries of its own however long the source has been failing. And the run a cron missed while the hub
 * was down: pulled once when the schedule starts. And a pull state the database will not write: the pull goes on without
 * it. On the embedded H2 database, the node alone, no run waits for a lock (for PostgreSQL: {@code PullLockOnPostgresTest}).
 */
class PullScheduleTest {

    private final ThreadPoolTaskScheduler tasks = new ThreadPoolTaskScheduler();
    private final DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:pull-schedule" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
            "sa", "");
    private final AtomicInteger polls = new AtomicInteger();

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    @Test
    void everyRequestedRunAfterAFailingNightHasItsOwnRetries() {
        tasks.initialize();
        PullStatusStore status = migratedStatus();
        PullProperties.Retry retry = new PullProperties.Retry();
        retry.setInitialDelay(Duration.ofMillis(10));
        retry.setMaxDelay(Duration.ofMillis(20));
        retry.setMaxAttempts(2);
        PullSchedule schedule = new PullSchedule("legacy", "", tasks, status, retry, Clock.systemUTC(),
                new AdvisoryLocks(h2));
        // the poll as the sftp consumer runs it: the server refuses every time
        schedule.scheduleTask(() -> {
            schedule.begin(null, null);
            polls.incrementAndGet();
            schedule.rollback(null, null, 0, new IllegalStateException("connection refused"));
        });
        schedule.startScheduler();

        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 3);

        // the next night: one run and its two retries again, though the source has failed three times in a row before
        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 6);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 6);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status.find("legacy")).get()
                .extracting(PullStatus::consecutiveFailures).as("the failures in a row since the last success, for health").isEqualTo(6));
    }

    @Test
    void aPullWhoseCronWasDueWhileTheHubWasDownPullsOnceWhenItStarts() {
        // due at 02:30 every night; the hub was down over this night's 02:30 and starts at 07:45; the last pull that
        // succeeded was the night before's
        RecordedStatus status = new RecordedStatus(lastPull(OffsetDateTime.parse("2026-11-28T02:30:04+08:00")));

        startNightlyPullAt("2026-11-29T07:45:00+08:00", status);

        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 1);
    }

    @Test
    void aPullThatSucceededSinceItsCronWasLastDueWaitsForTheNextDueTime() {
        RecordedStatus status = new RecordedStatus(lastPull(OffsetDateTime.parse("2026-11-29T02:30:04+08:00")));

        startNightlyPullAt("2026-11-29T07:45:00+08:00", status);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 0);
    }

    @Test
    void aSourceThatNeverPulledWaitsForItsCron() {
        startNightlyPullAt("2026-11-29T07:45:00+08:00", new RecordedStatus(null));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> polls.get() == 0);
    }

    @Test
    void aFailedPullWhoseFailureTheDatabaseWillNotRecordIsRetriedAndTheRetryRecordsItsSuccessOnceItCan() throws Exception {
        tasks.initialize();
        PullStatusStore status = migratedStatus();
        JdbcClient jdbc = JdbcClient.create(h2);
        Clock clock = Clock.systemUTC();
        // the pull state refuses every write for the source, as a database in the middle of a restart refuses them
        jdbc.sql("ALTER TABLE pull_state ADD CONSTRAINT test_fault CHECK (source_id <> 'legacy')").update();
        PullProperties.Retry retry = new PullProperties.Retry();
        retry.setInitialDelay(Duration.ofMillis(50));
        retry.setMaxDelay(Duration.ofMillis(50));
        PullSchedule schedule = new PullSchedule("legacy", "", tasks, status, retry, clock, new AdvisoryLocks(h2));
        CountDownLatch writable = new CountDownLatch(1);
        // the poll as the sftp consumer runs it (begin, poll; a failure is rolled back): the server refuses the first
        // time; the retry comes once the test has let the database write again
        schedule.scheduleTask(() -> {
            int poll = polls.incrementAndGet();
            if (poll > 1 && !awaitQuietly(writable)) {
                return;
            }
            try {
                schedule.begin(null, null);
                if (poll == 1) {
                    throw new IllegalStateException("connection refused");
                }
            } catch (RuntimeException e) {
                schedule.rollback(null, null, 0, e);
            }
        });
        schedule.startScheduler();

        assertThat(schedule.request()).isTrue();
        await("the retry, though the failure was never recorded").atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 2);
        assertThat(status.find("legacy")).as("nothing recorded").isEmpty();

        jdbc.sql("ALTER TABLE pull_state DROP CONSTRAINT test_fault").update();
        writable.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.find("legacy").map(PullStatus::lastSuccessAt).isPresent());
        PullStatus recorded = status.find("legacy").orElseThrow();
        assertThat(recorded.lastAttemptAt()).isNotNull();
        assertThat(recorded.consecutiveFailures()).isZero();
        assertThat(polls.get()).isEqualTo(2);
    }

    /** The pull state as the hub keeps it, in the test's freshly migrated H2. */
    /**
     * A night's run takes a.csv in but the legacy server will not let it be moved, and leaves b.csv too new; its follow-up
     * minutes later fetches b.csv and moves it. The warning about a.csv, which an admin must move by hand, stays: before,
     * the follow-up's clean run cleared it, and a.csv (remembered, never fetched again) stayed on the server unsaid. The
     * next night's clean run clears it, as it always did.
     */
    @Test
    void aFollowUpThatFetchesCleanlyDoesNotClearTheWarningOfAFileTakenInAndLeftOnTheServer() {
        tasks.initialize();
        PullStatusStore status = migratedStatus();
        PullSchedule schedule = new PullSchedule("legacy", "", tasks, status, new PullProperties.Retry(), Clock.systemUTC(),
                new AdvisoryLocks(h2), Duration.ofMillis(20), Duration.ofMillis(20));
        schedule.scheduleTask(() -> {
            schedule.begin(null, null);
            int poll = polls.incrementAndGet();
            schedule.fileTaken();
            if (poll == 1) {
                schedule.leftOnServer("a.csv could not be moved to done/: permission denied");
                schedule.tooNew("b.csv", Instant.now());
            }
        });
        schedule.startScheduler();

        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> status.warning("legacy")
                .filter(w -> w.kind() == PullWarning.Kind.LEFT_AFTER_FETCH && w.message().startsWith("a.csv")).isPresent());

        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 3 && status.warning("legacy").isEmpty());
    }

    /**
     * A run its route stops halfway (the hub shutting down) has not listed every file: a file the warning of files not
     * fetched names may be among those it never reached, so the warning stays. The next whole run that leaves nothing
     * clears it, though it fetches nothing.
     */
    @Test
    void aRunCutShortByItsRouteStoppingDoesNotClearAWarningOfFilesNotFetched() {
        tasks.initialize();
        PullStatusStore status = migratedStatus();
        status.warned("legacy", new PullWarning(PullWarning.Kind.NOT_FETCHED, OffsetDateTime.now(), 1, "b.csv 修改时间太近，未拉取"));
        PullSchedule schedule = new PullSchedule("legacy", "", tasks, status, new PullProperties.Retry(), Clock.systemUTC(),
                new AdvisoryLocks(h2));
        Runnable poll = () -> {
            schedule.begin(null, null);
            if (polls.incrementAndGet() == 1) {
                // as Camel stops the consumer while the poll is still going
                schedule.unscheduleTask();
            }
        };
        schedule.scheduleTask(poll);
        schedule.startScheduler();

        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.find("legacy").map(PullStatus::lastSuccessAt).isPresent());
        assertThat(status.warning("legacy")).get().extracting(PullWarning::kind).isEqualTo(PullWarning.Kind.NOT_FETCHED);

        // the route started again
        schedule.scheduleTask(poll);
        schedule.startScheduler();
        assertThat(schedule.request()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 2 && status.warning("legacy").isEmpty());
    }

    private PullStatusStore migratedStatus() {
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        return new PullStatusStore(JdbcClient.create(h2), new InsertIfAbsent(h2), Clock.systemUTC());
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A source pulled at 02:30 every night, its route started at the given time, each poll succeeding. */
    private void startNightlyPullAt(String now, RecordedStatus status) {
        tasks.initialize();
        OffsetDateTime at = OffsetDateTime.parse(now);
        Clock clock = Clock.fixed(at.toInstant(), ZoneId.of("Asia/Shanghai"));
        PullSchedule schedule = new PullSchedule("legacy", "0 30 2 * * *", tasks, status, new PullProperties.Retry(), clock,
                new AdvisoryLocks(h2));
        schedule.scheduleTask(() -> {
            schedule.begin(null, null);
            polls.incrementAndGet();
        });
        schedule.startScheduler();
    }

    private static PullStatus lastPull(OffsetDateTime succeededAt) {
        return new PullStatus("legacy", succeededAt, succeededAt, null, null, 0, 1);
    }

    /** The pull state in memory, as the earlier pulls left it: when the cron tests start, it is all that matters. */
    private static final class RecordedStatus extends PullStatusStore {

        private final PullStatus recorded;

        /** With the state the earlier pulls left; null: the source never pulled. */
        RecordedStatus(PullStatus recorded) {
            super(null, null, Clock.systemUTC());
            this.recorded = recorded;
        }

        @Override
        public Optional<PullStatus> find(String sourceId) {
            return Optional.ofNullable(recorded);
        }

        @Override
        void started(String sourceId, OffsetDateTime at) {
        }

        @Override
        void succeeded(String sourceId, OffsetDateTime at, int fetched) {
        }

        @Override
        int failed(String sourceId, OffsetDateTime at, String message) {
            return 1;
        }
    }
}
