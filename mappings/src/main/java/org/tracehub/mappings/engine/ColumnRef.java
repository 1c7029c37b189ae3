package org.tracehub.mappings.engine;

import java.util.List;
import java.util.Map;
import org.tracehub.mappings.read.CellFlaw;
import org.tracehub.mappings.read.RawRecord;

/**
 * A column (XML: a path) the spec names, looked up in the header once per file rather than once
 * per row: a reader hands every row the same immutable header map, so the position found for it
 * stays valid until a row comes with another header. A column with other names in another layout of the file
 * ({@code column: [凭证编号, 交易凭证号]}) is the first of them the header holds, found with the position; the header check
 * has refused a header holding two of them.
 */
final class ColumnRef {

    private final List<String> names;
    /** The name the last header holds the column by, or the first name while none has been seen or it holds none. */
    private String name;
    private Map<String, Integer> header;
    /** 1-based position in {@link #header}, or 0 when the header lacks the column. */
    private int position;

    ColumnRef(String name) {
        this(List.of(name));
    }

    /** @param names the column's names, the spec's first */
    ColumnRef(List<String> names) {
        this.names = List.copyOf(names);
        this.name = names.get(0);
    }

    /** The name the clerk's file gives the column, once a row has been read: the one errors should name. */
    String name() {
        return name;
    }

    /** The cell as read ({@link RawRecord#get}), or null when the header or the row lacks it. */
    String cell(RawRecord record) {
        return record.at(position(record));
    }

    /** The cell's flaw ({@link CellFlaw#of}): its value as read is no value the clerk meant; null for most. */
    CellFlaw flaw(RawRecord record) {
        return record.flawOf(position(record));
    }

    private int position(RawRecord record) {
        Map<String, Integer> h = record.header();
        if (h != header) {
            position = 0;
            name = names.get(0);
            for (String n : names) {
                Integer i = h.get(n);
                if (i != null) {
                    position = i + 1;
                    name = n;
                    break;
                }
            }
            header = h;
        }
        return position;
    }
}
