package org.tracehub.jobs.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.platform.schedule.CronDue;

/**
 * The scheduled runs of a job (the nightly sync, the purge) that the hub missed while it was down. Spring's scheduler
 * only looks forward, so a run due during a night's maintenance window would never run, and its work (the staged
 * batches of the nightly sources) would wait another day.
 *
 * <p>The runs that did happen are in the job repository, each by the time it was due: its {@code runAt} parameter (to
 * the minute, in the hub's zone). A run recorded for the time the cron was last due or later (the scheduler started it
 * late, an admin by hand) means it ran.
 */
@Component
public class MissedRuns {

    private static final Logger log = LoggerFactory.getLogger(MissedRuns.class);

    private final JdbcClient jdbc;

    public MissedRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The run the cron was last due for, when it is missing: due within {@code window} before now, while the job has run
     * before (with these parameters) and only for an earlier time. As the {@code runAt} a scheduled run of that minute has
     * (in the clock's zone, to the minute), so that a run of it that starts meanwhile elsewhere is the same job instance.
     *
     * <p>Only the last due run, however long the hub was down: one run does what the missed ones would have (the sync
     * loads every staged batch, the purge goes by ages). Nothing when the job never ran (a new installation, a newly
     * configured schedule): nothing was missed, the hub was not there.
     *
     * @param runAtParameter the job's parameter holding the time its run was due (ISO-8601 with offset)
     * @param parameters     the other parameters its runs have, by name (the sync's {@code sources})
     */
    public Optional<OffsetDateTime> lastMissed(String jobName, String runAtParameter, Map<String, String> parameters, String cron,
                                               ZoneId cronZone, Duration window, Clock clock) {
        Optional<ZonedDateTime> due = CronDue.lastDue(cron, clock.instant().atZone(cronZone), window);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime runAt = ScheduledStarts.runAt(due.get(), clock);
        return latestRecorded(jobName, runAtParameter, parameters)
                .filter(latest -> latest.isBefore(runAt))
                .map(latest -> runAt);
    }

    /** Starts one scheduled run, due at {@code runAt}: the job's launcher. */
    @FunctionalInterface
    public interface Launch {
        Optional<JobExecution> run(OffsetDateTime runAt) throws Exception;
    }

    /**
     * Runs, in the calling thread, the schedule's last due run if it did not run ({@link #lastMissed}), logged as
     * {@code what} (the purge, the nightly sync for its sources); a run that cannot start is logged, not thrown, so the
     * schedules after it still catch up.
     */
    public Optional<JobExecution> runIfMissed(String what, String jobName, String runAtParameter, Map<String, String> parameters,
                                              String cron, ZoneId cronZone, Duration window, Clock clock, Launch launch) {
        Optional<OffsetDateTime> missed = lastMissed(jobName, runAtParameter, parameters, cron, cronZone, window, clock);
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        log.warn("{} was due at {} and did not run (the hub was down); running it now", what, missed.get());
        try {
            return launch.run(missed.get());
        } catch (Exception e) {
            log.error("{} due at {} could not run", what, missed.get(), e);
            return Optional.empty();
        }
    }

    /**
     * The latest time a recorded run of the job, with the given parameters, was due for (its {@code runAt}); empty when
     * the job repository records none. An instance without an execution is no run, nor is an execution that the hub's
     * stop cut short (STOPPED, {@link RunningJobsStop}): the catch-up starts its instance again, which restarts it where
     * it stopped, as recovery restarts one a crash cut short.
     */
    public Optional<OffsetDateTime> latestRecorded(String jobName, String runAtParameter, Map<String, String> parameters) {
        // a few rows per run and a few runs a day, for as long as the purge keeps job metadata (90 days)
        List<Object[]> rows = jdbc.sql("SELECT p.JOB_EXECUTION_ID, p.PARAMETER_NAME, p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p "
                        + "JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID "
                        + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? "
                        + "AND e.STATUS <> 'STOPPED'")
                .param(jobName)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .list();
        Map<Long, Map<String, String>> runs = new HashMap<>();
        for (Object[] row : rows) {
            runs.computeIfAbsent((Long) row[0], id -> new HashMap<>()).put((String) row[1], (String) row[2]);
        }
        return runs.values().stream()
                .filter(run -> parameters.entrySet().stream().allMatch(p -> p.getValue().equals(run.get(p.getKey()))))
                .map(run -> parse(run.get(runAtParameter)))
                .flatMap(Optional::stream)
                // compared as instants: a run recorded with another offset counts
                .max(Comparator.comparing(OffsetDateTime::toInstant));
    }

    private static Optional<OffsetDateTime> parse(String runAt) {
        if (runAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(runAt));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // not a scheduled run's parameter
        }
    }
}
