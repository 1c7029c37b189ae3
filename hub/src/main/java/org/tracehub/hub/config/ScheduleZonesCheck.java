package org.tracehub.hub.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Refuses a schedule's zone that names no time zone. The sync's and the purge's schedulers stopped the start on it with
 * Java's English "Unknown time-zone ID" naming no setting ({@code PurgeScheduler}, {@code NightlySyncScheduler}).
 */
@Component
class ScheduleZonesCheck extends SettingsCheck {

    static final List<String> ZONES = List.of("hub.jobs.nightly-sync.zone", "hub.jobs.purge.zone");

    @Override
    protected void check(ConfigurableEnvironment environment, Binder settings) {
        for (String key : ZONES) {
            String zone = settings.bind(key, String.class).orElse(null);
            if (zone == null) {
                continue;
            }
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new StartRefusedException(StartRefusalCodes.ZONE_INVALID,
                        "设置 " + key + "=" + zone + " 不是有效的时区。 The setting " + key + "=" + zone + " names no time zone.",
                        "请使用 IANA 时区名，例如 Asia/Shanghai（区分大小写），或删除它以使用默认值。 Use an IANA zone name such as "
                                + "Asia/Shanghai (case matters), or remove the setting for the default.", e);
            }
        }
    }
}
