package org.tracehub.platform.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.sql.JsonStrings;

/**
 * The warnings of an attempt's file as a whole, not of any of its rows (an XML export's optional path that occurs in no
 * record, {@code XML_PATH_ABSENT}): kept with the batch ({@code batch.file_warnings}, V36), never as a problem row, so
 * that no row reads as at fault and none is counted warned for them, and so that they outlive the purge of the problem
 * rows. Bounded: each text is cut as a problem's is, and warnings that would not fit the column are left off at the end.
 */
public record FileWarnings(List<Entry> entries) {

    /**
     * One warning.
     *
     * @param column the column (an XML path) it is about, or null
     * @param field  the standard fields read from it, comma-separated, or null
     */
    public record Entry(String code, String column, String field, String message) {
    }

    public static final FileWarnings NONE = new FileWarnings(List.of());
    /** batch.file_warnings' length (V36). */
    static final int COLUMN_LENGTH = 100_000;
    /** A message is cut to the length batch_error.message has (V1), a column name to that of a recorded title. */
    private static final int MESSAGE_LENGTH = 1000;
    private static final int NAME_LENGTH = 200;

    public FileWarnings {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** As a JSON array of code, column, field and message in turn, within the column's length. */
    public String encoded() {
        List<String> values = new ArrayList<>(entries.size() * 4);
        int length = 2;
        for (Entry e : entries) {
            List<String> four = Arrays.asList(ColumnText.fit(e.code(), NAME_LENGTH), ColumnText.fit(e.column(), NAME_LENGTH),
                    ColumnText.fit(e.field(), NAME_LENGTH), ColumnText.fit(e.message(), MESSAGE_LENGTH));
            int more = JsonStrings.array(four).length() - 2 + (values.isEmpty() ? 0 : 1);
            if (length + more > COLUMN_LENGTH) {
                break;
            }
            values.addAll(four);
            length += more;
        }
        return JsonStrings.array(values);
    }

    /** What {@link #encoded()} wrote; {@link #NONE} for null, empty or anything it cannot read. */
    public static FileWarnings decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return NONE;
        }
        try {
            List<String> values = JsonStrings.parse(encoded);
            List<Entry> entries = new ArrayList<>(values.size() / 4);
            for (int i = 0; i + 3 < values.size(); i += 4) {
                entries.add(new Entry(values.get(i), values.get(i + 1), values.get(i + 2), values.get(i + 3)));
            }
            return new FileWarnings(entries);
        } catch (IllegalArgumentException unreadable) {
            // a warning is an explanation, never a reason to fail a receipt or a batch page
            return NONE;
        }
    }
}
