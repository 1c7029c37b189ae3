package org.tracehub.mappings.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The rows of one worksheet as raw records, shared by the XLS and XLSX readers: rows above the header
 * row are titles; row numbers are the ones Excel shows (1-based, gaps kept); cells are rendered by
 * {@link SpreadsheetCells}, the same for both formats.
 */
abstract class SpreadsheetRecordReader implements RecordReader {

    private List<String> header;
    private Map<String, Integer> headerIndex;

    /** Reads up to the header row; call once from the subclass constructor, after the workbook is open. */
    final void start(int headerRow) {
        while (true) {
            SheetRow row = nextRow();
            if (row == null || row.number() > headerRow) {
                throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING,
                        "工作表第" + headerRow + "行应有表头，但该行为空或工作表在此之前已结束", headerRow);
            }
            if (row.number() == headerRow) {
                List<String> h = new ArrayList<>();
                for (String cell : row.cells()) {
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
        SheetRow row = nextRow();
        return row == null ? null : new RawRecord(row.number(), row.cells(), headerIndex, date1904(), 0, row.flaws());
    }

    /** Whether the workbook counts its dates in the 1904 system. */
    abstract boolean date1904();

    @Override
    public String encoding() {
        return null;
    }

    /** The next row, or null at the end; a broken file surfaces as FileLevelException. */
    abstract SheetRow nextRow();

    /** The sheet a spec names among the workbook's sheets: an exact name, else a 1-based number; null means the first. */
    static int sheetIndex(List<String> names, String sheet) {
        int count = names.size();
        if (count == 0) {
            throw new FileLevelException(ErrorCodes.FILE_SHEET_MISSING, "工作簿中没有工作表", 0);
        }
        if (sheet == null) {
            return 0;
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
