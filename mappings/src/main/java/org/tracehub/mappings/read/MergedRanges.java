package org.tracehub.mappings.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A sheet's merged cells, applied to its rows as they stream past: every cell of a merged range reads as its top-left
 * cell, which is what the clerk sees. A ledger grouped by stall merges 摊位号 and 经营者信用代码 down the stall's rows;
 * read as the file stores them (the value in the first row only) the other rows were refused for a missing required
 * cell the clerk sees filled, or loaded without an optional one.
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
        return of(ranges);
    }

    private static MergedRanges of(Collection<CellRangeAddress> ranges) {
        List<CellRangeAddress> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(CellRangeAddress::getFirstRow));
        return sorted.isEmpty() ? NONE : new MergedRanges(sorted);
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
        return of(found);
    }

    private static FileLevelException tooMany(String sheet) {
        return new FileLevelException(ErrorCodes.FILE_MALFORMED, "工作表“" + sheet + "”中合并单元格的区域超过" + MAX_RANGES
                + "个，超过平台能读取的上限，文件已拒收：请取消合并单元格（或只保留表头的合并单元格）后重新上传", 0);
    }

    private static void add(List<CellRangeAddress> found, String ref) {
        try {
            CellRangeAddress range = CellRangeAddress.valueOf(ref);
            if (range.getFirstRow() >= 0 && range.getFirstColumn() >= 0 && range.getNumberOfCells() > 1) {
                found.add(range);
            }
        } catch (RuntimeException notARange) {
            // a reference POI cannot read merges nothing
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

    /** The row with the cells its merged ranges cover filled from their top-left cells. */
    SheetRow fill(SheetRow row) {
        if (started == ranges.size() && active.isEmpty()) {
            // no range left, the common case once a sheet's merged title rows are past
            return row;
        }
        int index = (int) (row.number() - 1);
        active.removeIf(a -> a.range().getLastRow() < index);
        while (started < ranges.size() && ranges.get(started).getFirstRow() <= index) {
            CellRangeAddress range = ranges.get(started++);
            if (range.getLastRow() < index) {
                continue;
            }
            // the top-left cell's row, or none when the sheet has no row there (then the range has no value)
            boolean topRow = range.getFirstRow() == index;
            int column = range.getFirstColumn();
            String value = topRow && column < row.cells().size() ? row.cells().get(column) : null;
            CellFlaw flaw = topRow && row.flaws() != null ? row.flaws().at(column) : null;
            active.add(new Active(range, value, flaw));
        }
        if (active.isEmpty()) {
            return row;
        }
        List<String> cells = new ArrayList<>(row.cells());
        CellFlaws flaws = row.flaws();
        for (Active a : active) {
            if (a.value() == null) {
                continue;
            }
            for (int c = a.range().getFirstColumn(); c <= a.range().getLastColumn(); c++) {
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
}
