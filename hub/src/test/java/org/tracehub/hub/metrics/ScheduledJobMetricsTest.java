package org.tracehub.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.hub.MigratedStore;

/**
 * The nightly sync's and the purge's last success and whether their latest run failed, from the job repository (the
 * hub's own migrations on H2), so an alert fires on a failed run, on a job that stopped running and on one that never ran.
 */
class ScheduledJobMetricsTest {

    private static final LocalDateTime NIGHT = LocalDateTime.parse("2026-11-30T02:00:00");

    /** Both jobs scheduled since before any run the tests record: a completed run is what they show. */
    private static final Map<String, Instant> SCHEDULED_LONG_AGO = Map.of("nightlySyncJob", Instant.parse("2020-01-01T00:00:00Z"),
            "purgeJob", Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path db;

    @TempDir
    Path dataDir;

    private JdbcClient jdbc;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong();
    /** Held as the application context holds the bean: Micrometer's gauges hold it weakly, and a collection would turn them NaN. */
    private ScheduledJobMetrics metrics;

    @BeforeEach
    void jobRepository() {
        DriverManagerDataSource store = new DriverManagerDataSource(MigratedStore.in(db), "sa", "");
        jdbc = JdbcClient.create(store);
    }

    @Test
    void aJobThatNeverCompletedIsAsStaleAsItsScheduleIsOldSoTheStaleAlertFiresForIt() {
        Instant firstStart = Instant.parse("2026-11-28T10:15:00Z");
        ScheduledJobMetrics.scheduledSince(dataDir, List.of("nightlySyncJob"), Clock.fixed(firstStart, ZoneId.of("Asia/Shanghai")));
        run("nightlySyncJob", "a", NIGHT, "FAILED");

        // restarted three days later, the sync still scheduled, the purge not on this node
        Map<String, Instant> since = ScheduledJobMetrics.scheduledSince(dataDir, List.of("nightlySyncJob"),
                Clock.fixed(firstStart.plus(Duration.ofDays(3)), ZoneId.of("Asia/Shanghai")));
        metrics = new ScheduledJobMetrics(jdbc, registry, nanos::get, since);

        assertThat(gauge(ScheduledJobMetrics.LAST_SUCCESS, "nightlySyncJob")).as("never: since its first start scheduled")
                .isEqualTo(firstStart.getEpochSecond());
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "nightlySyncJob")).isEqualTo(1.0);
        assertThat(gauge(ScheduledJobMetrics.LAST_SUCCESS, "purgeJob")).as("not scheduled here: nothing to say").isNaN();
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "purgeJob")).isNaN();
    }

    @Test
    void aFailedNightAfterASuccessfulOneShowsBoth() {
        run("nightlySyncJob", "a", NIGHT.minusDays(1), "COMPLETED");
        run("nightlySyncJob", "b", NIGHT, "FAILED");
        run("nightlySyncJob", "c", NIGHT.plusHours(1), null);   // still running: not a run that ended
        run("purgeJob", "a", NIGHT.plusMinutes(90), "COMPLETED");
        run("importJob", "a", NIGHT.plusHours(2), "FAILED");     // per batch, not scheduled: not these meters

        metrics = new ScheduledJobMetrics(jdbc, registry, nanos::get, SCHEDULED_LONG_AGO);

        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "nightlySyncJob")).isEqualTo(1.0);
        assertThat(gauge(ScheduledJobMetrics.LAST_SUCCESS, "nightlySyncJob"))
                .isEqualTo(end(NIGHT.minusDays(1)));
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "purgeJob")).isZero();
        assertThat(gauge(ScheduledJobMetrics.LAST_SUCCESS, "purgeJob")).isEqualTo(end(NIGHT.plusMinutes(90)));
        assertThat(registry.find(ScheduledJobMetrics.LAST_RUN_FAILED).tag("job", "importJob").gauge()).isNull();
    }

    @Test
    void aRunThatCompletesIsSeenOnTheNextScrape() {
        run("purgeJob", "a", NIGHT, "FAILED");
        metrics = new ScheduledJobMetrics(jdbc, registry, nanos::get, SCHEDULED_LONG_AGO);
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "purgeJob")).isEqualTo(1.0);

        run("purgeJob", "b", NIGHT.plusDays(1), "COMPLETED");
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "purgeJob")).as("within one scrape: read once").isEqualTo(1.0);
        nanos.addAndGet(ScheduledJobMetrics.FRESH_NANOS + 1);
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "purgeJob")).isZero();
    }

    @Test
    void aPerSourceSyncScheduleThatFailedShowsFailedThoughTheMainSyncCompletedLater() {
        syncRun("a", NIGHT.minusDays(1), "COMPLETED", "src-a");
        syncRun("b", NIGHT, "FAILED", "src-a");
        syncRun("c", NIGHT.plusHours(1), "COMPLETED", "*");

        metrics = new ScheduledJobMetrics(jdbc, registry, nanos::get, SCHEDULED_LONG_AGO, List.of("*", "src-a"));

        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "nightlySyncJob", "src-a")).isEqualTo(1.0);
        assertThat(gauge(ScheduledJobMetrics.LAST_SUCCESS, "nightlySyncJob", "src-a")).isEqualTo(end(NIGHT.minusDays(1)));
        assertThat(gauge(ScheduledJobMetrics.LAST_RUN_FAILED, "nightlySyncJob", "*")).isZero();
        assertThat(gauge(ScheduledJobMetrics.LAST_SUCCESS, "nightlySyncJob", "*")).isEqualTo(end(NIGHT.plusHours(1)));
    }

    private void syncRun(String key, LocalDateTime start, String status, String sources) {
        run("nightlySyncJob", key, start, status);
        long execution = jdbc.sql("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION").query(Long.class).single();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, PARAMETER_VALUE, "
                + "IDENTIFYING) VALUES (?, 'sources', 'java.lang.String', ?, 'Y')").params(execution, sources).update();
    }

    private double gauge(String name, String job, String sources) {
        return registry.get(name).tag(ScheduledJobMetrics.TAG_JOB, job).tag(ScheduledJobMetrics.TAG_SOURCES, sources).gauge().value();
    }

    private void run(String job, String key, LocalDateTime start, String status) {
        long instance = jdbc.sql("SELECT JOB_INSTANCE_ID FROM FINAL TABLE (INSERT INTO BATCH_JOB_INSTANCE (VERSION, JOB_NAME, JOB_KEY) "
                + "VALUES (0, ?, ?))").params(job, key).query(Long.class).single();
        jdbc.sql("INSERT INTO BATCH_JOB_EXECUTION (VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME, END_TIME, STATUS) "
                        + "VALUES (1, ?, ?, ?, ?, ?)")
                .params(instance, start, start, status == null ? null : start.plusMinutes(5), status == null ? "STARTED" : status)
                .update();
    }

    private static double end(LocalDateTime start) {
        return start.plusMinutes(5).atZone(ZoneId.systemDefault()).toEpochSecond();
    }

    private double gauge(String name, String job) {
        return registry.get(name).tag(ScheduledJobMetrics.TAG_JOB, job).gauge().value();
    }
}
