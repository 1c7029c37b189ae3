package org.tracehub.mappings.read;

import java.util.BitSet;
import java.util.List;

/**
 * One worksheet row as the spreadsheet readers hand it on: its number as Excel shows it (1-based) and
 * its cells rendered as text, by column index (null where a cell is missing or blank).
 *
 * @param lostDigits the column indexes of number cells too large for their digits to be trusted
 *                   ({@link SpreadsheetCells#digitsLost}), or null when there are none
 */
record SheetRow(long number, List<String> cells, BitSet lostDigits) {
}
