package org.tracehub.jobs.purge;

import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/** Runs the purge daily on {@code hub.jobs.purge.cron} (default 03:30 Asia/Shanghai, after the nightly sync). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PurgeScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PurgeScheduler.class);

    private final PurgeSettings settings;
    private final PurgeLauncher launcher;

    public PurgeScheduler(PurgeSettings settings, PurgeLauncher launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!settings.enabled()) {
            log.info("the purge schedule is off (hub.jobs.purge.enabled=false)");
            return;
        }
        registrar.addCronTask(new CronTask(this::run, new CronTrigger(settings.cron(), ZoneId.of(settings.zone()))));
        log.info("purge at cron '{}' ({}): staging after {}, job metadata after {}, archives after {}", settings.cron(), settings.zone(),
                settings.stagingAge(), settings.jobMetadataAge(), settings.archiveRetention());
    }

    private void run() {
        try {
            launcher.run();
        } catch (Exception e) {
            log.error("the purge could not run", e);
        }
    }
}
