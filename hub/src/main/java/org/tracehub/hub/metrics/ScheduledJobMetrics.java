package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.purge.PurgeParameters;
import org.tracehub.jobs.sync.NightlySyncParameters;

/**
 * The scheduled jobs — the nightly sync and the daily purge — as meters read from the Spring Batch job repository, which
 * every node shares and which outlives a restart: {@code tracehub_scheduled_job_last_success_timestamp_seconds} {job}
 * (when a run last completed, Unix time; NaN before the first) and {@code tracehub_scheduled_job_last_run_failed} {job}
 * (1 when the latest run that ended did not complete, 0 when it did, NaN before the first). Spring Batch's own
 * {@code spring_batch_job_seconds_count} counts runs by status too, but per node and from the node's start, and a
 * counter that first appears at 1 shows no increase to {@code increase()}; these also say when a job stopped running at
 * all. Each job's state is read once per scrape at most (kept {@link #FRESH_NANOS}).
 */
@Component
public class ScheduledJobMetrics {

    public static final String LAST_SUCCESS = "tracehub.scheduled.job.last.success.timestamp";
    public static final String LAST_RUN_FAILED = "tracehub.scheduled.job.last.run.failed";
    public static final String TAG_JOB = "job";
    /** The jobs that run on a schedule rather than per batch. */
    public static final List<String> JOBS = List.of(NightlySyncParameters.JOB_NAME, PurgeParameters.JOB_NAME);

    static final long FRESH_NANOS = 5_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobMetrics.class);
    private static final Set<String> SUCCESS = Set.of("COMPLETED");

    private final JdbcClient jdbc;
    private final FreshReads<Runs> runs;

    /** The job's runs as the repository records them: the latest that ended, and the latest that completed. */
    record Runs(String lastEndedStatus, Timestamp lastSuccessEnd) {
    }

    @Autowired
    public ScheduledJobMetrics(JdbcClient jdbc, MeterRegistry registry) {
        this(jdbc, registry, System::nanoTime);
    }

    ScheduledJobMetrics(JdbcClient jdbc, MeterRegistry registry, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.runs = new FreshReads<>(FRESH_NANOS, nanoTime, this::readRuns);
        for (String job : JOBS) {
            gauge(registry, LAST_SUCCESS, "seconds", "When a run of the scheduled job last completed (Unix time)", job,
                    runs -> runs.lastSuccessEnd() == null ? Double.NaN : runs.lastSuccessEnd().toInstant().toEpochMilli() / 1000.0);
            gauge(registry, LAST_RUN_FAILED, null, "1 when the scheduled job's latest run that ended did not complete, else 0", job,
                    runs -> runs.lastEndedStatus() == null ? Double.NaN : SUCCESS.contains(runs.lastEndedStatus()) ? 0 : 1);
        }
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description, String job, ToDoubleFunction<Runs> value) {
        Gauge.builder(name, this, metrics -> metrics.runs.get(job).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tag(TAG_JOB, job).register(registry);
    }

    private Optional<Runs> readRuns(String job) {
        try {
            // a run or two a day, kept as long as the purge keeps job metadata (hub.jobs.purge.job-metadata-age)
            String from = " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                    + " WHERE i.JOB_NAME = ? AND e.END_TIME IS NOT NULL";
            String lastEnded = jdbc.sql("SELECT e.STATUS" + from + " ORDER BY e.END_TIME DESC, e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY")
                    .param(job).query(String.class).optional().orElse(null);
            Timestamp lastSuccess = jdbc.sql("SELECT MAX(e.END_TIME)" + from + " AND e.STATUS = 'COMPLETED'")
                    .param(job).query(Timestamp.class).optional().orElse(null);
            return Optional.of(new Runs(lastEnded, lastSuccess));
        } catch (RuntimeException e) {
            log.debug("job repository not readable for {}", job, e);
            return Optional.empty();
        }
    }
}
