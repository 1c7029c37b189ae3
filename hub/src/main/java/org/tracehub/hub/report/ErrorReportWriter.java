package org.tracehub.hub.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.routes.receipt.Receipt;
import org.tracehub.routes.receipt.StatusTexts;

/**
 * Writes the error report workbook. Sheet 「被拒绝的行」: 行号 (记录号 where the batch's rows are an XML export's record
 * ordinals, {@link Batch#rowNumbering}), the row's raw cells under the file's own
 * header names, then each problem as 列 / 字段 / 级别 / 代码 / 说明. Sheet 「批次」: what the batch is, and as its receipt
 * says it, why it failed (原因: the code and the message, which says when the rows listed are only those read before the
 * file was refused) and what of it the store holds when this attempt is not loaded (库中数据), the spec version that
 * converted it (映射版本) and the warnings of the file as a whole (文件警告, a line each: no row's).
 * Every value is a string cell (the row number a number): a cell such as {@code =HYPERLINK(…)} or
 * {@code -35} is shown as typed and never evaluated. Rows are read a page at a time and flushed to disk as they are
 * written ({@link RejectedRowSource}). A report wider than Excel's 16,384 columns keeps every problem it can and
 * fewer raw cells, and says so in its last title ({@link Layout}).
 */
public final class ErrorReportWriter {

    /** Excel's limit for the text of one cell. */
    static final int MAX_CELL_TEXT = 32_767;
    static final String ROWS_SHEET = "被拒绝的行";
    static final String BATCH_SHEET = "批次";
    /** Excel's columns, A to XFD: POI refuses a cell beyond them. */
    static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL2007.getMaxColumns();
    private static final String[] PROBLEM_COLUMNS = {"列", "字段", "级别", "代码", "说明"};

    private final RejectedRowSource rows;

    public ErrorReportWriter(RejectedRowSource rows) {
        this.rows = rows;
    }

    /**
     * @param receipt the batch and what its receipt says of the store (its problems are not read: the report reads its
     *                rejected rows itself)
     * @param header  the file's column names, as far as known (may be empty); missing names read 第N列
     */
    public void write(Receipt receipt, List<String> header, OutputStream out) throws IOException {
        Batch batch = receipt.batch();
        int attempt = batch.attempt();
        RejectedRowSource.Extent extent = attempt == 0 ? RejectedRowSource.Extent.NONE : rows.extent(batch.id(), attempt);
        Layout layout = Layout.of(named(header), extent);
        int rowsAtATime = extent.rowsAtATime();
        // wide rows: fewer of them held in the window before they go to disk
        SXSSFWorkbook workbook = new SXSSFWorkbook(rowsAtATime);
        workbook.setCompressTempFiles(true);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);

            SXSSFSheet sheet = workbook.createSheet(ROWS_SHEET);
            sheet.createFreezePane(1, 1);
            Row head = sheet.createRow(0);
            List<String> titles = new ArrayList<>();
            titles.add(batch.rowNumbering().label());
            for (int i = 0; i < layout.cells(); i++) {
                titles.add(i < header.size() && header.get(i) != null && !header.get(i).isBlank() ? header.get(i) : "第" + (i + 1) + "列");
            }
            for (int p = 1; p <= layout.problems(); p++) {
                for (String c : PROBLEM_COLUMNS) {
                    titles.add("问题" + p + c);
                }
            }
            if (layout.cut() != null) {
                titles.add(layout.cut());
            }
            for (int i = 0; i < titles.size(); i++) {
                Cell cell = head.createCell(i);
                text(cell, titles.get(i));
                cell.setCellStyle(bold);
            }
            if (attempt > 0) {
                int[] next = {1};
                rows.forEach(batch.id(), attempt, rowsAtATime, r -> writeRow(sheet.createRow(next[0]++), r, layout));
            }
            writeBatchSheet(workbook.createSheet(BATCH_SHEET), receipt, bold);
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }

    /** The header's names up to the last one given: an XLSX header row runs to its last styled cell, named or not. */
    private static int named(List<String> header) {
        int n = header.size();
        while (n > 0 && (header.get(n - 1) == null || header.get(n - 1).isBlank())) {
            n--;
        }
        return n;
    }

    /**
     * The raw cells and problem groups the rows sheet has room for: Excel's 16,384 columns hold the row number, the
     * widest row's cells and five columns per problem, or else the problems first, as many raw cells as still fit, and
     * a last title that says what was left out.
     *
     * @param cut the last title's text when something was left out, else null
     */
    record Layout(int cells, int problems, String cut) {

        static Layout of(int headerNames, RejectedRowSource.Extent extent) {
            int cells = Math.max(headerNames, extent.cells());
            int problems = extent.problems();
            if (1L + cells + (long) PROBLEM_COLUMNS.length * problems <= MAX_COLUMNS) {
                return new Layout(cells, problems, null);
            }
            int room = MAX_COLUMNS - 2;
            int shownProblems = Math.min(problems, room / PROBLEM_COLUMNS.length);
            int shownCells = Math.min(cells, room - PROBLEM_COLUMNS.length * shownProblems);
            StringBuilder cut = new StringBuilder("本表已截断：Excel每行最多" + MAX_COLUMNS + "列，");
            if (shownCells < cells) {
                cut.append("被拒绝的行最多有").append(cells).append("列原始单元格，这里每行只列出前").append(shownCells)
                        .append("列，完整的行请看原始文件");
            }
            if (shownProblems < problems) {
                cut.append(shownCells < cells ? "；" : "").append("一行最多有").append(problems).append("个问题，这里每行只列出前")
                        .append(shownProblems).append("个，全部问题请看批次页面或回执");
            }
            return new Layout(shownCells, shownProblems, cut.toString());
        }
    }

    private static void writeRow(Row row, RejectedRow r, Layout layout) {
        row.createCell(0).setCellValue(r.row());
        for (int i = 0; i < Math.min(r.cells().size(), layout.cells()); i++) {
            text(row.createCell(1 + i), r.cells().get(i));
        }
        int col = 1 + layout.cells();
        for (RejectedRow.Problem p : r.problems().subList(0, Math.min(r.problems().size(), layout.problems()))) {
            text(row.createCell(col++), p.column());
            text(row.createCell(col++), p.field());
            text(row.createCell(col++), StatusTexts.severity(p.severity()));
            text(row.createCell(col++), p.code());
            text(row.createCell(col++), p.message());
        }
    }

    private static void writeBatchSheet(SXSSFSheet sheet, Receipt receipt, CellStyle bold) {
        Batch b = receipt.batch();
        List<String[]> lines = new ArrayList<>(List.of(
                new String[] {"批次号", b.id()},
                new String[] {"来源", b.sourceId()},
                new String[] {"文件名", b.fileName()},
                new String[] {"接收时间", b.receivedAt().toString()},
                new String[] {"状态", b.status().chinese()},
                new String[] {"处理次数", Integer.toString(b.attempt())},
                new String[] {"读取行数", Long.toString(b.rowsRead())},
                new String[] {"接受行数", Long.toString(b.rowsAccepted())},
                new String[] {"拒绝行数", Long.toString(b.rowsRejected())},
                new String[] {"跳过行数", Long.toString(b.rowsSkipped())}));
        // on a line of their own, as in the receipt: a reader of the sheet may take two cells a line
        if (receipt.skipReasonsText() != null) {
            lines.add(new String[] {"跳过原因", receipt.skipReasonsText()});
        }
        // as the receipt's summary: without them a refused file's sheet reads as its accepted rows loaded and the rows
        // listed as all its problems
        if (b.failureCode() != null) {
            lines.add(new String[] {"原因", b.failureCode(), b.failureMessage()});
        }
        if (receipt.earlierLoadText() != null) {
            lines.add(new String[] {"库中数据", receipt.earlierLoadText()});
        }
        if (receipt.countsNote() != null) {
            lines.add(new String[] {"说明", receipt.countsNote()});
        }
        lines.add(new String[] {"回执时间", receipt.writtenAtText()});
        if (b.specVersion() != null) {
            lines.add(new String[] {"映射版本", b.specVersion()});
        }
        // the file's, not a row's: a block of their own here, as on the receipt, none on the rows sheet
        for (FileWarnings.Entry w : b.fileWarnings().entries()) {
            lines.add(new String[] {"文件警告", w.code(), w.message()});
        }
        for (int i = 0; i < lines.size(); i++) {
            Row row = sheet.createRow(i);
            String[] line = lines.get(i);
            Cell label = row.createCell(0);
            text(label, line[0]);
            label.setCellStyle(bold);
            for (int c = 1; c < line.length; c++) {
                text(row.createCell(c), line[c]);
            }
        }
    }

    /** Always a string cell, whatever the text looks like. */
    private static void text(Cell cell, String value) {
        String v = value == null ? "" : value;
        cell.setCellValue(v.length() > MAX_CELL_TEXT ? v.substring(0, MAX_CELL_TEXT) : v);
    }
}
