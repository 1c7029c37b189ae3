package org.tracehub.jobs.sync;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tracehub.platform.schedule.CronSettings;

/**
 * {@code hub.jobs.nightly-sync.*}.
 *
 * @param enabled       whether the schedules run on this node (the job can still be started by hand)
 * @param cron          when the sync runs for every source without a cron of its own (Spring cron, six fields)
 * @param zone          the zone of the crons
 * @param summaryWindow the summary covers the batches received in this period before the run
 * @param sourceCrons   source id → cron, for nightly sources that load (and pull) on a schedule of their own
 * @param catchUpWindow a run due this long before a start, that did not run (the hub was down), runs once at the start;
 *                      an older one is left to the next due time
 */
@ConfigurationProperties(prefix = "hub.jobs.nightly-sync", ignoreUnknownFields = false)
public record NightlySyncSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 0 2 * * *") String cron,
        @DefaultValue("Asia/Shanghai") String zone,
        @DefaultValue("P1D") Duration summaryWindow,
        Map<String, String> sourceCrons,
        @DefaultValue("P1D") Duration catchUpWindow) {

    /** A spec's source id: a source-crons key of another shape names no source, and its cron would never run. */
    private static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final String PREFIX = "hub.jobs.nightly-sync.";

    public NightlySyncSettings {
        sourceCrons = sourceCrons == null ? Map.of() : Map.copyOf(sourceCrons);
        // checked where read, naming the key: Spring's own message names neither, and stopped the start at the scheduler
        CronSettings.parse(PREFIX + "cron", cron);
        new TreeMap<>(sourceCrons).forEach((id, sourceCron) -> {
            if (!SOURCE_ID.matcher(id).matches()) {
                // source-crons: { dairy-x: { cron: … } } binds as the key dairy-x.cron, and the source stayed on the default
                throw new IllegalArgumentException(PREFIX + "source-crons." + id + ": '" + id + "' is not a source id (lower-case"
                        + " letters, digits and '-'); the cron is the value of the source's own key, e.g. source-crons: { "
                        + (id.contains(".") ? id.substring(0, id.indexOf('.')) : "dairy-x") + ": \"0 30 1 * * *\" }");
            }
            CronSettings.parse(PREFIX + "source-crons." + id, sourceCron);
        });
    }
}
