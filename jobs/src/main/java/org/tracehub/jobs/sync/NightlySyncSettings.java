package org.tracehub.jobs.sync;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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

    public NightlySyncSettings {
        sourceCrons = sourceCrons == null ? Map.of() : Map.copyOf(sourceCrons);
    }
}
