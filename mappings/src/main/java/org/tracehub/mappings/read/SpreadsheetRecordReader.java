package org.tracehub.mappings.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The rows of one worksheet as raw records, shared by the XLS and XLSX readers: rows above the header
 * row are titles; row numbers are the ones Excel shows (1-based, gaps kept); cells are rendered by
 * {@link SpreadsheetCells}, the same for both formats.
 */
abstract class SpreadsheetRecordReader implements RecordReader {

    private List<String> header;
    private Map<String, Integer> headerIndex;
    private Map<String, List<Integer>> repeated = Map.of();
    private MergedRanges merged = MergedRanges.NONE;

    /**
     * The sheet's merged cells, to read every cell of a range as its top-left one, no further than the header's last
     * column; set before {@link #start}.
     */
    final void merged(MergedRanges ranges) {
        this.merged = ranges;
    }

    private SheetRow row() {
        SheetRow row = nextRow();
        return row == null ? null : merged.fill(row);
    }

    /**
     * Reads up to the header row; call once from the subclass constructor, after the workbook is open. A sheet without
     * its header is named, with the workbook's sheets: the rows are often in a copy of it (交易明细(2)) or another sheet.
     *
     * @param names the workbook's sheet names
     * @param sheet the index of the sheet being read
     */
    final void start(int headerRow, List<String> names, int sheet) {
        SheetRow row = nextRow();
        while (row != null && row.number() < headerRow) {
            merged.title(row);
            row = nextRow();
        }
        if (row == null || row.number() > headerRow) {
            throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING, "工作表“" + names.get(sheet) + "”第" + headerRow
                    + "行应有表头，但该行为空或工作表在此之前已结束（工作簿中的工作表：" + String.join("、", names) + "）", headerRow);
        }
        List<String> h = new ArrayList<>();
        for (String cell : merged.header(row).cells()) {
            String name = TextNormalizer.normalize(cell);
            h.add(name == null ? "" : name);
        }
        header = Collections.unmodifiableList(h);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < h.size(); i++) {
            if (!h.get(i).isEmpty()) {
                index.putIfAbsent(h.get(i), i);
            }
        }
        headerIndex = Collections.unmodifiableMap(index);
        repeated = RepeatedColumns.of(h, merged::origin);
    }

    /** The rows of another sheet of the workbook, read only as far as its header and first data row. */
    interface OtherSheet extends AutoCloseable {
        SheetRow next() throws Exception;

        @Override
        void close();
    }

    /**
     * With no sheet named by the spec the reader takes the first, and a workbook whose rows go on in another sheet
     * (an .xls export past 65,536 rows continues in Sheet2; a ledger with a sheet per day) would lose those rows without
     * a word: such a workbook is refused, naming the sheets. Call after {@link #start}. A spec that names its sheet has
     * chosen it, and other sheets are not looked at.
     *
     * @param names  the workbook's sheet names
     * @param hidden whether each sheet is hidden (named so in the refusal: the clerk does not see it)
     * @param chosen the index of the sheet being read
     * @param open   opens the sheet at an index
     */
    final void refuseRowsInOtherSheets(String sheet, List<String> names, List<Boolean> hidden, int chosen, int headerRow,
                                       IntFunction<OtherSheet> open) {
        if (sheet != null) {
            return;
        }
        List<String> alike = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != chosen) {
                try (OtherSheet other = open.apply(i)) {
                    if (hasRowsUnderTheSameHeader(other, headerRow)) {
                        alike.add("“" + names.get(i) + "”" + (hidden.get(i) ? "（隐藏的工作表）" : ""));
                    }
                } catch (FileLevelException e) {
                    throw e;
                } catch (Exception e) {
                    // a sheet that cannot be read is no sheet of records (a chart sheet, a macro sheet)
                }
            }
        }
        if (!alike.isEmpty()) {
            throw new FileLevelException(ErrorCodes.FILE_SHEETS_AMBIGUOUS, "工作簿中除" + (chosen == 0 ? "第一个工作表“" : "第一个未隐藏的工作表“") + names.get(chosen) + "”外，工作表"
                    + String.join("、", alike) + "也有相同的表头和数据行，平台只读取一个工作表，其余的数据会被遗漏：请每个文件只放一个工作表的数据"
                    + "（数据超过一个工作表的行数上限时请分成多个文件），或请平台管理员在映射中写明要读取的工作表（sheet）", 0);
        }
    }

    private boolean hasRowsUnderTheSameHeader(OtherSheet other, int headerRow) throws Exception {
        boolean headerMatched = false;
        for (SheetRow row = other.next(); row != null; row = other.next()) {
            if (!headerMatched) {
                if (row.number() > headerRow) {
                    return false;
                }
                if (row.number() == headerRow) {
                    if (!sameHeader(row)) {
                        return false;
                    }
                    headerMatched = true;
                }
            } else if (row.cells().stream().anyMatch(c -> !TextNormalizer.isBlank(c))) {
                return true;
            }
        }
        return false;
    }

    private boolean sameHeader(SheetRow row) {
        List<String> cells = row.cells();
        int width = Math.max(cells.size(), header.size());
        for (int i = 0; i < width; i++) {
            String name = i < cells.size() ? TextNormalizer.normalize(cells.get(i)) : null;
            String expected = i < header.size() ? header.get(i) : "";
            if (!expected.equals(name == null ? "" : name)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Map<String, List<Integer>> repeatedColumns() {
        return repeated;
    }

    @Override
    public RawRecord next() {
        SheetRow row = row();
        return row == null ? null : new RawRecord(row.number(), row.cells(), headerIndex, date1904(), 0, row.flaws(), row.hidden());
    }

    /** Whether the workbook counts its dates in the 1904 system. */
    abstract boolean date1904();

    @Override
    public String encoding() {
        return null;
    }

    /** The next row, or null at the end; a broken file surfaces as FileLevelException. */
    abstract SheetRow nextRow();

    /**
     * The sheet a spec names among the workbook's sheets: an exact name, else a 1-based number (hidden sheets counted, as
     * the workbook lists them). Null means the first sheet the clerk sees: a workbook often keeps its drop-down lists or
     * a template in a hidden sheet, at times the first, and the clerk's rows are in the sheet Excel shows.
     *
     * @param hidden whether each sheet is hidden
     */
    static int sheetIndex(List<String> names, List<Boolean> hidden, String sheet) {
        int count = names.size();
        if (count == 0) {
            throw new FileLevelException(ErrorCodes.FILE_SHEET_MISSING, "工作簿中没有工作表", 0);
        }
        if (sheet == null) {
            int visible = hidden.indexOf(Boolean.FALSE);
            return visible < 0 ? 0 : visible;
        }
        int exact = names.indexOf(sheet);
        if (exact >= 0) {
            return exact;
        }
        if (sheet.matches("\\d{1,4}")) {
            int number = Integer.parseInt(sheet);
            if (number >= 1 && number <= count) {
                return number - 1;
            }
        }
        throw new FileLevelException(ErrorCodes.FILE_SHEET_MISSING,
                "工作簿中没有工作表“" + sheet + "”；现有工作表：" + String.join("、", names), 0);
    }
}
