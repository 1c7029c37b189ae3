package org.tracehub.samples.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX through SXSSF (a window of rows in memory, the rest flushed to a temp file) or XLS
 * through HSSF (all in memory, which the format's 65,536-row limit keeps small). Title rows are merged
 * across the header's width; numbers and dates are real cells with their number formats.
 */
final class SpreadsheetRowSink implements RowSink {

    /** Rows of an XLSX sheet kept in memory before SXSSF flushes them. */
    private static final int SXSSF_WINDOW = 200;

    private final Path file;
    private final Workbook workbook;
    private final Sheet sheet;
    private final Map<String, CellStyle> styles = new HashMap<>();
    private int nextRow;

    SpreadsheetRowSink(Path file, OutputFormat format, SourceLayout layout) {
        this.file = file;
        if (format == OutputFormat.XLSX) {
            // the flushed rows go to an uncompressed temp file: compressing it made writing three times slower
            this.workbook = new SXSSFWorkbook(SXSSF_WINDOW);
        } else {
            this.workbook = new HSSFWorkbook();
        }
        for (String name : layout.sheetsBefore()) {
            workbook.createSheet(name).createRow(0).createCell(0).setCellValue("见「" + layout.sheetName() + "」工作表");
        }
        this.sheet = workbook.createSheet(layout.sheetName());
        int width = layout.header().size();
        for (String title : layout.titleRows()) {
            sheet.createRow(nextRow).createCell(0).setCellValue(title);
            if (width > 1) {
                sheet.addMergedRegion(new CellRangeAddress(nextRow, nextRow, 0, width - 1));
            }
            nextRow++;
        }
        Row header = sheet.createRow(nextRow++);
        for (int i = 0; i < width; i++) {
            header.createCell(i).setCellValue(layout.header().get(i));
        }
    }

    @Override
    public void row(List<CellValue> cells) {
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < cells.size(); i++) {
            CellValue value = cells.get(i);
            if (value.kind() == CellValue.Kind.EMPTY) {
                continue;
            }
            Cell cell = row.createCell(i);
            switch (value.kind()) {
                case NUMBER -> cell.setCellValue(value.number().doubleValue());
                case DATE_TIME -> cell.setCellValue(value.time());
                default -> cell.setCellValue(value.text());
            }
            if (value.format() != null) {
                cell.setCellStyle(style(value.format()));
            }
        }
    }

    private CellStyle style(String format) {
        return styles.computeIfAbsent(format, f -> {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(f));
            return style;
        });
    }

    @Override
    public void finish(List<CellValue> totalRow) throws IOException {
        if (!totalRow.isEmpty()) {
            row(totalRow);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
    }

    @Override
    public void close() throws IOException {
        workbook.close();
        if (workbook instanceof SXSSFWorkbook streaming) {
            streaming.dispose();
        }
    }
}
