package org.tracehub.jobs.purge;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.jobs.purge.*}.
 *
 * @param enabled          whether the daily run is scheduled on this node
 * @param cron             when it runs (after the nightly sync)
 * @param zone             the zone of the cron
 * @param stagingAge       staged events of a LOADED or FAILED batch go once the batch is unchanged this long
 *                         (a failed attempt can be retried until then, reprocessed at any time)
 * @param jobMetadataAge   Spring Batch's records of job runs go once their last run ended this long ago
 *                         (never those a retry may still restart)
 * @param archiveRetention archived originals go once their batch is unchanged this long; default three years,
 *                         the longest record-keeping period in the traceability regulations
 * @param receiptRetention receipts go from the sources' outboxes once last written this long ago (the console and
 *                         the API still download them: they are written from the database)
 * @param inboxLeftoverRetention uploads the hub never took (a dropped connection, a cancelled or failed upload) go
 *                         from the inboxes once untouched this long; the sender was told, or saw the upload fail
 * @param supersededProblemsRetention the row problems and rejected rows of attempts a later loaded attempt superseded
 *                         go this long after that load; nothing shows them (pages, reports and receipts show the
 *                         current attempt), and the sender's receipt of the earlier attempt stays in the outbox as long
 * @param catchUpWindow    a run due this long before a start, that did not run (the hub was down), runs once at the start
 */
@ConfigurationProperties(prefix = "hub.jobs.purge", ignoreUnknownFields = false)
public record PurgeSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 30 3 * * *") String cron,
        @DefaultValue("Asia/Shanghai") String zone,
        @DefaultValue("P30D") Period stagingAge,
        @DefaultValue("P90D") Period jobMetadataAge,
        @DefaultValue("P3Y") Period archiveRetention,
        @DefaultValue("P90D") Period receiptRetention,
        @DefaultValue("P30D") Period inboxLeftoverRetention,
        @DefaultValue("P90D") Period supersededProblemsRetention,
        @DefaultValue("P1D") Duration catchUpWindow) {
}
