package org.tracehub.jobs.sync;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.tracehub.jobs.recovery.MissedRuns;
import org.tracehub.jobs.recovery.ScheduleLane;
import org.tracehub.jobs.recovery.ScheduledStarts;
import org.tracehub.jobs.recovery.StartupRecoveryFinished;

/**
 * Puts the sync runs on their crons ({@code hub.jobs.nightly-sync.cron}, default 02:00, and the
 * sources' own crons), in {@code hub.jobs.nightly-sync.zone} (default Asia/Shanghai). Several nodes
 * may all fire: a run is one job instance per minute and sources, so only one of them runs it.
 *
 * <p>At start-up, once recovery is done, each cron's last due run that did not run (the hub was down at 02:00: a
 * night's maintenance window) runs once, if it was due within {@code catch-up-window}: otherwise the staged batches of the
 * nightly sources would wait another day.
 *
 * <p>Each cron's runs, and its catch-up, run on a thread of their own ({@link ScheduleLane}), not on Spring's scheduler
 * thread: a run that never ends holds only its own schedule (the next one of that cron is refused and logged at ERROR),
 * never the other syncs' crons or the purge's.
 *
 * <p>A run that cannot start because the database cannot be reached (a maintenance window over 02:00) is tried again on
 * its lane until it starts or its {@code catch-up-window} after the due time is over, always as the run that was due
 * ({@link ScheduledStarts}). A node whose start another node's took logs one INFO line.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class NightlySyncScheduler implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NightlySyncScheduler.class);

    private final NightlySyncSettings settings;
    private final SyncSources sources;
    private final NightlySyncLauncher launcher;
    private final MissedRuns missedRuns;
    private final ScheduledStarts starts;
    private final Clock clock;
    /** One per schedule, by its sources parameter. */
    private final Map<String, ScheduleLane> lanes = new ConcurrentHashMap<>();

    public NightlySyncScheduler(NightlySyncSettings settings, SyncSources sources, NightlySyncLauncher launcher, MissedRuns missedRuns,
                                ScheduledStarts starts, Clock clock) {
        this.settings = settings;
        this.sources = sources;
        this.launcher = launcher;
        this.missedRuns = missedRuns;
        this.starts = starts;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!settings.enabled()) {
            log.info("nightly sync schedules are off (hub.jobs.nightly-sync.enabled=false)");
            return;
        }
        ZoneId zone = ZoneId.of(settings.zone());
        for (SyncSources.Schedule schedule : sources.schedules()) {
            registrar.addCronTask(new CronTask(() -> {
                // the time it was due, not the minute it fired (a little early, or late): the run's identity, the same on every
                // node and kept by every try of it
                OffsetDateTime dueAt = ScheduledStarts.dueAt(schedule.cron(), zone, clock);
                lane(schedule).offer("the nightly sync for " + schedule.sources() + " due at " + dueAt + " (cron '" + schedule.cron() + "')",
                        () -> start(schedule, dueAt));
            }, new CronTrigger(schedule.cron(), zone)));
            log.info("nightly sync for {} at cron '{}' ({})", schedule.sources(), schedule.cron(), settings.zone());
        }
    }

    /** Each schedule's catch-up on its own lane: one that does not end keeps neither the others' nor the purge's from running. */
    @EventListener(StartupRecoveryFinished.class)
    @Order(1)
    public void onStartupRecoveryFinished() {
        if (!settings.enabled()) {
            return;
        }
        for (SyncSources.Schedule schedule : sources.schedules()) {
            lane(schedule).offer("the catch-up of the nightly sync for " + schedule.sources(), () -> catchUp(schedule));
        }
    }

    /**
     * Runs, in the calling thread, each schedule's last due run that did not run ({@link MissedRuns#lastMissed}): one run
     * per cron, for the time it was due, however many nights the hub was down.
     *
     * @return the runs started
     */
    public List<JobExecution> catchUp() {
        if (!settings.enabled()) {
            return List.of();
        }
        List<JobExecution> runs = new ArrayList<>();
        for (SyncSources.Schedule schedule : sources.schedules()) {
            catchUp(schedule).ifPresent(runs::add);
        }
        return runs;
    }

    private Optional<JobExecution> catchUp(SyncSources.Schedule schedule) {
        return missedRuns.runIfMissed("nightly sync for " + schedule.sources(), NightlySyncParameters.JOB_NAME,
                NightlySyncParameters.RUN_AT,
                Map.of(NightlySyncParameters.SOURCES, schedule.sources()), schedule.cron(), ZoneId.of(settings.zone()),
                settings.catchUpWindow(), clock, runAt -> start(schedule, runAt));
    }

    /** Starts the schedule's run due at {@code dueAt}, trying again while the database cannot be reached; never throws. */
    private Optional<JobExecution> start(SyncSources.Schedule schedule, OffsetDateTime dueAt) {
        return starts.start(new ScheduledStarts.DueRun("the nightly sync for " + schedule.sources(), NightlySyncParameters.JOB_NAME,
                        NightlySyncLauncher.parameters(dueAt, schedule.sources()), dueAt), settings.catchUpWindow(), clock,
                runAt -> launcher.run(runAt, schedule.sources()));
    }

    private ScheduleLane lane(SyncSources.Schedule schedule) {
        return lanes.computeIfAbsent(schedule.sources(), key -> new ScheduleLane("sync-" + key, clock));
    }

    @Override
    public void destroy() {
        lanes.values().forEach(ScheduleLane::close);
    }
}
