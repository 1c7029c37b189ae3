package org.tracehub.mappings.read;

import java.util.List;
import java.util.Map;

/**
 * One data row as read, before mapping: the row number a spreadsheet user sees (title and header
 * rows counted) and its cells. Cell values are kept exactly as read; normalisation is the engine's.
 *
 * @param date1904 the row is from a workbook in the 1904 date system: its date serials count from 1904-01-01
 * @param width    the header row's number of cells where a cell's column is its position among the delimiters (CSV),
 *                 so that a row with more cells than that has its columns shifted; 0 where a cell has its own column
 *                 (spreadsheets) or there is no header row (XML)
 * @param flaws    the workbook cells whose value as read is not what the clerk sees ({@link CellFlaw}): a number of
 *                 16 digits or more (an 18-digit credit code typed into a number cell ends in 000), a formula saved
 *                 without its result; null when there are none
 * @param hidden   the row is hidden in its worksheet (by hand, by an AutoFilter, in a folded outline): read and mapped
 *                 like any row, the engine warns of it (ROW_HIDDEN); always false for CSV and XML
 */
public record RawRecord(long row, List<String> cells, Map<String, Integer> header, boolean date1904, int width,
                        CellFlaws flaws, boolean hidden) {

    /** A row that is not hidden. */
    public RawRecord(long row, List<String> cells, Map<String, Integer> header, boolean date1904, int width, CellFlaws flaws) {
        this(row, cells, header, date1904, width, flaws, false);
    }

    public RawRecord(long row, List<String> cells, Map<String, Integer> header) {
        this(row, cells, header, false, 0);
    }

    public RawRecord(long row, List<String> cells, Map<String, Integer> header, boolean date1904, int width) {
        this(row, cells, header, date1904, width, null);
    }

    /** The flaw of the cell at this 1-based position, or null when its value is what the workbook shows. */
    public CellFlaw flawAt(int position) {
        return flaws == null || position < 1 ? null : flaws.at(position - 1);
    }

    /** The 1-based position of the first non-blank cell beyond {@link #width}, or 0 when there is none (or no width). */
    public int firstCellBeyondWidth() {
        return firstCellBeyondWidth(0);
    }

    /**
     * As {@link #firstCellBeyondWidth()}, the row being at least {@code read} cells wide: a spec that reads a column by
     * position ({@code index: 14}) past a short header says the file's rows are wider than its header.
     */
    public int firstCellBeyondWidth(int read) {
        if (width <= 0) {
            return 0;
        }
        for (int i = Math.max(width, read); i < cells.size(); i++) {
            if (!TextNormalizer.isBlank(cells.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The cell under a header name (already normalised), or null when the row is short. */
    public String get(String column) {
        Integer i = header.get(column);
        return i == null ? null : at(i + 1);
    }

    /** The cell at a 1-based position, or null when the row is short. */
    public String at(int position) {
        return position >= 1 && position <= cells.size() ? cells.get(position - 1) : null;
    }

    /** Whether no cell of the row holds anything the clerk could see ({@link TextNormalizer#isBlank}). */
    public boolean isBlank() {
        for (int i = 0; i < cells.size(); i++) {
            if (!TextNormalizer.isBlank(cells.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The flaw of the cell at this 1-based position: a reader's mark, or a formula's error as text ({@link CellFlaw#of}). */
    public CellFlaw flawOf(int position) {
        return CellFlaw.of(flawAt(position), at(position));
    }
}
