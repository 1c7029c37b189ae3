package org.tracehub.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.jobs.purge.PurgeLauncher;
import org.tracehub.jobs.purge.PurgeParameters;
import org.tracehub.jobs.purge.PurgeScheduler;
import org.tracehub.jobs.purge.PurgeSettings;
import org.tracehub.jobs.recovery.MissedRuns;
import org.tracehub.jobs.recovery.ScheduledStarts;

/**
 * The schedules as Spring's scheduler fires them, on its one thread: a nightly sync that does not end (here its load
 * held half-way by a trigger in the database; in the operations review, a send to a broker whose disk was full) holds
 * neither that thread nor the purge. Before, the cron ran the job in the scheduler's only thread, and the 03:30 purge —
 * which would have freed the disk — never ran.
 */
class StuckSyncScheduleTests extends ImportJobTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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

    private NightlySyncScheduler syncScheduler;
    private PurgeScheduler purgeScheduler;

    @AfterEach
    void stopSchedules() {
        PausingTrigger.remove(jdbc);
        if (syncScheduler != null) {
            syncScheduler.destroy();
        }
        if (purgeScheduler != null) {
            purgeScheduler.destroy();
        }
    }

    @Test
    void thePurgeRunsWhileANightlySyncIsStuckAndTheSchedulerThreadIsNeverHeld() throws Exception {
        String nightly = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);
        assertThat(importNewAttempt(nightly).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(nightly).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        // the sync's load of the staged batch stops at its first event and waits
        PausingTrigger.install(jdbc, "trace_event", "BEFORE INSERT", Map.of("batch_id", nightly));
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        syncScheduler = new NightlySyncScheduler(on(syncSettings), syncSources, syncLauncher, missedRuns, starts, clock);
        purgeScheduler = new PurgeScheduler(on(purgeSettings), purgeLauncher, missedRuns, starts, clock);
        syncScheduler.configureTasks(registrar);
        purgeScheduler.configureTasks(registrar);
        List<CronTask> crons = registrar.getCronTaskList();
        assertThat(crons).hasSize(2);

        // this thread plays Spring's single scheduler thread: 02:00 fires the sync …
        crons.get(0).getRunnable().run();
        PausingTrigger.awaitReached();
        JobExecution sync = jobRepository.getLastJobExecution(jobRepository.getLastJobInstance(NightlySyncParameters.JOB_NAME));
        assertThat(sync.getStatus()).isEqualTo(BatchStatus.STARTED);
        // … which is stuck; the same cron again is refused (its run has not ended), and 03:30 fires the purge
        crons.get(0).getRunnable().run();
        crons.get(1).getRunnable().run();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JobInstance purge = jobRepository.getLastJobInstance(PurgeParameters.JOB_NAME);
            assertThat(purge).isNotNull();
            assertThat(jobRepository.getLastJobExecution(purge).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        });
        assertThat(jobRepository.getJobExecution(sync.getId()).getStatus()).as("the sync, still stuck").isEqualTo(BatchStatus.STARTED);
        assertThat(jobRepository.findJobInstances(NightlySyncParameters.JOB_NAME)).as("no second sync started").hasSize(1);

        // once it can go on, the sync ends and loads its batch
        PausingTrigger.release();
        await().atMost(TIMEOUT).untilAsserted(
                () -> assertThat(jobRepository.getJobExecution(sync.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertThat(batch(nightly).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    private static NightlySyncSettings on(NightlySyncSettings s) {
        return new NightlySyncSettings(true, s.cron(), s.zone(), s.summaryWindow(), s.sourceCrons(), s.catchUpWindow());
    }

    private static PurgeSettings on(PurgeSettings s) {
        return new PurgeSettings(true, s.cron(), s.zone(), s.stagingAge(), s.jobMetadataAge(), s.archiveRetention(), s.receiptRetention(),
                s.inboxLeftoverRetention(), s.supersededProblemsRetention(), s.catchUpWindow(), s.allowShortArchiveRetention(), s.auditRetention(),
                s.clockTolerance(), s.acceptClockUntil());
    }
}
