package org.tracehub.mappings.read;

import java.util.List;
import java.util.Map;

/**
 * One data row as read, before mapping: the row number a spreadsheet user sees (title and header
 * rows counted) and its cells. Cell values are kept exactly as read; normalisation is the engine's.
 */
public record RawRecord(long row, List<String> cells, Map<String, Integer> header) {

    /** The cell under a header name (already normalised), or null when the row is short. */
    public String get(String column) {
        Integer i = header.get(column);
        return i == null ? null : at(i + 1);
    }

    /** The cell at a 1-based position, or null when the row is short. */
    public String at(int position) {
        return position >= 1 && position <= cells.size() ? cells.get(position - 1) : null;
    }

    public boolean isBlank() {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (c != null && !c.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
