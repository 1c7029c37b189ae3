package org.tracehub.mappings.read;

import java.util.List;

/**
 * One worksheet row as the spreadsheet readers hand it on: its number as Excel shows it (1-based) and
 * its cells rendered as text, by column index (null where a cell is missing or blank).
 */
record SheetRow(long number, List<String> cells) {
}
