package org.tracehub.jobs.purge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
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
 * Runs the purge daily on {@code hub.jobs.purge.cron} (default 03:30 Asia/Shanghai, after the nightly sync). At start-up,
 * after the sync's catch-up, its last due run that did not run (the hub was down) runs once, if it was due within
 * {@code catch-up-window}.
 *
 * <p>Its runs, and its catch-up, run on a thread of their own ({@link ScheduleLane}), not on Spring's scheduler thread:
 * a nightly sync that never ends (blocked on a full broker disk) no longer keeps the purge — which frees that disk — from
 * running, nor the purge the syncs.
 *
 * <p>A run that cannot start because the database cannot be reached is tried again on its lane until it starts or its
 * {@code catch-up-window} after the due time is over, always as the run that was due ({@link ScheduledStarts}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PurgeScheduler implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PurgeScheduler.class);

    private final PurgeSettings settings;
    private final PurgeLauncher launcher;
    private final MissedRuns missedRuns;
    private final ScheduledStarts starts;
    private final Clock clock;
    private final ScheduleLane lane;

    public PurgeScheduler(PurgeSettings settings, PurgeLauncher launcher, MissedRuns missedRuns, ScheduledStarts starts, Clock clock) {
        this.settings = settings;
        this.launcher = launcher;
        this.missedRuns = missedRuns;
        this.starts = starts;
        this.clock = clock;
        this.lane = new ScheduleLane("purge", clock);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!settings.enabled()) {
            log.info("the purge schedule is off (hub.jobs.purge.enabled=false)");
            return;
        }
        ZoneId zone = ZoneId.of(settings.zone());
        registrar.addCronTask(new CronTask(() -> {
            // the time it was due, not the minute it fired (a little early, or late): the run's identity, the same on every
            // node and kept by every try of it
            OffsetDateTime dueAt = ScheduledStarts.dueAt(settings.cron(), zone, clock);
            lane.offer("the purge due at " + dueAt + " (cron '" + settings.cron() + "')", () -> start(dueAt));
        },
                new CronTrigger(settings.cron(), zone)));
        log.info("purge at cron '{}' ({}): staging after {}, job metadata after {}, archives after {}", settings.cron(), settings.zone(),
                settings.stagingAge(), settings.jobMetadataAge(), settings.archiveRetention());
    }

    /** On the purge's lane, beside the syncs' catch-ups (the purge goes by ages and needs nothing of theirs). */
    @EventListener(StartupRecoveryFinished.class)
    @Order(2)
    public void onStartupRecoveryFinished() {
        if (settings.enabled()) {
            lane.offer("the catch-up of the purge", this::catchUp);
        }
    }

    /** Runs, in the calling thread, the purge's last due run if it did not run ({@link MissedRuns#lastMissed}). */
    public Optional<JobExecution> catchUp() {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return missedRuns.runIfMissed("the purge", PurgeParameters.JOB_NAME, PurgeParameters.RUN_AT, Map.of(), settings.cron(),
                ZoneId.of(settings.zone()), settings.catchUpWindow(), clock, this::start);
    }

    /** Starts the run due at {@code dueAt}, trying again while the database cannot be reached; never throws. */
    private Optional<JobExecution> start(OffsetDateTime dueAt) {
        return starts.start(new ScheduledStarts.DueRun("the purge", PurgeParameters.JOB_NAME, PurgeLauncher.parameters(dueAt), dueAt),
                settings.catchUpWindow(), clock, launcher::run);
    }

    @Override
    public void destroy() {
        lane.close();
    }
}
