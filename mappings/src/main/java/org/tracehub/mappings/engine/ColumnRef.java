package org.tracehub.mappings.engine;

import java.util.Map;
import org.tracehub.mappings.read.CellFlaw;
import org.tracehub.mappings.read.RawRecord;

/**
 * A column (XML: a path) the spec names, looked up in the header once per file rather than once
 * per row: a reader hands every row the same immutable header map, so the position found for it
 * stays valid until a row comes with another header.
 */
final class ColumnRef {

    private final String name;
    private Map<String, Integer> header;
    /** 1-based position in {@link #header}, or 0 when the header lacks the column. */
    private int position;

    ColumnRef(String name) {
        this.name = name;
    }

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
            Integer i = h.get(name);
            position = i == null ? 0 : i + 1;
            header = h;
        }
        return position;
    }
}
