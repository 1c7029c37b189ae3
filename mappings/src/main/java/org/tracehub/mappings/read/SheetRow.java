package org.tracehub.mappings.read;

import java.util.List;

/**
 * One worksheet row as the spreadsheet readers hand it on: its number as Excel shows it (1-based) and
 * its cells rendered as text, by column index (null where a cell is missing or blank).
 *
 * @param flaws  the cells whose value as read cannot be trusted ({@link CellFlaw}), or null when there are none
 * @param hidden the row is hidden in the sheet: hidden by the clerk, filtered out by an AutoFilter or folded away in
 *               an outline (XLSX {@code <row hidden="1">}, XLS a row of zero height)
 */
record SheetRow(long number, List<String> cells, CellFlaws flaws, boolean hidden) {

    /** A visible row. */
    SheetRow(long number, List<String> cells, CellFlaws flaws) {
        this(number, cells, flaws, false);
    }
}
