package org.tracehub.hub.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The dashboard's figures from the {@code batch} table. Days are the hub time zone's days; grouping
 * by day is done here rather than in SQL, which would group in the database session's zone.
 */
@Repository
public class DashboardQueries {

    // Each reads the batches of its period through an index (V13), never the whole table, which grows by about 6,000
    // batches a day for good: ix_batch_received for a period of receipt, ix_batch_status_updated for recent failures
    // (through ix_batch_status it read every FAILED batch ever). DashboardQueryPlanTest checks the plans.
    // by failure code too: a FAILED batch waiting for disk space is counted apart (ShownStatus)
    static final String STATUS_BY_SOURCE = "SELECT source_id, status, failure_code, COUNT(*) FROM batch WHERE received_at >= :from "
            + "AND received_at < :to GROUP BY source_id, status, failure_code";
    static final String DAILY_ROWS = "SELECT received_at, rows_accepted, rows_rejected FROM batch WHERE received_at >= :from "
            + "AND received_at < :to AND attempt > 0";
    static final String SENT_SINCE = "SELECT source_id, received_at FROM batch WHERE received_at >= :from AND status <> :unknown";
    // not those waiting for disk space: the hub retries them by itself, and the list the card links to leaves them out
    static final String FAILED_SINCE = "SELECT source_id, id, failure_code, failure_message, updated_at FROM batch "
            + "WHERE status = :failed AND updated_at >= :since AND (failure_code IS NULL OR failure_code <> :waiting) "
            + "ORDER BY updated_at DESC";

    private final JdbcClient jdbc;
    private final ZoneId zone;

    public DashboardQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
    }

    /** Batches received in [from, to): source → status as the console shows it → count. */
    public Map<String, Map<ShownStatus, Long>> statusBySource(OffsetDateTime from, OffsetDateTime to) {
        Map<String, Map<ShownStatus, Long>> result = new TreeMap<>();
        jdbc.sql(STATUS_BY_SOURCE)
                .param("from", from).param("to", to)
                .query(rs -> {
                    result.computeIfAbsent(rs.getString(1), s -> new HashMap<>())
                            .merge(ShownStatus.of(BatchStatus.valueOf(rs.getString(2)), rs.getString(3)), rs.getLong(4), Long::sum);
                });
        return result;
    }

    /** Rows accepted and rejected (latest attempt of each batch) per day received, from {@code first} to {@code last}. */
    public List<DayRows> dailyRows(LocalDate first, LocalDate last) {
        Map<LocalDate, long[]> byDay = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            byDay.put(d, new long[2]);
        }
        jdbc.sql(DAILY_ROWS)
                .param("from", first.atStartOfDay(zone).toOffsetDateTime())
                .param("to", last.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
                .query(rs -> {
                    LocalDate day = rs.getObject(1, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate();
                    long[] sums = byDay.get(day);
                    if (sums != null) {
                        sums[0] += rs.getLong(2);
                        sums[1] += rs.getLong(3);
                    }
                });
        return byDay.entrySet().stream().map(e -> new DayRows(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /**
     * Sources that sent files on at least {@code minDays} of the {@code lookbackDays} days before
     * {@code today} but nothing since {@code quietSince}: source → days it sent on.
     */
    public Map<String, Integer> silentSources(LocalDate today, int lookbackDays, int minDays, OffsetDateTime quietSince) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        Set<String> recent = new HashSet<>();
        jdbc.sql(SENT_SINCE)
                .param("from", today.minusDays(lookbackDays).atStartOfDay(zone).toOffsetDateTime())
                .param("unknown", BatchStatus.UNKNOWN_SOURCE.name())
                .query(rs -> {
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    LocalDate day = at.atZoneSameInstant(zone).toLocalDate();
                    if (day.isBefore(today)) {
                        days.computeIfAbsent(rs.getString(1), s -> new HashSet<>()).add(day);
                    }
                    if (!at.isBefore(quietSince)) {
                        recent.add(rs.getString(1));
                    }
                });
        Map<String, Integer> silent = new TreeMap<>();
        days.forEach((source, sent) -> {
            if (sent.size() >= minDays && !recent.contains(source)) {
                silent.put(source, sent.size());
            }
        });
        return silent;
    }

    /** Sources with FAILED batches whose last change was at or after {@code since}, with the newest failure. */
    public List<FailingSource> failingSources(OffsetDateTime since) {
        Map<String, FailingSource> bySource = new TreeMap<>();
        jdbc.sql(FAILED_SINCE)
                .param("failed", BatchStatus.FAILED.name()).param("since", since).param("waiting", ErrorCodes.DISK_FULL)
                .query(rs -> {
                    String source = rs.getString(1);
                    FailingSource known = bySource.get(source);
                    if (known == null) {
                        bySource.put(source, new FailingSource(source, 1, rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class)));
                    } else {
                        bySource.put(source, known.plusOne());
                    }
                });
        return List.copyOf(bySource.values());
    }

    /** Rows accepted and rejected on one day. */
    public record DayRows(LocalDate day, long accepted, long rejected) {
    }

    /** A source with failed batches: how many, and the newest one. */
    public record FailingSource(String source, int failed, String lastBatchId, String lastCode, String lastMessage,
                                OffsetDateTime lastAt) {

        FailingSource plusOne() {
            return new FailingSource(source, failed + 1, lastBatchId, lastCode, lastMessage, lastAt);
        }
    }
}
