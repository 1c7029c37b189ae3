package org.tracehub.mappings.read;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook the spreadsheet reader tests share, written with POI as XLSX or XLS: a title row, the
 * header on row 2, data on rows 3, 4 and 6 (row 5 does not exist), every kind of cell, and a second
 * sheet.
 */
final class TestWorkbooks {

    static final String[] HEADER = {"单号", "批号", "日期", "时间", "重量", "金额", "合格", "小计", "中文日期", "年月", "备注"};

    private TestWorkbooks() {
    }

    static Path write(Path file, boolean xlsx, boolean date1904) throws Exception {
        try (Workbook wb = xlsx ? new XSSFWorkbook() : new HSSFWorkbook()) {
            if (date1904) {
                var workbook = ((XSSFWorkbook) wb).getCTWorkbook();
                // the workbook's own workbookPr: a second one would be ignored by every reader, POI's and ours
                (workbook.isSetWorkbookPr() ? workbook.getWorkbookPr() : workbook.addNewWorkbookPr()).setDate1904(true);
            }
            CellStyle isoDate = style(wb, "yyyy-mm-dd");
            CellStyle time = style(wb, "h:mm");
            CellStyle chineseBuiltIn = wb.createCellStyle();
            chineseBuiltIn.setDataFormat((short) 31);      // Chinese Excel: yyyy"年"m"月"d"日", no format string in the file
            CellStyle chineseYearMonth = wb.createCellStyle();
            chineseYearMonth.setDataFormat((short) 57);    // Chinese Excel: yyyy"年"m"月"
            CellStyle customChinese = style(wb, "yyyy\"年\"m\"月\"d\"日\" h:mm");
            CellStyle thousands = style(wb, "#,##0.00");

            Sheet notes = wb.createSheet("说明");
            notes.createRow(0).createCell(0).setCellValue("本表由进货系统导出");
            Sheet sheet = wb.createSheet("进货明细");
            sheet.createRow(0).createCell(0).setCellValue("浦江源乳业 进货明细（2026年11月）");
            Row header = sheet.createRow(1);
            for (int i = 0; i < HEADER.length; i++) {
                header.createCell(i).setCellValue(HEADER[i]);
            }
            header.getCell(4).setCellValue("重量（公斤）");  // full-width brackets, normalised in the header

            Row r3 = sheet.createRow(2);
            r3.createCell(0).setCellValue("D1");
            r3.createCell(1).setCellValue("PC001");
            styled(r3.createCell(2), isoDate).setCellValue(LocalDate.of(2026, 11, 27));
            styled(r3.createCell(3), time).setCellValue(0.5 + 15.0 / 1440);         // 12:15
            r3.createCell(4).setCellValue(12.5);
            styled(r3.createCell(5), thousands).setCellValue(1234567.891);
            r3.createCell(6).setCellValue(true);
            r3.createCell(7).setCellFormula("E3*2");
            styled(r3.createCell(8), chineseBuiltIn).setCellValue(LocalDate.of(2026, 11, 26));
            styled(r3.createCell(9), chineseYearMonth).setCellValue(LocalDate.of(2026, 11, 1));
            r3.createCell(10).setCellValue("  首批\u3000");

            Row r4 = sheet.createRow(3);
            r4.createCell(0).setCellValue("D2");
            r4.createCell(1).setCellValue(20261127001L);
            styled(r4.createCell(2), customChinese).setCellValue(LocalDateTime.of(2026, 11, 27, 7, 5));
            r4.createCell(4).setCellValue(0.1 + 0.2);
            r4.createCell(5).setCellValue(1e20);
            r4.createCell(7).setCellFormula("\"合\"&\"格\"");
            // a sparse row: column 11 (K) only, nothing in between

            Row r6 = sheet.createRow(5);
            r6.createCell(0).setCellValue("合计");
            r6.createCell(4).setCellValue(-3);
            r6.createCell(10).setCellFormula("1/0");

            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        return file;
    }

    private static CellStyle style(Workbook wb, String format) {
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat(format));
        return style;
    }

    private static Cell styled(Cell cell, CellStyle style) {
        cell.setCellStyle(style);
        return cell;
    }
}
