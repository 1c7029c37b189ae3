package org.tracehub.hub.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batches of a period as a source × status table with totals; {@code from} and {@code to} are the period as the batch
 * list's filter reads it ({@link BatchDays.Bound}), so that a count links to the very batches it counted.
 */
public record StatusTable(String title, String period, String from, String to, List<ShownStatus> statuses, List<Row> rows,
                          long[] totals, long total) {

    /** One source's counts, in the order of {@code statuses}. */
    public record Row(String source, long[] counts, long total) {
    }

    static StatusTable of(String title, String period, BatchDays.Bound from, BatchDays.Bound to,
                          Map<String, Map<ShownStatus, Long>> bySource) {
        List<ShownStatus> statuses = ShownStatus.all();
        long[] totals = new long[statuses.size()];
        List<Row> rows = new ArrayList<>();
        long all = 0;
        for (var e : bySource.entrySet()) {
            long[] counts = new long[statuses.size()];
            long sum = 0;
            for (int i = 0; i < statuses.size(); i++) {
                counts[i] = e.getValue().getOrDefault(statuses.get(i), 0L);
                totals[i] += counts[i];
                sum += counts[i];
            }
            rows.add(new Row(e.getKey(), counts, sum));
            all += sum;
        }
        return new StatusTable(title, period, from.toString(), to.toString(), statuses, rows, totals, all);
    }
}
