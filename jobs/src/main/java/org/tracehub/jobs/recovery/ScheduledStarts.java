package org.tracehub.jobs.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.tracehub.platform.schedule.CronDue;

/**
 * Starts a scheduled run (the nightly sync of a cron, the purge) due at a time, and tries it again while the database
 * cannot be reached.
 *
 * <p>A cron fires once: a database down at 02:00 (a PostgreSQL maintenance window from 01:55 to 02:10) made the start
 * throw, and the night's sync waited 24 hours. Now a start that failed before its run was recorded
 * ({@link StartFailures#mayStartLater}) is tried again on the same thread (the schedule's {@link ScheduleLane}) after 1, 2,
 * 4 … minutes, at most {@code max-delay} apart ({@link StartRetrySettings}), until it starts or the schedule's
 * {@code catch-up-window} after the due time is over (then ERROR: the next due time, or the catch-up of a start, runs it).
 * Every try has the due time as its {@code runAt}: it is the same job instance as the run that was due, so two nodes
 * trying it still run it once.
 *
 * <p>A run that started and ended FAILED is never tried again here (its start returned; a retry is an admin's or the next
 * night's). Before each new try the job repository is asked whether the run is recorded by now — a start that failed
 * after recording its execution (the database went away while the job ran), or another node's run — and if it is, it
 * is not started again: starting a FAILED instance would restart it.
 */
@Component
@EnableConfigurationProperties(StartRetrySettings.class)
public class ScheduledStarts {

    /** Counter of failed starts of a scheduled job, by {@code job} and {@code outcome} ({@link #RETRYING} or {@link #GAVE_UP}). */
    public static final String START_FAILURES = "tracehub.scheduled.job.start.failures";
    public static final String RETRYING = "retrying";
    public static final String GAVE_UP = "gave-up";

    private static final Logger log = LoggerFactory.getLogger(ScheduledStarts.class);

    private final JobRepository jobRepository;
    private final StartRetrySettings settings;
    private final MeterRegistry meters;

    public ScheduledStarts(JobRepository jobRepository, StartRetrySettings settings, MeterRegistry meters) {
        this.jobRepository = jobRepository;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * How early a cron may fire and still be its coming due time's run. Spring's {@code CronTrigger} may run a task
     * slightly before its time (its "executed too early" case); taken to the minute of the clock, a run due at 02:00 was
     * then recorded as 01:59 — another job instance than another node's, and an earlier one for the next start's catch-up.
     */
    static final Duration FIRED_EARLY = Duration.ofSeconds(30);

    /** How far back a late fire (a hub paused, a scheduler thread held) still finds the due time it fires for. */
    private static final Duration FIRED_LATE = Duration.ofDays(366);

    /**
     * The time a cron firing now was due, as its run's {@code runAt}: the latest time at or before now plus
     * {@link #FIRED_EARLY} at which the cron (in {@code cronZone}) was due, to the minute in the clock's zone. A fire
     * half a second early or a minute late is the run of the time it was due for, on every node; the start-up catch-up
     * ({@link MissedRuns}) finds that same time.
     */
    public static OffsetDateTime dueAt(String cron, ZoneId cronZone, Clock clock) {
        return CronDue.lastDue(cron, clock.instant().plus(FIRED_EARLY).atZone(cronZone), FIRED_LATE)
                .map(due -> runAt(due, clock))
                .orElseGet(() -> OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES));
    }

    /** A due time as its run records it ({@code runAt}): to the minute, in the clock's zone. */
    static OffsetDateTime runAt(ZonedDateTime due, Clock clock) {
        return due.withZoneSameInstant(clock.getZone()).truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime();
    }

    /** One scheduled run: what it is (for the log), its job and identifying parameters, when it was due. */
    public record DueRun(String what, String jobName, JobParameters parameters, OffsetDateTime dueAt) {
    }

    /** Starts the run due at the given time, in the calling thread; the job's launcher. */
    @FunctionalInterface
    public interface Start {
        Optional<JobExecution> run(OffsetDateTime dueAt) throws Exception;
    }

    /**
     * Starts the run in the calling thread, trying again while the database cannot be reached, until {@code window}
     * after its due time (measured on {@code clock}). Never throws.
     *
     * @return the run's execution when this call ran it; empty when another start took it, or it could not start
     */
    public Optional<JobExecution> start(DueRun run, Duration window, Clock clock, Start start) {
        Instant deadline = run.dueAt().toInstant().plus(window);
        Duration delay = settings.initialDelay();
        Long instanceWithoutExecution = null;
        for (int attempt = 1; ; attempt++) {
            Exception failure;
            try {
                if (attempt > 1) {
                    Recorded recorded = recorded(run, instanceWithoutExecution);
                    if (recorded.status() != null) {
                        log.info("{} due at {}: recorded meanwhile ({}, by another node or a start cut off after it "
                                + "recorded its run), not started again", run.what(), run.dueAt(), recorded.status());
                        return Optional.empty();
                    }
                    instanceWithoutExecution = recorded.instanceWithoutExecution();
                    if (instanceWithoutExecution != null) {
                        throw new IllegalStateException("Cannot find any job execution for job instance " + instanceWithoutExecution
                                + " (another start between its two calls, or one cut off there)");
                    }
                }
                Optional<JobExecution> execution = start.run(run.dueAt());
                if (attempt > 1) {
                    log.info("{} due at {} ran at try {}, once the database could be reached", run.what(), run.dueAt(), attempt);
                }
                return execution;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("{} due at {} not started: the hub is stopping", run.what(), run.dueAt());
                return Optional.empty();
            } catch (Exception e) {
                failure = e;
            }
            if (StartFailures.lostToAnotherStart(failure)) {
                log.info("{} due at {}: already run or running by another node ({})", run.what(), run.dueAt(),
                        StartFailures.howAnotherStartTookIt(failure));
                return Optional.empty();
            }
            if (!StartFailures.mayStartLater(failure)) {
                log.error("{} due at {} could not start", run.what(), run.dueAt(), failure);
                return Optional.empty();
            }
            Instant next = clock.instant().plus(delay);
            if (next.isAfter(deadline)) {
                counter(run, GAVE_UP).increment();
                log.error("{} due at {} could not start in {} tries (last: {}); giving up, as its catch-up window ({}) is over: "
                        + "the next due time runs it", run.what(), run.dueAt(), attempt, StartFailures.rootMessage(failure), window, failure);
                return Optional.empty();
            }
            counter(run, RETRYING).increment();
            log.warn("{} due at {} could not start (try {}: {}); trying again at {}", run.what(), run.dueAt(), attempt,
                    StartFailures.rootMessage(failure), OffsetDateTime.ofInstant(next, clock.getZone()).truncatedTo(ChronoUnit.MILLIS));
            try {
                TimeUnit.NANOSECONDS.sleep(delay.toNanos()); // on the schedule's own thread: nothing else waits for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("{} due at {} not tried again: the hub is stopping", run.what(), run.dueAt());
                return Optional.empty();
            }
            delay = delay.multipliedBy(2).compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay.multipliedBy(2);
        }
    }

    /** The run as the job repository records it: the status of its latest execution, or an instance without one. */
    private record Recorded(String status, Long instanceWithoutExecution) {
    }

    /**
     * Looks the run up. An instance without an execution that was already there at the previous look (a whole delay
     * ago; another start creates its execution within milliseconds of its instance) is a start cut off between its two
     * calls, most likely this node's own try as the database went away: it holds nothing, and is deleted so that the run
     * can start (otherwise every start of it would fail).
     */
    private Recorded recorded(DueRun run, Long seenWithoutExecution) {
        JobInstance instance = jobRepository.getJobInstance(run.jobName(), run.parameters());
        if (instance == null) {
            return new Recorded(null, null);
        }
        List<JobExecution> executions = jobRepository.getJobExecutions(instance);
        if (!executions.isEmpty()) {
            return new Recorded(executions.get(0).getStatus().toString(), null);
        }
        if (Long.valueOf(instance.getInstanceId()).equals(seenWithoutExecution)) {
            log.warn("{} due at {}: its job instance {} has had no execution since the last try (a start cut off between "
                    + "creating it and its execution); deleting it so that the run can start", run.what(), run.dueAt(), seenWithoutExecution);
            jobRepository.deleteJobInstance(instance);
            return new Recorded(null, null);
        }
        return new Recorded(null, instance.getInstanceId());
    }

    private Counter counter(DueRun run, String outcome) {
        return Counter.builder(START_FAILURES)
                .description("Starts of a scheduled job that failed because the database could not be reached: tried again, or given up")
                .tag("job", run.jobName()).tag("outcome", outcome).register(meters);
    }
}
