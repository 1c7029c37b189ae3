package org.tracehub.mappings.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.poi.ss.util.CellRangeAddress;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A sheet's merged cells, applied to its rows as they stream past: every cell of a merged range reads as its top-left
 * cell, which is what the clerk sees. A ledger grouped by stall merges 摊位号 and 经营者信用代码 down the stall's rows;
 * read as the file stores them (the value in the first row only) the other rows were refused for a missing required
 * cell the clerk sees filled, or loaded without an optional one.
 *
 * <p>A range fills no more than the sheet's header has: a range is a few bytes, and one of A1:XFD1048576 widened every
 * row to 16,384 cells. The header row takes a range's top-left column (a header cell merged down from a group header
 * above, or across its unit column, names that column) and, across it, only the columns the header has otherwise; a
 * row after it is filled up to the header's last column, and only when it holds something of its own (a row the clerk
 * typed nothing into, past the data but under a range merged down the sheet, stays blank). Rows above the header are
 * titles, never read, and are not filled. Excel saves no overlapping ranges, and a sheet with any is refused.
 */
final class MergedRanges {

    /**
     * The merged ranges a sheet may have. Each is kept for the whole sheet (about 40 bytes), so a few MB of zipped
     * {@code <mergeCell>} elements filled a 256 MB heap. A ledger grouped by stall merges a few columns per stall, and
     * an export merges its title rows: hundreds of ranges, a few thousand for a big month. Excel sets no limit of its
     * own; 100,000 leave room many times over and hold about 4 MB.
     */
    static final int MAX_RANGES = 100_000;

    static final MergedRanges NONE = new MergedRanges(List.of());

    /** The text that starts a merged range's reference in a worksheet part (any namespace prefix before it). */
    private static final byte[] REF = "mergeCell ref=\"".getBytes(StandardCharsets.US_ASCII);

    private final List<CellRangeAddress> ranges;
    private int started;
    private final List<Active> active = new ArrayList<>();

    private record Active(CellRangeAddress range, String value, CellFlaw flaw) {
    }

    /** The header's columns once its row is read; until then -1 (the rows read are titles). */
    private int width = -1;

    private MergedRanges(List<CellRangeAddress> ranges) {
        this.ranges = ranges;
    }

    /**
     * The ranges of an .xls sheet (POI's usermodel keeps them, within the .xls size bound), refused past
     * {@link #MAX_RANGES} as an .xlsx sheet's are.
     *
     * @param sheet the sheet's name, for a refusal
     */
    static MergedRanges of(Collection<CellRangeAddress> ranges, String sheet) {
        if (ranges.size() > MAX_RANGES) {
            throw tooMany(sheet);
        }
        List<CellRangeAddress> kept = new ArrayList<>();
        ranges.forEach(range -> keep(kept, range));
        return of(kept, sheet);
    }

    private static MergedRanges of(List<CellRangeAddress> ranges, String sheet) {
        if (ranges.isEmpty()) {
            return NONE;
        }
        // a range written twice (some export libraries repeat a merge) merges nothing new: not an overlap
        List<CellRangeAddress> sorted = new ArrayList<>(new LinkedHashSet<>(ranges));
        sorted.sort(Comparator.comparingInt(CellRangeAddress::getFirstRow).thenComparingInt(CellRangeAddress::getFirstColumn));
        refuseOverlaps(sorted, sheet);
        return new MergedRanges(sorted);
    }

    /**
     * Refuses the first two ranges that share a cell. Swept down the rows: the ranges still open at a range's first row
     * share no column with each other (else they were refused), so the one starting nearest left of its last column is
     * the only one that can overlap it.
     *
     * @param sorted the ranges by first row, then first column
     */
    private static void refuseOverlaps(List<CellRangeAddress> sorted, String sheet) {
        PriorityQueue<CellRangeAddress> open = new PriorityQueue<>(Comparator.comparingInt(CellRangeAddress::getLastRow));
        TreeMap<Integer, CellRangeAddress> byFirstColumn = new TreeMap<>();
        for (CellRangeAddress range : sorted) {
            while (!open.isEmpty() && open.peek().getLastRow() < range.getFirstRow()) {
                byFirstColumn.remove(open.poll().getFirstColumn());
            }
            Map.Entry<Integer, CellRangeAddress> left = byFirstColumn.floorEntry(range.getLastColumn());
            if (left != null && left.getValue().getLastColumn() >= range.getFirstColumn()) {
                throw new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheet + "”中合并单元格的区域"
                        + left.getValue().formatAsString() + "与" + range.formatAsString() + "互相重叠，Excel不会保存这样的表格，"
                        + "文件已拒收：请在Excel中取消这两处合并单元格（或重新合并）后重新上传", 0);
            }
            byFirstColumn.put(range.getFirstColumn(), range);
            open.add(range);
        }
    }

    /**
     * The ranges of an .xlsx worksheet part. Its {@code <mergeCells>} come after {@code <sheetData>}, so they are found
     * by a byte scan of the part before its rows are read: a second inflate of the part, with no XML parsing. Refused
     * past {@link #MAX_RANGES}, as they are found.
     *
     * @param name the sheet's name, for a refusal
     */
    static MergedRanges scan(InputStream sheet, String name) throws IOException {
        List<CellRangeAddress> found = new ArrayList<>();
        byte[] buffer = new byte[1 << 16];
        int matched = 0;
        StringBuilder ref = null;
        for (int n = sheet.read(buffer); n > 0; n = sheet.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (ref != null) {
                    if (b == '"') {
                        add(found, ref.toString());
                        ref = null;
                        if (found.size() > MAX_RANGES) {
                            throw tooMany(name);
                        }
                    } else if (ref.length() < 32) {
                        ref.append((char) b);
                    }
                } else if (b == REF[matched]) {
                    matched++;
                    if (matched == REF.length) {
                        ref = new StringBuilder();
                        matched = 0;
                    }
                } else {
                    matched = b == REF[0] ? 1 : 0;
                }
            }
        }
        return of(found, name);
    }

    private static FileLevelException tooMany(String sheet) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheet + "”中合并单元格的区域超过" + MAX_RANGES
                + "个，超过平台能读取的上限，文件已拒收：请取消合并单元格（或只保留表头的合并单元格）后重新上传", 0);
    }

    private static void add(List<CellRangeAddress> found, String ref) {
        try {
            keep(found, CellRangeAddress.valueOf(ref));
        } catch (RuntimeException notARange) {
            // a reference POI cannot read merges nothing
        }
    }

    /**
     * Keeps a range that merges something: more than one cell, its corners in order (a reversed one merged nothing).
     * Not {@code getNumberOfCells()}, which overflows an int for A1:XFD1048576 and read it as no range at all.
     */
    private static void keep(List<CellRangeAddress> found, CellRangeAddress range) {
        if (range.getFirstRow() >= 0 && range.getFirstColumn() >= 0 && range.getFirstRow() <= range.getLastRow()
                && range.getFirstColumn() <= range.getLastColumn()
                && (range.getFirstRow() < range.getLastRow() || range.getFirstColumn() < range.getLastColumn())) {
            found.add(range);
        }
    }

    /**
     * The first column of the merged range that filled this 0-based column of the row last {@link #fill filled}, or the
     * column itself when no range covers it there.
     */
    int origin(int column) {
        for (Active a : active) {
            if (a.value() != null && a.range().getFirstColumn() <= column && column <= a.range().getLastColumn()) {
                return a.range().getFirstColumn();
            }
        }
        return column;
    }

    /** A row above the header: a title, never read. The ranges starting in it take their values; it is not filled. */
    void title(SheetRow row) {
        if (!ranges.isEmpty()) {
            open(row);
        }
    }

    /**
     * The header row with the cells its merged ranges cover filled, each range no further than the header's last column
     * (its last cell holding text, or a range's top-left column); that width bounds the rows after it.
     */
    SheetRow header(SheetRow row) {
        if (ranges.isEmpty()) {
            // NONE is shared: nothing of it may change
            return row;
        }
        open(row);
        int last = lastNonBlank(row.cells());
        for (Active a : active) {
            if (a.value() != null) {
                last = Math.max(last, a.range().getFirstColumn());
            }
        }
        width = last + 1;
        // a range starting past the header's last column fills nothing from now on
        active.removeIf(a -> a.range().getFirstColumn() >= width);
        return filled(row);
    }

    /**
     * A row after the header with the cells its merged ranges cover filled up to the header's last column, when it
     * holds something of its own; a row without is handed on as it is.
     */
    SheetRow fill(SheetRow row) {
        if (started == ranges.size() && active.isEmpty()) {
            // no range left, the common case once a sheet's merged title rows are past
            return row;
        }
        open(row);
        if (active.isEmpty() || lastNonBlank(row.cells()) < 0 && row.flaws() == null) {
            return row;
        }
        return filled(row);
    }

    /** Closes the ranges that end above this row and opens those that start in it (or, for a row the sheet lacks, above). */
    private void open(SheetRow row) {
        int index = (int) (row.number() - 1);
        active.removeIf(a -> a.range().getLastRow() < index);
        while (started < ranges.size() && ranges.get(started).getFirstRow() <= index) {
            CellRangeAddress range = ranges.get(started++);
            if (range.getLastRow() < index || width >= 0 && range.getFirstColumn() >= width) {
                continue;
            }
            // the top-left cell's row, or none when the sheet has no row there (then the range has no value)
            boolean topRow = range.getFirstRow() == index;
            int column = range.getFirstColumn();
            String value = topRow && column < row.cells().size() ? row.cells().get(column) : null;
            CellFlaw flaw = topRow && row.flaws() != null ? row.flaws().at(column) : null;
            active.add(new Active(range, value, flaw));
        }
    }

    private SheetRow filled(SheetRow row) {
        if (active.isEmpty()) {
            return row;
        }
        int index = (int) (row.number() - 1);
        List<String> cells = new ArrayList<>(row.cells());
        CellFlaws flaws = row.flaws();
        for (Active a : active) {
            if (a.value() == null) {
                continue;
            }
            int to = Math.min(a.range().getLastColumn(), width - 1);
            for (int c = a.range().getFirstColumn(); c <= to; c++) {
                boolean topLeft = index == a.range().getFirstRow() && c == a.range().getFirstColumn();
                while (cells.size() <= c) {
                    cells.add(null);
                }
                if (!topLeft && TextNormalizer.isBlank(cells.get(c))) {
                    cells.set(c, a.value());
                    if (a.flaw() != null) {
                        flaws = CellFlaws.with(flaws, c, a.flaw());
                    }
                }
            }
        }
        return new SheetRow(row.number(), cells, flaws, row.hidden());
    }

    /** The 0-based column of a row's last cell that holds something the clerk could see, or -1. */
    private static int lastNonBlank(List<String> cells) {
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (!TextNormalizer.isBlank(cells.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
