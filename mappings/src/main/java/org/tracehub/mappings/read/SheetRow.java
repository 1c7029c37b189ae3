package org.tracehub.mappings.read;

import java.util.List;

/**
 * One worksheet row as the spreadsheet readers hand it on: its number as Excel shows it (1-based) and
 * its cells rendered as text, by column index (null where a cell is missing or blank).
 *
 * @param flaws  the cells whose value as read cannot be trusted ({@link CellFlaw}), or null when there are none
 */
record SheetRow(long number, List<String> cells, CellFlaws flaws) {
}
