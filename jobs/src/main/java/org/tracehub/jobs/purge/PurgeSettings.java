package org.tracehub.jobs.purge;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *                         the longest record-keeping period in the traceability regulations, and no less unless
 *                         {@code allowShortArchiveRetention}
 * @param receiptRetention receipts go from the sources' outboxes once last written this long ago (the console and
 *                         the API still download them: they are written from the database)
 * @param inboxLeftoverRetention uploads the hub never took (a dropped connection, a cancelled or failed upload) go
 *                         from the inboxes once untouched this long; the sender was told, or saw the upload fail
 * @param supersededProblemsRetention the row problems and rejected rows of attempts a later loaded attempt superseded
 *                         go this long after that load; nothing shows them (pages, reports and receipts show the
 *                         current attempt), and the sender's receipt of the earlier attempt stays in the outbox as long
 * @param catchUpWindow    a run due this long before a start, that did not run (the hub was down), runs once at the start
 * @param allowShortArchiveRetention whether an {@code archiveRetention} below {@link #MINIMUM_ARCHIVE_RETENTION} is meant
 *                         (an installation whose sources keep records for a shorter period, or a test system)
 * @param auditRetention   entries of the audit log (downloads, uploads, admin actions) go once this old; default three
 *                         years, as long as the originals they concern are kept, and never below
 *                         {@link #MINIMUM_AUDIT_RETENTION}
 * @param clockTolerance   a run is refused ({@link ClockCheckTasklet}) when its time is more than this ahead of the last run
 *                         that was not refused: a clock that jumped ahead would otherwise delete everything it believes old
 * @param acceptClockUntil a run due at or before this time (ISO-8601 with offset) is not checked: set by an admin who
 *                         checked the clock after a refusal (the hub was down longer than the tolerance); empty: none
 *
 * <p>Every age must be positive: the purge deletes what is older than the run's time minus the age, so an age of zero
 * deletes everything finished at the next run, irreversibly for the archive — an admin who wrote
 * {@code archive-retention: 0} for "keep for ever" (elsewhere a zero means "off") lost every original that night.
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
        @DefaultValue("P1D") Duration catchUpWindow,
        @DefaultValue("false") boolean allowShortArchiveRetention,
        @DefaultValue("P3Y") Period auditRetention,
        @DefaultValue("P3D") Duration clockTolerance,
        @DefaultValue("") String acceptClockUntil) {

    /**
     * The longest record-keeping period of the programme's sources (STANDARDS.md, dairy: records kept at least 2 years by
     * raw-milk collection stations, at least 3 years by infant formula makers): the archive keeps every source's
     * originals, so it keeps them for the longest.
     */
    public static final Period MINIMUM_ARCHIVE_RETENTION = Period.ofYears(3);

    /**
     * The shortest the audit log may be kept: network logs are kept at least six months (Cybersecurity Law of the PRC,
     * Art. 21).
     */
    public static final Period MINIMUM_AUDIT_RETENTION = Period.ofMonths(6);

    public PurgeSettings {
        List<String> problems = new ArrayList<>();
        positive(problems, "staging-age", stagingAge);
        positive(problems, "job-metadata-age", jobMetadataAge);
        positive(problems, "archive-retention", archiveRetention);
        positive(problems, "receipt-retention", receiptRetention);
        positive(problems, "inbox-leftover-retention", inboxLeftoverRetention);
        positive(problems, "superseded-problems-retention", supersededProblemsRetention);
        positive(problems, "audit-retention", auditRetention);
        if (problems.isEmpty() && shorter(auditRetention, MINIMUM_AUDIT_RETENTION)) {
            problems.add("hub.jobs.purge.audit-retention is " + auditRetention + ", below the " + MINIMUM_AUDIT_RETENTION
                    + " network logs must be kept (Cybersecurity Law of the PRC, Art. 21)");
        }
        if (clockTolerance.compareTo(Duration.ofDays(1)) < 0) {
            problems.add("hub.jobs.purge.clock-tolerance is " + clockTolerance + ": the daily runs are a day apart, so a tolerance "
                    + "below P1D refuses every run");
        }
        if (!acceptClockUntil.isBlank()) {
            try {
                OffsetDateTime.parse(acceptClockUntil.strip());
            } catch (DateTimeParseException e) {
                problems.add("hub.jobs.purge.accept-clock-until is '" + acceptClockUntil + "', not a time with its offset "
                        + "(e.g. 2026-12-05T00:00+08:00)");
            }
        }
        if (problems.isEmpty() && !allowShortArchiveRetention && shorter(archiveRetention, MINIMUM_ARCHIVE_RETENTION)) {
            problems.add("hub.jobs.purge.archive-retention is " + archiveRetention + ", below the " + MINIMUM_ARCHIVE_RETENTION
                    + " the record-keeping rules require (records kept at least 3 years by infant formula makers, 2 years by "
                    + "raw-milk collection stations): the purge would delete originals that must still be kept; set "
                    + "hub.jobs.purge.allow-short-archive-retention=true if this installation may keep them for less");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The time up to which runs are not checked against the clock ({@link #acceptClockUntil}); empty when none. */
    public Optional<OffsetDateTime> clockAcceptedUntil() {
        return acceptClockUntil.isBlank() ? Optional.empty() : Optional.of(OffsetDateTime.parse(acceptClockUntil.strip()));
    }

    private static void positive(List<String> problems, String key, Period age) {
        if (age.isZero() || age.isNegative()) {
            problems.add("hub.jobs.purge." + key + " is " + age + ": the purge deletes what is older than this, so an age of "
                    + "zero or less deletes everything finished at the next run (it does not mean \"keep for ever\": for that "
                    + "set a long period, e.g. P100Y, or hub.jobs.purge.enabled=false)");
        }
    }

    /** Whether the period is shorter than the other: P1095D is, P3Y and P36M are not. */
    private static boolean shorter(Period period, Period than) {
        LocalDate from = LocalDate.of(2000, 1, 1);
        return from.plus(period).isBefore(from.plus(than));
    }
}
