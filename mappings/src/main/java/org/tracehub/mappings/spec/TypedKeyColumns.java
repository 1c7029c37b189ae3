package org.tracehub.mappings.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tracehub.schemas.event.FieldKind;

/**
 * Key columns a field of the same file kind reads as a date, a time or a number. The record key is the cells' text as
 * written ({@code EventIds.recordKey}), never the value a field reads from them, and stored event ids are made of it, so
 * it cannot change under deployed stores: the same filling typed {@code 7:05} in one file and {@code 07:05} in another
 * (or a date written otherwise after a switch from CSV to XLSX) is two records. The loader notes each such column; the
 * load warns a row that repeats a stored record under another spelling ({@code RECORD_KEY_SPELLING}).
 */
final class TypedKeyColumns {

    private static final Set<FieldKind> TIMES = Set.of(FieldKind.DATE_TIME, FieldKind.DATE);
    private static final Set<FieldKind> NUMBERS = Set.of(FieldKind.DECIMAL, FieldKind.INTEGER, FieldKind.QUANTITY, FieldKind.PRICE);

    private TypedKeyColumns() {
    }

    /** One message per key column read as a date, time or number, in key order, naming the first field that reads it. */
    static List<String> of(List<String> key, List<FieldMapping> fields) {
        List<String> notes = new ArrayList<>();
        for (String column : key) {
            for (FieldMapping f : fields) {
                String how = readAs(column, f);
                if (how != null) {
                    notes.add("key column '" + column + "' is read as " + how + " by fields." + f.field().path() + ", but the record key"
                            + " is the cell's text as written: a record re-sent with it typed otherwise (07:05 for 7:05, 2026-11-26"
                            + " for 2026/11/26, 14.50 for 14.5) gets another key and is stored a second time, which the load warns"
                            + " (RECORD_KEY_SPELLING); stored keys cannot change, so the senders must keep the cell's spelling");
                    break;
                }
            }
        }
        return notes;
    }

    private static String readAs(String column, FieldMapping f) {
        FieldKind kind = f.field().kind();
        if (TIMES.contains(kind) && column.equals(f.timeColumn())) {
            return "a time of day (timeColumn)";
        }
        if (!f.columnNames().contains(column) && !column.equals(f.path())) {
            return null;
        }
        if (TIMES.contains(kind)) {
            return "a date or time";
        }
        return NUMBERS.contains(kind) ? "a number" : null;
    }
}
