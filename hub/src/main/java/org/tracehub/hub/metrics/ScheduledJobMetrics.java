package org.tracehub.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.tracehub.jobs.purge.PurgeSettings;
import org.tracehub.jobs.sync.NightlySyncParameters;
import org.tracehub.jobs.sync.NightlySyncSettings;
import org.tracehub.jobs.sync.SyncSources;
import org.tracehub.platform.storage.HubStorage;

/**
 * The scheduled jobs — the nightly sync and the daily purge — as meters read from the Spring Batch job repository, which
 * every node shares and which outlives a restart: {@code tracehub_scheduled_job_last_success_timestamp_seconds} {job}
 * (when a run last completed, Unix time; before the first, when this node first started with the job scheduled, so that a
 * stale-job alert also fires for a job that never ran; NaN on a node that does not schedule it) and {@code tracehub_scheduled_job_last_run_failed} {job}
 * (1 when the latest run that ended did not complete, 0 when it did, NaN before the first). Spring Batch's own
 * {@code spring_batch_job_seconds_count} counts runs by status too, but per node and from the node's start, and a
 * counter that first appears at 1 shows no increase to {@code increase()}; these also say when a job stopped running at
 * all. Each job's state is read once per scrape at most (kept {@link #FRESH_NANOS}).
 *
 * <p>Both are also tagged {@code sources}, the runs' job parameter: every schedule of the nightly sync (the main cron's
 * {@code *} and each of {@code hub.jobs.nightly-sync.source-crons}) runs as {@code nightlySyncJob}, and by job name alone
 * the main sync's success kept the last success fresh while a per-source schedule had stopped, and the last run failed
 * flapped between schedules. The purge has no such parameter: {@code *}.
 */
@Component
public class ScheduledJobMetrics {

    public static final String LAST_SUCCESS = "tracehub.scheduled.job.last.success.timestamp";
    public static final String LAST_RUN_FAILED = "tracehub.scheduled.job.last.run.failed";
    public static final String TAG_JOB = "job";
    public static final String TAG_SOURCES = "sources";
    /** The jobs that run on a schedule rather than per batch. */
    public static final List<String> JOBS = List.of(NightlySyncParameters.JOB_NAME, PurgeParameters.JOB_NAME);

    static final long FRESH_NANOS = 5_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobMetrics.class);
    private static final Set<String> SUCCESS = Set.of("COMPLETED");

    private static final String SCHEDULED_SINCE = "scheduled-since";

    private final JdbcClient jdbc;
    private final FreshReads<Runs> runs;
    private final Map<String, Instant> scheduledSince;

    /** The job's runs as the repository records them: the latest that ended, and the latest that completed. */
    record Runs(String lastEndedStatus, Timestamp lastSuccessEnd) {
    }

    @Autowired
    public ScheduledJobMetrics(JdbcClient jdbc, MeterRegistry registry, NightlySyncSettings sync, PurgeSettings purge, HubStorage storage,
                               Clock clock, SyncSources syncSources) {
        this(jdbc, registry, System::nanoTime, scheduledSince(storage.dataDir(), scheduledHere(sync, purge), clock),
                syncSources.schedules().stream().map(SyncSources.Schedule::sources).distinct().toList());
    }

    ScheduledJobMetrics(JdbcClient jdbc, MeterRegistry registry, LongSupplier nanoTime, Map<String, Instant> scheduledSince) {
        this(jdbc, registry, nanoTime, scheduledSince, List.of(NightlySyncParameters.ALL_SOURCES));
    }

    /** @param syncSources the {@code sources} parameter of each schedule of the nightly sync */
    ScheduledJobMetrics(JdbcClient jdbc, MeterRegistry registry, LongSupplier nanoTime, Map<String, Instant> scheduledSince,
                        List<String> syncSources) {
        this.jdbc = jdbc;
        this.runs = new FreshReads<>(FRESH_NANOS, nanoTime, this::readRuns);
        this.scheduledSince = Map.copyOf(scheduledSince);
        for (String job : JOBS) {
            List<String> schedules = job.equals(NightlySyncParameters.JOB_NAME) ? syncSources : List.of(NightlySyncParameters.ALL_SOURCES);
            for (String sources : schedules) {
                String key = job + KEY_SEPARATOR + sources;
                gauge(registry, LAST_SUCCESS, "seconds", "When a run of the scheduled job last completed (Unix time); when this node "
                        + "first started with it scheduled if none has", job, sources, key, runs -> lastSuccess(job, runs));
                gauge(registry, LAST_RUN_FAILED, null, "1 when the scheduled job's latest run that ended did not complete, else 0",
                        job, sources, key,
                        runs -> runs.lastEndedStatus() == null ? Double.NaN : SUCCESS.contains(runs.lastEndedStatus()) ? 0 : 1);
            }
        }
    }

    /** Between a job's name and its runs' {@code sources} in the key its state is read by: neither holds it. */
    private static final String KEY_SEPARATOR = "\n";

    /**
     * A job that never completed counts from when its schedule first ran here: NaN matched no alert, so a nightly sync or
     * purge that never started (or never once completed) went unnoticed for good, as a pull did before its configured-at.
     */
    private double lastSuccess(String job, Runs runs) {
        if (runs.lastSuccessEnd() != null) {
            return runs.lastSuccessEnd().toInstant().toEpochMilli() / 1000.0;
        }
        Instant since = scheduledSince.get(job);
        return since == null ? Double.NaN : since.toEpochMilli() / 1000.0;
    }

    private static List<String> scheduledHere(NightlySyncSettings sync, PurgeSettings purge) {
        return JOBS.stream().filter(job -> job.equals(NightlySyncParameters.JOB_NAME) ? sync.enabled() : purge.enabled()).toList();
    }

    /**
     * Since when this node has had each job scheduled: the first start with it (kept in
     * {@code <hub.data-dir>/jobs/<job>/scheduled-since}, as a pull keeps its configured-at).
     */
    static Map<String, Instant> scheduledSince(Path dataDir, List<String> jobs, Clock clock) {
        Map<String, Instant> since = new LinkedHashMap<>();
        for (String job : jobs) {
            Path marker = dataDir.resolve("jobs").resolve(job).resolve(SCHEDULED_SINCE);
            try {
                if (Files.exists(marker)) {
                    since.put(job, Instant.parse(Files.readString(marker).strip()));
                } else {
                    Instant now = clock.instant();
                    Files.createDirectories(marker.getParent());
                    Files.writeString(marker, now + "\n");
                    since.put(job, now);
                }
            } catch (IOException | DateTimeParseException e) {
                log.warn("{}: when it was first scheduled cannot be kept in {} ({}); counting from now", job, marker, e.toString());
                since.put(job, clock.instant());
            }
        }
        return since;
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description, String job, String sources, String key,
                       ToDoubleFunction<Runs> value) {
        Gauge.builder(name, this, metrics -> metrics.runs.get(key).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tag(TAG_JOB, job).tag(TAG_SOURCES, sources).register(registry);
    }

    private Optional<Runs> readRuns(String key) {
        String job = key.substring(0, key.indexOf(KEY_SEPARATOR));
        String sources = key.substring(key.indexOf(KEY_SEPARATOR) + KEY_SEPARATOR.length());
        try {
            // a run or two a day, kept as long as the purge keeps job metadata (hub.jobs.purge.job-metadata-age); a sync run
            // without the parameter (none does now) is the main schedule's, as it ran for every source
            String from = " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                    + " LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = '"
                    + NightlySyncParameters.SOURCES + "'"
                    + " WHERE i.JOB_NAME = :job AND e.END_TIME IS NOT NULL AND (i.JOB_NAME <> :sync OR COALESCE(p.PARAMETER_VALUE, :all) = :sources)";
            String lastEnded = jdbc.sql("SELECT e.STATUS" + from + " ORDER BY e.END_TIME DESC, e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY")
                    .params(params(job, sources)).query(String.class).optional().orElse(null);
            Timestamp lastSuccess = jdbc.sql("SELECT MAX(e.END_TIME)" + from + " AND e.STATUS = 'COMPLETED'")
                    .params(params(job, sources)).query(Timestamp.class).optional().orElse(null);
            return Optional.of(new Runs(lastEnded, lastSuccess));
        } catch (RuntimeException e) {
            log.debug("job repository not readable for {} {}", job, sources, e);
            return Optional.empty();
        }
    }

    private static Map<String, Object> params(String job, String sources) {
        return Map.of("job", job, "sync", NightlySyncParameters.JOB_NAME, "all", NightlySyncParameters.ALL_SOURCES, "sources", sources);
    }
}
