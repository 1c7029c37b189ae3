package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.jobs.purge.PurgeLauncher;
import org.tracehub.jobs.purge.PurgeParameters;
import org.tracehub.jobs.purge.PurgeScheduler;
import org.tracehub.jobs.purge.PurgeSettings;
import org.tracehub.jobs.sync.NightlySyncLauncher;
import org.tracehub.jobs.sync.NightlySyncParameters;
import org.tracehub.jobs.sync.NightlySyncScheduler;
import org.tracehub.jobs.sync.NightlySyncSettings;
import org.tracehub.jobs.sync.SyncSources;
import org.tracehub.platform.testing.LoggedEvents;
import org.tracehub.platform.testing.MutableClock;

/**
 * The schedules' crons fired as Spring fires them, while the database cannot be reached (the data source refuses every
 * connection, {@link SwitchableDatabase}) or another node fires the same cron. Before, a start that threw at the cron
 * minute was logged and the night's sync or purge waited 24 hours; and the node that lost the race to another's start
 * logged an ERROR with a stack trace every night. Waits between tries are 200 ms to 1 s here (1 to 5 minutes in the hub).
 */
@Import(SwitchableDatabase.class)
@TestPropertySource(properties = {"hub.jobs.start-retry.initial-delay=200ms", "hub.jobs.start-retry.max-delay=1s"})
class ScheduledStartRetryTests extends ImportJobTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    DataSource dataSource;

    @Autowired
    NightlySyncSettings syncSettings;

    @Autowired
    PurgeSettings purgeSettings;

    @Autowired
    SyncSources syncSources;

    @Autowired
    NightlySyncLauncher syncLauncher;

    @Autowired
    PurgeLauncher purgeLauncher;

    @Autowired
    MissedRuns missedRuns;

    @Autowired
    ScheduledStarts starts;

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<AutoCloseable> schedulers = new java.util.ArrayList<>();

    @BeforeEach
    void captureLog() {
        log.start();
        jobsLogger().addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        database().up();
        PausingTrigger.remove(jdbc);
        for (AutoCloseable scheduler : schedulers) {
            scheduler.close();
        }
        jobsLogger().detachAppender(log);
    }

    @Test
    void aSyncDueWhileTheDatabaseIsDownRunsOnceItIsBackAsTheRunThatWasDue() throws Exception {
        String nightly = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);
        assertThat(importNewAttempt(nightly).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(nightly).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        // 02:00 on a night of PostgreSQL's maintenance window (01:55 to 02:10): the database refuses every connection
        CronTask cron = syncCron(clockAt("2031-03-10T02:00:00.200+08:00"), syncSettings.catchUpWindow());
        double retriesBefore = startFailures(NightlySyncParameters.JOB_NAME, ScheduledStarts.RETRYING);
        database().down();

        cron.getRunnable().run();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(warnings("trying again at")).hasSizeGreaterThanOrEqualTo(3));
        assertThat(warnings("trying again at").get(0)).contains("the nightly sync for * due at 2031-03-10T02:00+08:00 could not start (try 1: ")
                .contains("the database cannot be reached").containsPattern("trying again at 2031-03-10T02:00:00\\.[0-9]+\\+08:00");
        assertThat(startFailures(NightlySyncParameters.JOB_NAME, ScheduledStarts.RETRYING) - retriesBefore).isGreaterThanOrEqualTo(3);
        database().up();

        OffsetDateTime due = OffsetDateTime.parse("2031-03-10T02:00+08:00");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JobInstance run = jobRepository.getJobInstance(NightlySyncParameters.JOB_NAME, NightlySyncLauncher.parameters(due, "*"));
            assertThat(run).as("the run due at 02:00, by its runAt").isNotNull();
            assertThat(jobRepository.getLastJobExecution(run)).as("its execution: the start makes it after the instance").isNotNull()
                    .extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
        });
        assertThat(jobRepository.findJobInstances(NightlySyncParameters.JOB_NAME)).as("one run").hasSize(1);
        assertThat(jobRepository.getJobExecutions(jobRepository.getLastJobInstance(NightlySyncParameters.JOB_NAME))).hasSize(1);
        assertThat(batch(nightly).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(errors()).isEmpty();
    }

    @Test
    void aPurgeThatCannotStartWithinItsCatchUpWindowIsGivenUp() throws Exception {
        // the window ends 3 s after 03:30; the cron fires at 03:30:00.5 and the database stays down
        CronTask cron = purgeCron(clockAt("2031-03-11T03:30:00.500+08:00"), Duration.ofSeconds(3));
        double givenUpBefore = startFailures(PurgeParameters.JOB_NAME, ScheduledStarts.GAVE_UP);
        database().down();

        cron.getRunnable().run();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(errors()).hasSize(1));
        ILoggingEvent gaveUp = errors().get(0);
        assertThat(gaveUp.getFormattedMessage()).startsWith("the purge due at 2031-03-11T03:30+08:00 could not start in ")
                .contains("giving up, as its catch-up window (PT3S) is over");
        assertThat(warnings("trying again at")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(startFailures(PurgeParameters.JOB_NAME, ScheduledStarts.GAVE_UP) - givenUpBefore).isEqualTo(1);
        int tries = warnings("trying again at").size();
        database().up();
        assertThat(jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(OffsetDateTime.parse("2031-03-11T03:30+08:00"))))
                .as("never started").isNull();
        assertThat(warnings("trying again at")).as("no try after giving up").hasSize(tries);
    }

    @Test
    void aPurgeThatRanAndFailedIsNotStartedAgain() throws Exception {
        CronTask cron = purgeCron(clockAt("2031-03-12T03:30:00.200+08:00"), purgeSettings.catchUpWindow());
        OffsetDateTime due = OffsetDateTime.parse("2031-03-12T03:30+08:00");
        double retriesBefore = startFailures(PurgeParameters.JOB_NAME, ScheduledStarts.RETRYING);
        // a database error in every step that reads batches: the run starts, and ends FAILED
        jdbc.sql("ALTER TABLE batch RENAME TO batch_away").update();
        JobInstance run;
        try {
            cron.getRunnable().run();
            await().atMost(TIMEOUT).untilAsserted(() -> {
                JobInstance instance = jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(due));
                assertThat(instance).isNotNull();
                assertThat(jobRepository.getLastJobExecution(instance)).as("its execution: the start makes it after the instance").isNotNull()
                        .extracting(JobExecution::getStatus).isEqualTo(BatchStatus.FAILED);
            });
            run = jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(due));
        } finally {
            jdbc.sql("ALTER TABLE batch_away RENAME TO batch").update();
        }

        // longer than several waits between tries: still the one execution that failed
        await().during(Duration.ofSeconds(2)).atMost(TIMEOUT)
                .until(() -> jobRepository.getJobExecutions(run).size() == 1);
        assertThat(warnings("trying again at")).isEmpty();
        assertThat(startFailures(PurgeParameters.JOB_NAME, ScheduledStarts.RETRYING)).isEqualTo(retriesBefore);
    }

    @Test
    void theNodeWhoseStartAnotherNodesStartTookLogsOneInfoLineAndNoError() throws Exception {
        // two nodes fire the 03:30 purge; the first is held where it creates the run's job instance …
        Clock clock = clockAt("2031-03-13T03:30:00.200+08:00");
        CronTask first = purgeCron(clock, purgeSettings.catchUpWindow());
        CronTask second = purgeCron(clock, purgeSettings.catchUpWindow());
        PausingTrigger.install(jdbc, "BATCH_JOB_INSTANCE", "BEFORE INSERT", Map.of("JOB_NAME", PurgeParameters.JOB_NAME));
        first.getRunnable().run();
        PausingTrigger.awaitReached();
        // … while the second creates it and runs it to the end
        second.getRunnable().run();
        OffsetDateTime due = OffsetDateTime.parse("2031-03-13T03:30+08:00");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JobInstance instance = jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(due));
            assertThat(instance).isNotNull();
            assertThat(jobRepository.getLastJobExecution(instance)).as("its execution: the start makes it after the instance").isNotNull()
                    .extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
        });

        // the first goes on, finds the instance created (a duplicate key), and says so in one line
        PausingTrigger.release();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(LoggedEvents.of(log)).filteredOn(e -> e.getLevel() == Level.INFO)
                .extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("already run or running by another node")));
        ILoggingEvent lost = LoggedEvents.of(log).stream().filter(e -> e.getFormattedMessage().contains("already run or running by another node"))
                .findFirst().orElseThrow();
        assertThat(lost.getFormattedMessage()).contains("2031-03-13T03:30+08:00");
        assertThat(lost.getThrowableProxy()).as("no stack trace").isNull();
        assertThat(errors()).isEmpty();
        assertThat(warnings("")).isEmpty();
        assertThat(jobRepository.getJobExecutions(jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(due))))
                .as("run once").hasSize(1);
    }

    @Test
    void aSyncCronFiredALittleEarlyOnOneNodeAndLateOnAnotherIsOneRunOfTheTimeItWasDue() throws Exception {
        // Spring's trigger fires a node's 02:00 half a second early, and another node's 40 s late (its scheduler was held)
        MutableClock clock = mutableClockAt("2031-03-21T01:59:59.500+08:00");
        CronTask early = syncCron(clock, syncSettings.catchUpWindow());
        CronTask late = syncCron(clock, syncSettings.catchUpWindow());
        OffsetDateTime due = OffsetDateTime.parse("2031-03-21T02:00+08:00").atZoneSameInstant(clock.getZone()).toOffsetDateTime();

        early.getRunnable().run();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JobInstance run = jobRepository.getJobInstance(NightlySyncParameters.JOB_NAME, NightlySyncLauncher.parameters(due, "*"));
            assertThat(run).as("the run due at 02:00, not one of 01:59").isNotNull();
            assertThat(jobRepository.getLastJobExecution(run)).as("its execution: the start makes it after the instance").isNotNull()
                    .extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
        });
        clock.advance(Duration.ofMillis(40_500));
        late.getRunnable().run();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(LoggedEvents.of(log)).filteredOn(e -> e.getLevel() == Level.INFO)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("already run or running by another node") && m.contains(due.toString())));
        JobInstance run = jobRepository.getJobInstance(NightlySyncParameters.JOB_NAME, NightlySyncLauncher.parameters(due, "*"));
        assertThat(jobRepository.getJobExecutions(run)).as("run once, not side by side").hasSize(1);
        assertThat(errors()).isEmpty();
    }

    @Test
    void aPurgeFiredALittleEarlyIsTheRunThatWasDueAndTheNextStartsCatchUpFindsItRun() throws Exception {
        MutableClock clock = mutableClockAt("2031-03-20T03:29:59.500+08:00");
        PurgeScheduler node = purgeScheduler(clock, purgeSettings.catchUpWindow());
        OffsetDateTime due = OffsetDateTime.parse("2031-03-20T03:30+08:00").atZoneSameInstant(clock.getZone()).toOffsetDateTime();

        only(node::configureTasks).getRunnable().run();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JobInstance run = jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(due));
            assertThat(run).as("the run due at 03:30, not one of 03:29").isNotNull();
            assertThat(jobRepository.getLastJobExecution(run)).as("its execution: the start makes it after the instance").isNotNull()
                    .extracting(JobExecution::getStatus).isEqualTo(BatchStatus.COMPLETED);
        });
        // the node restarts at 07:45: the night's purge is recorded for 03:30, nothing was missed
        clock.advance(Duration.ofMinutes(255));
        assertThat(node.catchUp()).isEmpty();
        assertThat(jobRepository.getJobExecutions(jobRepository.getJobInstance(PurgeParameters.JOB_NAME, PurgeLauncher.parameters(due))))
                .hasSize(1);
    }

    // -----------------------------------------------------------------------------------------

    /** A clock standing at the given time, which the test moves on. */
    private static MutableClock mutableClockAt(String time) {
        MutableClock clock = new MutableClock();
        clock.advance(Duration.between(clock.instant(), OffsetDateTime.parse(time).toInstant()));
        return clock;
    }

    /** A clock that shows the given time now and goes on from it. */
    private static Clock clockAt(String time) {
        return Clock.offset(Clock.system(SHANGHAI), Duration.between(Instant.now(), OffsetDateTime.parse(time).toInstant()));
    }

    /** The sync's cron ({@code *}) of a scheduler as the hub starts it, with its schedule on, on the given clock. */
    private CronTask syncCron(Clock clock, Duration catchUpWindow) {
        NightlySyncSettings s = syncSettings;
        NightlySyncScheduler scheduler = new NightlySyncScheduler(new NightlySyncSettings(true, s.cron(), s.zone(), s.summaryWindow(),
                s.sourceCrons(), catchUpWindow), syncSources, syncLauncher, missedRuns, starts, clock);
        schedulers.add(scheduler::destroy);
        return only(scheduler::configureTasks);
    }

    /** The purge's cron of a scheduler as the hub starts it (a node), with its schedule on, on the given clock. */
    private CronTask purgeCron(Clock clock, Duration catchUpWindow) {
        return only(purgeScheduler(clock, catchUpWindow)::configureTasks);
    }

    /** The purge's scheduler as the hub starts it (a node), with its schedule on, on the given clock. */
    private PurgeScheduler purgeScheduler(Clock clock, Duration catchUpWindow) {
        PurgeSettings s = purgeSettings;
        PurgeScheduler scheduler = new PurgeScheduler(new PurgeSettings(true, s.cron(), s.zone(), s.stagingAge(), s.jobMetadataAge(),
                s.archiveRetention(), s.receiptRetention(), s.inboxLeftoverRetention(), s.supersededProblemsRetention(), catchUpWindow,
                        s.allowShortArchiveRetention(), s.auditRetention(), s.clockTolerance(), s.acceptClockUntil()),
                purgeLauncher, missedRuns, starts, clock);
        schedulers.add(scheduler::destroy);
        return scheduler;
    }

    private static CronTask only(java.util.function.Consumer<ScheduledTaskRegistrar> configure) {
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        configure.accept(registrar);
        assertThat(registrar.getCronTaskList()).hasSize(1);
        return registrar.getCronTaskList().get(0);
    }

    private SwitchableDatabase.Switch database() {
        return (SwitchableDatabase.Switch) dataSource;
    }

    private static Logger jobsLogger() {
        return (Logger) LoggerFactory.getLogger("org.tracehub.jobs");
    }

    private List<ILoggingEvent> errors() {
        return LoggedEvents.of(log).stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }

    private List<String> warnings(String containing) {
        return LoggedEvents.of(log).stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(containing)).toList();
    }

    private double startFailures(String job, String outcome) {
        io.micrometer.core.instrument.Counter counter = meters.find(ScheduledStarts.START_FAILURES).tag("job", job).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
