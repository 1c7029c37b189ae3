package org.tracehub.mappings.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The rows of one worksheet as raw records, shared by the XLS and XLSX readers: rows above the header
 * row are titles; row numbers are the ones Excel shows (1-based, gaps kept); cells are rendered by
 * {@link SpreadsheetCells}.
 */
abstract class SpreadsheetRecordReader implements RecordReader {

    private boolean date1904;
    private List<String> header;
    private Map<String, Integer> headerIndex;

    /** Reads up to the header row; call once from the subclass constructor, after the workbook is open. */
    final void start(boolean date1904, int headerRow) {
        this.date1904 = date1904;
        readHeader(headerRow);
    }

    private void readHeader(int headerRow) {
        while (true) {
            Row row = nextRow();
            if (row == null || row.getRowNum() + 1 > headerRow) {
                throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING,
                        "工作表第" + headerRow + "行应有表头，但该行为空或工作表在此之前已结束", headerRow);
            }
            if (row.getRowNum() + 1 == headerRow) {
                List<String> h = new ArrayList<>();
                for (String cell : cells(row)) {
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
                return;
            }
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public RawRecord next() {
        Row row = nextRow();
        return row == null ? null : new RawRecord(row.getRowNum() + 1L, cells(row), headerIndex);
    }

    @Override
    public String encoding() {
        return null;
    }

    /** The next row, or null at the end; a broken file surfaces as FileLevelException. */
    abstract Row nextRow();

    private List<String> cells(Row row) {
        int width = Math.max(row.getLastCellNum(), 0);
        List<String> cells = new ArrayList<>(Collections.nCopies(width, (String) null));
        for (Cell cell : row) {
            int i = cell.getColumnIndex();
            while (cells.size() <= i) {
                cells.add(null);
            }
            cells.set(i, SpreadsheetCells.text(cell, date1904));
        }
        return cells;
    }

    /** The sheet a spec names: an exact sheet name, else a 1-based number; null means the first sheet. */
    static int sheetIndex(Workbook workbook, String sheet) {
        int count = workbook.getNumberOfSheets();
        if (count == 0) {
            throw new FileLevelException(ErrorCodes.FILE_SHEET_MISSING, "工作簿中没有工作表", 0);
        }
        if (sheet == null) {
            return 0;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (workbook.getSheetName(i).equals(sheet)) {
                return i;
            }
            names.add(workbook.getSheetName(i));
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
