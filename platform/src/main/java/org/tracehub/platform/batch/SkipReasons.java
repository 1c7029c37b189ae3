package org.tracehub.platform.batch;

import java.util.ArrayList;
import java.util.List;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.sql.JsonStrings;

/**
 * How many of an attempt's skipped rows each reason skipped (空行, a skip rule's {@code 序号=合计} or expression), in the
 * order the reasons were first met. Bounded whatever the spec's rules or the file hold: the first {@value #MAX_REASONS}
 * reasons are kept, each cut to {@value #REASON_LENGTH} characters, and rows of any later reason are summed as
 * {@value #OTHER}. Kept in the convert step's context as {@link #encoded()} (a restart resumes the tally, as it does the
 * skip count) and in {@code batch.skip_reasons} (V30).
 */
public record SkipReasons(List<Entry> entries) {

    /** One reason and the rows it skipped. */
    public record Entry(String reason, long rows) {
    }

    public static final int MAX_REASONS = 5;
    public static final int REASON_LENGTH = 80;
    public static final String OTHER = "其他";
    /** batch.skip_reasons' length (V30). */
    static final int COLUMN_LENGTH = 2000;
    public static final SkipReasons NONE = new SkipReasons(List.of());

    public SkipReasons {
        entries = List.copyOf(entries);
    }

    /** These reasons with one more row skipped for {@code reason}. */
    public SkipReasons plus(String reason) {
        String cut = ColumnText.fit(reason == null || reason.isBlank() ? OTHER : reason, REASON_LENGTH);
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        boolean counted = false;
        for (Entry e : entries) {
            if (!counted && e.reason().equals(cut)) {
                next.add(new Entry(e.reason(), e.rows() + 1));
                counted = true;
            } else {
                next.add(e);
            }
        }
        if (!counted) {
            int named = (int) next.stream().filter(e -> !e.reason().equals(OTHER)).count();
            if (named < MAX_REASONS || cut.equals(OTHER)) {
                addAt(next, cut, 1);
            } else {
                addAt(next, OTHER, 1);
            }
        }
        return new SkipReasons(next);
    }

    /** Adds {@code rows} to the entry of {@code reason}, or a new one: {@value #OTHER} stays last. */
    private static void addAt(List<Entry> entries, String reason, long rows) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).reason().equals(reason)) {
                entries.set(i, new Entry(reason, entries.get(i).rows() + rows));
                return;
            }
        }
        int other = entries.size();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).reason().equals(OTHER)) {
                other = i;
            }
        }
        entries.add(reason.equals(OTHER) ? entries.size() : other, new Entry(reason, rows));
    }

    /** The rows these reasons account for. */
    public long rows() {
        return entries.stream().mapToLong(Entry::rows).sum();
    }

    /**
     * The reasons of {@code skipped} rows as the receipt shows them, e.g. {@code 空行 2，序号=合计 1}; rows no reason was kept
     * for (skipped by a hub before V30, or by a run that did not tally them) count as {@value #OTHER}. Empty when none.
     */
    public String text(long skipped) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : accountingFor(skipped)) {
            sb.append(sb.isEmpty() ? "" : "，").append(e.reason()).append(' ').append(e.rows());
        }
        return sb.toString();
    }

    /** The entries, and the rows of {@code skipped} that none accounts for as {@value #OTHER}. */
    public List<Entry> accountingFor(long skipped) {
        long unexplained = skipped - rows();
        if (unexplained <= 0) {
            return entries;
        }
        List<Entry> shown = new ArrayList<>(entries);
        addAt(shown, OTHER, unexplained);
        return shown;
    }

    /** As a JSON array of reason and count in turn, within the column's length (the last reasons become 其他). */
    public String encoded() {
        List<Entry> kept = new ArrayList<>(entries);
        String json = json(kept);
        while (json.length() > COLUMN_LENGTH && kept.size() > 1) {
            Entry last = kept.remove(kept.size() - 1);
            Entry before = kept.remove(kept.size() - 1);
            addAt(kept, OTHER, last.rows() + before.rows());
            json = json(kept);
        }
        return json;
    }

    private static String json(List<Entry> entries) {
        List<String> values = new ArrayList<>(entries.size() * 2);
        for (Entry e : entries) {
            values.add(e.reason());
            values.add(Long.toString(e.rows()));
        }
        return JsonStrings.array(values);
    }

    /** What {@link #encoded()} wrote; {@link #NONE} for null, empty or anything it cannot read. */
    public static SkipReasons decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        try {
            List<String> values = JsonStrings.parse(encoded);
            List<Entry> entries = new ArrayList<>(values.size() / 2);
            for (int i = 0; i + 1 < values.size(); i += 2) {
                entries.add(new Entry(values.get(i), Long.parseLong(values.get(i + 1))));
            }
            return new SkipReasons(entries);
        } catch (IllegalArgumentException unreadable) {
            // a tally is an explanation, never a reason to fail a receipt: the count stands alone
            return NONE;
        }
    }
}
