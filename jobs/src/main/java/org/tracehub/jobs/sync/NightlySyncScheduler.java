package org.tracehub.jobs.sync;

import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Puts the sync runs on their crons ({@code hub.jobs.nightly-sync.cron}, default 02:00, and the
 * sources' own crons), in {@code hub.jobs.nightly-sync.zone} (default Asia/Shanghai). Several nodes
 * may all fire: a run is one job instance per minute and sources, so only one of them runs it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class NightlySyncScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(NightlySyncScheduler.class);

    private final NightlySyncSettings settings;
    private final SyncSources sources;
    private final NightlySyncLauncher launcher;

    public NightlySyncScheduler(NightlySyncSettings settings, SyncSources sources, NightlySyncLauncher launcher) {
        this.settings = settings;
        this.sources = sources;
        this.launcher = launcher;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!settings.enabled()) {
            log.info("nightly sync schedules are off (hub.jobs.nightly-sync.enabled=false)");
            return;
        }
        ZoneId zone = ZoneId.of(settings.zone());
        for (SyncSources.Schedule schedule : sources.schedules()) {
            registrar.addCronTask(new CronTask(() -> run(schedule.sources()), new CronTrigger(schedule.cron(), zone)));
            log.info("nightly sync for {} at cron '{}' ({})", schedule.sources(), schedule.cron(), settings.zone());
        }
    }

    private void run(String sourcesParameter) {
        try {
            launcher.run(sourcesParameter);
        } catch (Exception e) {
            log.error("nightly sync for {} could not run", sourcesParameter, e);
        }
    }
}
