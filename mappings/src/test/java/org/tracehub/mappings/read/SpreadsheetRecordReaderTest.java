package org.tracehub.mappings.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tracehub.mappings.spec.FileFormat;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.validation.ErrorCodes;

/** The XLSX (streaming) and XLS (HSSF) readers on the same workbook: they must read it identically. */
class SpreadsheetRecordReaderTest {

    enum Kind { XLSX, XLS }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsTheHeaderRowAndRendersEveryKindOfCell(Kind kind) throws Exception {
        Path file = workbook(kind, false);

        List<RawRecord> rows;
        List<String> header;
        try (RecordReader reader = open(kind, file, "进货明细", 2)) {
            header = reader.header();
            rows = readAll(reader);
        }

        assertThat(header).containsExactly("单号", "批号", "日期", "时间", "重量(公斤)", "金额", "合格", "小计", "中文日期", "年月", "备注");
        assertThat(rows).extracting(RawRecord::row).containsExactly(3L, 4L, 6L);
        assertThat(rows.get(0).cells()).containsExactly("D1", "PC001", "2026-11-27T00:00:00", "1899-12-31T12:15:00", "12.5",
                "1234567.891", "TRUE", "25", "2026-11-26T00:00:00", "2026-11-01T00:00:00", "  首批\u3000");
        assertThat(rows.get(0).get("重量(公斤)")).isEqualTo("12.5");
        assertThat(rows.get(1).cells()).containsExactly("D2", "20261127001", "2026-11-27T07:05:00", null, "0.3",
                "100000000000000000000", null, "合格");
        assertThat(rows.get(1).get("备注")).isNull();
        assertThat(rows.get(2).cells()).containsExactly("合计", null, null, null, "-3", null, null, null, null, null, "#DIV/0!");
    }

    /**
     * Rows hidden by hand, and rows an AutoFilter filtered out (which Excel saves as hidden rows: XLSX {@code hidden="1"},
     * XLS zero height), are read like the others and marked, so that the engine can tell the clerk.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsHiddenAndFilteredOutRowsAndMarksThem(Kind kind) throws Exception {
        Path file = dir.resolve("筛选." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("进货明细");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("单号");
            header.createCell(1).setCellValue("品名");
            String[] names = {"青菜", "菠菜", "青菜", "芹菜"};
            for (int i = 0; i < names.length; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue("D" + (i + 1));
                row.createCell(1).setCellValue(names[i]);
            }
            // 品名 filtered to 青菜: Excel saves the rows it filters out (菠菜 on row 3, 芹菜 on row 5) as hidden rows, the
            // same mark a row hidden by hand gets
            sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, names.length, 0, 1));
            sheet.getRow(2).setZeroHeight(true);
            sheet.getRow(4).setZeroHeight(true);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        List<RawRecord> rows;
        try (RecordReader reader = open(kind, file, null, 1)) {
            rows = readAll(reader);
        }

        assertThat(rows).extracting(RawRecord::row, r -> r.get("品名"), RawRecord::hidden).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "青菜", false),
                org.assertj.core.groups.Tuple.tuple(3L, "菠菜", true),
                org.assertj.core.groups.Tuple.tuple(4L, "青菜", false),
                org.assertj.core.groups.Tuple.tuple(5L, "芹菜", true));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void choosesTheSheetByNameOrNumberAndTheFirstByDefault(Kind kind) throws Exception {
        Path file = workbook(kind, false);

        try (RecordReader reader = open(kind, file, "2", 2)) {
            assertThat(reader.header()).startsWith("单号", "批号");
        }
        try (RecordReader reader = open(kind, file, null, 1)) {
            assertThat(reader.header()).containsExactly("本表由进货系统导出");
            assertThat(reader.next()).isNull();
        }
        assertThatThrownBy(() -> open(kind, file, "销售明细", 2))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_SHEET_MISSING);
                    assertThat(e.getMessage()).isEqualTo("工作簿中没有工作表“销售明细”；现有工作表：说明、进货明细");
                });
        assertThatThrownBy(() -> open(kind, file, "3", 2))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_SHEET_MISSING));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reportsAMissingHeaderRow(Kind kind) throws Exception {
        Path file = workbook(kind, false);

        assertThatThrownBy(() -> open(kind, file, "进货明细", 5))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
                    assertThat(e.row()).isEqualTo(5);
                    assertThat(e.getMessage()).isEqualTo("工作表“进货明细”第5行应有表头，但该行为空或工作表在此之前已结束（工作簿中的工作表：说明、进货明细）");
                });
        assertThatThrownBy(() -> open(kind, file, "进货明细", 40))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEmptyNamedSheetIsRefusedNamingItAndTheWorkbooksSheets(Kind kind) throws Exception {
        // the day's rows were pasted into a copy of the sheet, leaving the one the spec names empty
        Path file = dir.resolve("交易明细_empty." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            wb.createSheet("汇总").createRow(0).createCell(0).setCellValue("合计");
            wb.createSheet("交易明细");
            Sheet copy = wb.createSheet("交易明细(2)");
            copy.createRow(2).createCell(0).setCellValue("交易凭证号");
            copy.createRow(3).createCell(0).setCellValue("JY001");
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        assertThatThrownBy(() -> open(kind, file, "交易明细", 3)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo(
                    "工作表“交易明细”第3行应有表头，但该行为空或工作表在此之前已结束（工作簿中的工作表：汇总、交易明细、交易明细(2)）");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void showsAPercentageAsTheNumberTheClerkSeesAndAWorkbooksDateSystemOnItsRows(Kind kind) throws Exception {
        Path file = dir.resolve(kind == Kind.XLSX ? "rates.xlsx" : "rates.xls");
        try (org.apache.poi.ss.usermodel.Workbook wb = kind == Kind.XLSX ? new org.apache.poi.xssf.usermodel.XSSFWorkbook()
                : new org.apache.poi.hssf.usermodel.HSSFWorkbook()) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("检测");
            org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("抑制率(%)");
            header.createCell(1).setCellValue("合格率");
            header.createCell(2).setCellValue("读数");
            org.apache.poi.ss.usermodel.Row row = sheet.createRow(1);
            org.apache.poi.ss.usermodel.CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0%"));
            org.apache.poi.ss.usermodel.CellStyle percentOneDecimal = wb.createCellStyle();
            percentOneDecimal.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            org.apache.poi.ss.usermodel.CellStyle literalSign = wb.createCellStyle();
            literalSign.setDataFormat(wb.createDataFormat().getFormat("0\"%\""));
            org.apache.poi.ss.usermodel.Cell a = row.createCell(0);
            a.setCellValue(0.65);
            a.setCellStyle(percent);
            org.apache.poi.ss.usermodel.Cell b = row.createCell(1);
            b.setCellValue(0.125);
            b.setCellStyle(percentOneDecimal);
            org.apache.poi.ss.usermodel.Cell c = row.createCell(2);
            c.setCellValue(65);
            c.setCellStyle(literalSign);
            try (var out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        try (RecordReader reader = open(kind, file, "检测", 1)) {
            RawRecord first = reader.next();
            assertThat(first.cells()).as("65%% is 65 in a 抑制率(%%) column, not its stored 0.65; a literal %% sign multiplies nothing")
                    .containsExactly("65", "12.5", "65");
            assertThat(first.date1904()).isFalse();
        }
        assertThat(SpreadsheetCells.isPercentFormat("0.00%")).isTrue();
        assertThat(SpreadsheetCells.isPercentFormat("0\\%")).isFalse();
        assertThat(SpreadsheetCells.isPercentFormat("#,##0")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void showsANumberOfAFormatOfZerosWithTheLeadingZerosTheClerkSees(Kind kind) throws Exception {
        Path file = dir.resolve(kind == Kind.XLSX ? "codes.xlsx" : "codes.xls");
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("品名");
            Row header = sheet.createRow(0);
            String[] names = {"商品编码", "带前缀", "斤", "小数", "长码", "常规"};
            String[] formats = {"000000", "\"No.\"000000", "0\"斤\"", "000000", "0000", "General"};
            double[] values = {10101, 10102, 12, 12.5, 123456, 10101};
            Row row = sheet.createRow(1);
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
                org.apache.poi.ss.usermodel.CellStyle style = wb.createCellStyle();
                style.setDataFormat(wb.createDataFormat().getFormat(formats[i]));
                org.apache.poi.ss.usermodel.Cell cell = row.createCell(i);
                cell.setCellValue(values[i]);
                cell.setCellStyle(style);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        try (RecordReader reader = open(kind, file, "品名", 1)) {
            // Chinese Excel's 特殊 → 邮政编码 (000000) shows 10101 as 010101; literal text is the format's, not the code's
            assertThat(reader.next().cells()).containsExactly("010101", "010102", "12", "12.5", "123456", "10101");
        }
        assertThat(SpreadsheetCells.zeroPaddedWidth("000000")).isEqualTo(6);
        assertThat(SpreadsheetCells.zeroPaddedWidth("\"No.\"0000\\-00")).isEqualTo(6);
        assertThat(SpreadsheetCells.zeroPaddedWidth("#,##0")).isZero();
        assertThat(SpreadsheetCells.zeroPaddedWidth("0.00")).isZero();
    }

    @Test
    void honoursThe1904DateSystemOfAWorkbook() throws Exception {
        Path file = TestWorkbooks.write(dir.resolve("mac.xlsx"), true, true);

        try (RecordReader reader = open(Kind.XLSX, file, "进货明细", 2)) {
            RawRecord first = reader.next();
            // POI stored the dates for the 1904 system, so they read back as the same calendar dates
            assertThat(first.get("日期")).isEqualTo("2026-11-27T00:00:00");
            assertThat(first.get("中文日期")).isEqualTo("2026-11-26T00:00:00");
            assertThat(first.date1904()).as("so that a serial in a General cell is counted from 1904 too").isTrue();
        }
    }

    @Test
    void readsTheXlsxLibreOfficeWrites() throws Exception {
        assertLibreOfficeFixture(Kind.XLSX, "libreoffice-milk-intake.xlsx");
    }

    @Test
    void readsTheXlsLibreOfficeWrites() throws Exception {
        assertLibreOfficeFixture(Kind.XLS, "libreoffice-milk-intake.xls");
    }

    private void assertLibreOfficeFixture(Kind kind, String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/spreadsheets/" + name)) {
            Files.copy(in, file);
        }
        List<RawRecord> rows;
        try (RecordReader reader = open(kind, file, null, 2)) {
            assertThat(reader.header()).containsExactly("单号", "批号", "收奶日期", "收奶时间", "重量(公斤)", "单价(元/公斤)", "备注");
            rows = readAll(reader);
        }
        assertThat(rows).extracting(RawRecord::row).contains(3L, 4L, 6L);
        RawRecord first = rows.get(0);
        assertThat(first.row()).isEqualTo(3);
        assertThat(first.cells().subList(0, 6)).containsExactly("JS-001", "SN20261127-01", "2026-11-27T00:00:00",
                "1899-12-31T06:30:00", "1250.5", "4.2");
        assertThat(rows.get(1).get("收奶时间")).isEqualTo("1899-12-31T07:05:00");
        assertThat(rows.get(1).get("备注")).isEqualTo("复检");
        RawRecord total = rows.stream().filter(r -> r.row() == 6).findFirst().orElseThrow();
        assertThat(total.get("单号")).isEqualTo("合计");
        assertThat(total.get("重量(公斤)")).isEqualTo("2230.5");
        assertThat(rows.stream().filter(r -> r.row() == 5)).allMatch(RawRecord::isBlank);
    }

    @Test
    void refusesAnXlsBeyondTheSizeBoundBeforeOpeningIt() throws Exception {
        Path file = workbook(Kind.XLS, false);
        long size = Files.size(file);

        assertThatThrownBy(() -> new XlsRecordReader(file, null, 1, new ReaderLimits(size - 1, ReaderLimits.DEFAULT_MAX_FILE_BYTES)))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("超过上限").contains("请另存为xlsx或csv");
                });
        try (XlsRecordReader reader = new XlsRecordReader(file, null, 1, new ReaderLimits(size, ReaderLimits.DEFAULT_MAX_FILE_BYTES))) {
            assertThat(reader.header()).containsExactly("本表由进货系统导出");
        }
    }

    @Test
    void refusesAFileThatIsNotTheDeclaredFormat() throws Exception {
        Path xlsx = workbook(Kind.XLSX, false);
        Path xls = workbook(Kind.XLS, false);
        Path text = Files.writeString(dir.resolve("not-a-workbook.xlsx"), "单号,批号\nD1,PC001\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> open(Kind.XLS, xlsx, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).contains("xlsx格式而不是xls格式");
        });
        assertThatThrownBy(() -> open(Kind.XLSX, xls, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).startsWith("文件是xls格式而不是xlsx格式");
        });
        assertThatThrownBy(() -> open(Kind.XLSX, text, null, 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED));
        assertThatThrownBy(() -> open(Kind.XLS, text, null, 1))
                .isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED));
    }

    /** A real .xls saved under an .xlsx name is told as such, not as a damaged or password-protected workbook. */
    @Test
    void anXlsNamedXlsxIsFileMalformedSayingItIsAnXls() throws Exception {
        Path renamed = Files.copy(workbook(Kind.XLS, false), dir.resolve("进货明细_20261127.xlsx"));

        assertThatThrownBy(() -> open(Kind.XLSX, renamed, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("文件是xls格式而不是xlsx格式，请在映射中写format: xls或更正文件扩展名");
        });
    }

    /**
     * Excel's 用密码进行加密 saves an OLE2 container with an EncryptedPackage entry (agile encryption): refused as a
     * password-protected .xls is, FILE_UNREADABLE, as the batch job's table promises, not FILE_MALFORMED with a guess.
     */
    @Test
    void aPasswordProtectedXlsxIsFileUnreadableAsAPasswordProtectedXlsIs() throws Exception {
        Path plain = workbook(Kind.XLSX, false);
        Path encrypted = dir.resolve("加密.xlsx");
        try (POIFSFileSystem ole2 = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("xj-2026");
            try (OutputStream into = encryptor.getDataStream(ole2)) {
                Files.copy(plain, into);
            }
            try (OutputStream file = Files.newOutputStream(encrypted)) {
                ole2.writeFilesystem(file);
            }
        }

        for (Kind declared : Kind.values()) {
            assertThatThrownBy(() -> open(declared, encrypted, null, 1)).as(declared.name())
                    .isInstanceOfSatisfying(FileLevelException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.FILE_UNREADABLE);
                        assertThat(e.getMessage()).isEqualTo("文件有密码保护，请去掉密码后重新上传");
                    });
        }
    }

    @Test
    void leavesPoisZipBombProtectionOn() throws Exception {
        Path file = ZipBombs.xlsxWithInflatedSheet(workbook(Kind.XLSX, false), dir.resolve("bomb.xlsx"));

        assertThatThrownBy(() -> {
            try (RecordReader reader = open(Kind.XLSX, file, "进货明细", 2)) {
                readAll(reader);
            }
        }).isInstanceOfSatisfying(FileLevelException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.FILE_TOO_LARGE));
    }

    @Test
    void opensBothFormatsThroughRecordReaders() throws Exception {
        FileSpec xlsx = new FileSpec("*.xlsx", FileFormat.XLSX, "auto", 2, ',', Step.RECEIVE, List.of(), List.of("单号"), List.of(),
                '"', 100, "进货明细", null, Map.of());
        FileSpec xls = new FileSpec("*.xls", FileFormat.XLS, "auto", 2, ',', Step.RECEIVE, List.of(), List.of("单号"), List.of(),
                '"', 100, "进货明细", null, Map.of());

        try (RecordReader a = RecordReaders.open(xlsx, workbook(Kind.XLSX, false));
             RecordReader b = RecordReaders.open(xls, workbook(Kind.XLS, false))) {
            assertThat(a).isInstanceOf(XlsxRecordReader.class);
            assertThat(b).isInstanceOf(XlsRecordReader.class);
            assertThat(a.encoding()).isNull();
            assertThat(readAll(a)).extracting(RawRecord::cells).isEqualTo(readAll(b).stream().map(RawRecord::cells).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsEveryCellOfAMergedRangeAsItsTopLeftCellAsTheClerkSeesIt(Kind kind) throws Exception {
        // a wet market's ledger grouped by stall: 摊位 and 经营者信用代码 merged down each stall's rows
        Path file = dir.resolve("进货台账." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("台账");
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue("三林菜场进货台账");
            sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("A1:D1"));
            Row header = sheet.createRow(1);
            String[] names = {"摊位", "经营者信用代码", "品名", "备注"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            String[][] data = {{"A01", "92310115MA1H8XYZ3K", "青菜", "早市"}, {null, null, "白菜", null}, {null, null, "菠菜", null},
                    {"A02", "92310115MA1H8XYW5P", "土豆", null}};
            for (int r = 0; r < data.length; r++) {
                Row row = sheet.createRow(2 + r);
                for (int c = 0; c < 4; c++) {
                    if (data[r][c] != null) {
                        row.createCell(c).setCellValue(data[r][c]);
                    }
                }
            }
            sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("A3:A5"));
            sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("B3:B5"));
            sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("D3:D4"));
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        List<RawRecord> rows;
        try (RecordReader reader = open(kind, file, null, 2)) {
            rows = readAll(reader);
        }

        assertThat(rows).extracting(RawRecord::cells).containsExactly(
                List.of("A01", "92310115MA1H8XYZ3K", "青菜", "早市"),
                List.of("A01", "92310115MA1H8XYZ3K", "白菜", "早市"),
                List.of("A01", "92310115MA1H8XYZ3K", "菠菜"),
                List.of("A02", "92310115MA1H8XYW5P", "土豆"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsASheetWithAsManyMergedRangesAsTheBoundAndRefusesOneWithMoreNamingTheSheet(Kind kind) throws Exception {
        Path atTheBound = mergedRanges(kind, "界内", MergedRanges.MAX_RANGES);

        try (RecordReader reader = open(kind, atTheBound, null, 1)) {
            assertThat(readAll(reader)).extracting(RawRecord::cells).containsExactly(List.of("甲", "甲"));
        }

        Path past = mergedRanges(kind, "界外", MergedRanges.MAX_RANGES + 1);

        assertThatThrownBy(() -> open(kind, past, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("工作表“台账”中合并单元格的区域超过" + MergedRanges.MAX_RANGES
                    + "个，超过平台能读取的上限，文件已拒收：请取消合并单元格（或只保留表头的合并单元格）后重新上传");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refusesASheetWithOverlappingMergedRangesNamingTheSheetAndBothRanges(Kind kind) throws Exception {
        // Excel saves no such sheet; the second range starts in the first's last row and column
        Path file = merged(kind, "重叠", List.of("A1:B1", "C2:D4", "A5:A6", "D4:E5"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>品名</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c></row>
                """);

        assertThatThrownBy(() -> open(kind, file, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_MALFORMED);
            assertThat(e.getMessage()).isEqualTo("工作表“台账”中合并单元格的区域C2:D4与D4:E5互相重叠，Excel不会保存这样的表格，"
                    + "文件已拒收：请在Excel中取消这两处合并单元格（或重新合并）后重新上传");
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsASheetWhoseExportWroteTheSameMergedRangeTwice(Kind kind) throws Exception {
        // the same range twice shares every cell with itself, yet merges nothing another range does
        Path file = merged(kind, "重复合并", List.of("A2:A3", "A2:A3"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>品名</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c></row>
                """);

        try (RecordReader reader = open(kind, file, null, 1)) {
            assertThat(readAll(reader)).extracting(RawRecord::cells).containsExactly(List.of("甲"));
        }
    }

    @Test
    void aMergedRangeAcrossTheWholeSheetFillsNoCellPastTheHeadersLastColumn() throws Exception {
        // a few bytes of <mergeCell>: every row was widened to 16,384 cells of 3
        Path file = merged(Kind.XLSX, "整表", List.of("C2:XFD1048576"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>品名</t></is></c><c r="B1" t="inlineStr"><is><t>规格</t></is></c>\
                <c r="C1" t="inlineStr"><is><t>数量</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2" t="inlineStr"><is><t>袋</t></is></c><c r="C2"><v>3</v></c></row>
                <row r="3"><c r="A3" t="inlineStr"><is><t>乙</t></is></c></row>
                """);

        try (RecordReader reader = open(Kind.XLSX, file, null, 1)) {
            assertThat(readAll(reader)).extracting(RawRecord::cells).containsExactly(
                    List.of("甲", "袋", "3"), Arrays.asList("乙", null, "3"));
        }
    }

    @Test
    void aRangeMergedDownToExcelsLastRowFillsTheSheetsRowsAndLeavesItsEmptyFormattedRowsBlank() throws Exception {
        // 100 rows of a stall, its 摊位 merged to the sheet's end; Excel writes a formatted row past the data as a row of
        // styled empty cells, which the range made a row of 摊位 alone
        StringBuilder rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>摊位</t></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>品名</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>A01</t></is></c><c r=\"B2\"><v>1</v></c></row>");
        for (int r = 3; r <= 101; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" s=\"1\"/><c r=\"B").append(r)
                    .append("\"><v>").append(r - 1).append("</v></c></row>");
        }
        for (int r = 102; r <= 200; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" s=\"1\"/><c r=\"B").append(r)
                    .append("\" s=\"1\"/></row>");
        }
        Path file = merged(Kind.XLSX, "到底", List.of("A2:A1048576"), rows.toString());

        List<RawRecord> read;
        try (RecordReader reader = open(Kind.XLSX, file, null, 1)) {
            read = readAll(reader);
        }

        assertThat(read).hasSize(199);
        assertThat(read.subList(0, 100)).allSatisfy(r -> assertThat(r.cells()).containsExactly("A01", String.valueOf(r.row() - 1)));
        assertThat(read.subList(100, 199)).allSatisfy(r -> assertThat(r.isBlank()).as("row " + r.row()).isTrue());
    }

    /**
     * A header cell merged down from a group header names its column, as one merged across a unit column names both; one
     * merged across the rest of the sheet names its own column only.
     */
    @Test
    void aMergeAcrossTheHeaderRowNamesTheColumnsTheHeaderHasAndNoMore() throws Exception {
        Path grouped = merged(Kind.XLSX, "两行表头", List.of("A1:A2", "B1:C1", "D1:D2"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c><c r="B1" t="inlineStr"><is><t>重量</t></is></c>\
                <c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>
                <row r="2"><c r="B2" t="inlineStr"><is><t>数值</t></is></c><c r="C2" t="inlineStr"><is><t>单位</t></is></c></row>
                <row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>2</v></c><c r="C3" t="inlineStr"><is><t>斤</t></is></c>\
                <c r="D3" t="inlineStr"><is><t>早市</t></is></c></row>
                """);
        Path acrossTheSheet = merged(Kind.XLSX, "表头整行", List.of("B1:XFD1"), """
                <row r="1"><c r="A1" t="inlineStr"><is><t>单号</t></is></c><c r="B1" t="inlineStr"><is><t>品名</t></is></c></row>
                <row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>白菜</t></is></c></row>
                """);

        try (RecordReader reader = open(Kind.XLSX, grouped, null, 2)) {
            assertThat(reader.header()).containsExactly("单号", "数值", "单位", "备注");
            assertThat(readAll(reader)).extracting(RawRecord::cells).containsExactly(List.of("1", "2", "斤", "早市"));
        }
        try (RecordReader reader = open(Kind.XLSX, acrossTheSheet, null, 1)) {
            assertThat(reader.header()).containsExactly("单号", "品名");
            assertThat(readAll(reader)).extracting(RawRecord::cells).containsExactly(List.of("1", "白菜"));
        }
    }

    /** A sheet 台账 of these rows (XLSX as written; XLS the cells of row 1 and 2 column A) and merged ranges. */
    private Path merged(Kind kind, String name, List<String> ranges, String rows) throws Exception {
        Path file = dir.resolve(name + "." + kind.name().toLowerCase());
        if (kind == Kind.XLSX) {
            StringBuilder mergeCells = new StringBuilder("<mergeCells>");
            ranges.forEach(r -> mergeCells.append("<mergeCell ref=\"").append(r).append("\"/>"));
            return XlsxSheetXmlTest.write(file, XlsxSheetXmlTest.sheet(rows, mergeCells.append("</mergeCells>").toString()),
                    XlsxSheetXmlTest.workbook("", "<sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/>", ""), null, null);
        }
        try (Workbook wb = new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("台账");
            sheet.createRow(0).createCell(0).setCellValue("品名");
            sheet.createRow(1).createCell(0).setCellValue("甲");
            // unsafe: POI's own check refuses overlapping ranges, and the file must carry them
            ranges.forEach(r -> sheet.addMergedRegionUnsafe(CellRangeAddress.valueOf(r)));
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        return file;
    }

    /** A sheet 台账 of a header and one row, with {@code count} ranges of two cells: A2:B2, then pairs of columns below. */
    private Path mergedRanges(Kind kind, String name, int count) throws Exception {
        Path file = dir.resolve(name + "." + kind.name().toLowerCase());
        List<CellRangeAddress> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // below the rows: a range merges nothing read
            int row = i == 0 ? 1 : 2 + i / 100;
            int column = i == 0 ? 0 : 2 * (i % 100);
            ranges.add(new CellRangeAddress(row, row, column, column + 1));
        }
        if (kind == Kind.XLSX) {
            // written as it is zipped: POI's usermodel takes seconds over 100,000 ranges
            StringBuilder mergeCells = new StringBuilder("<mergeCells>");
            ranges.forEach(r -> mergeCells.append("<mergeCell ref=\"").append(r.formatAsString()).append("\"/>"));
            String rows = """
                    <row r="1"><c r="A1" t="inlineStr"><is><t>品名</t></is></c><c r="B1" t="inlineStr"><is><t>规格</t></is></c></row>
                    <row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c></row>
                    """;
            return XlsxSheetXmlTest.write(file, XlsxSheetXmlTest.sheet(rows, mergeCells.append("</mergeCells>").toString()),
                    XlsxSheetXmlTest.workbook("", "<sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/>", ""), null, null);
        }
        try (Workbook wb = new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("台账");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("品名");
            header.createCell(1).setCellValue("规格");
            sheet.createRow(1).createCell(0).setCellValue("甲");
            // unsafe: without POI's check of each range against all the others
            ranges.forEach(sheet::addMergedRegionUnsafe);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        return file;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void refusesAWorkbookWhoseRowsGoOnInAnotherSheetWithTheSameHeaderWhenTheSpecNamesNoSheet(Kind kind) throws Exception {
        // an .xls export past 65,536 rows goes on in Sheet2; a 说明 sheet and a sheet with only the header are no data
        Path file = dir.resolve("交易明细." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            for (String name : List.of("Sheet1", "说明", "空白", "Sheet2")) {
                Sheet sheet = wb.createSheet(name);
                if (name.equals("说明")) {
                    sheet.createRow(0).createCell(0).setCellValue("本表由交易系统导出");
                    continue;
                }
                Row header = sheet.createRow(0);
                header.createCell(0).setCellValue("交易凭证号");
                header.createCell(1).setCellValue("重量（斤）");
                if (!name.equals("空白")) {
                    sheet.createRow(1).createCell(0).setCellValue(name + "-001");
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        assertThatThrownBy(() -> open(kind, file, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_SHEETS_AMBIGUOUS);
            assertThat(e.getMessage()).startsWith("工作簿中除第一个工作表“Sheet1”外，工作表“Sheet2”也有相同的表头和数据行")
                    .doesNotContain("说明", "空白");
        });
        // a spec that names its sheet has chosen it
        try (RecordReader reader = open(kind, file, "Sheet1", 1)) {
            assertThat(readAll(reader)).extracting(r -> r.get("交易凭证号")).containsExactly("Sheet1-001");
        }
    }

    /**
     * A workbook that keeps its drop-down lists in a hidden first sheet: the clerk's rows are in the sheet Excel shows, and
     * that is the one read when the spec names none. A hidden sheet with the same header and rows is still refused, named
     * as hidden, since its rows would be left out.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsTheFirstVisibleSheetWhenTheSpecNamesNoneAndNamesAHiddenSheetThatWouldBeLeftOut(Kind kind) throws Exception {
        Path file = dir.resolve("带下拉表." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet lists = wb.createSheet("下拉选项");
            lists.createRow(0).createCell(0).setCellValue("品名");
            lists.createRow(1).createCell(0).setCellValue("青菜");
            Sheet data = wb.createSheet("进货");
            Row header = data.createRow(0);
            header.createCell(0).setCellValue("单号");
            header.createCell(1).setCellValue("品名");
            Row row = data.createRow(1);
            row.createCell(0).setCellValue("D1");
            row.createCell(1).setCellValue("菠菜");
            wb.setSheetHidden(0, true);
            wb.setActiveSheet(1);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        try (RecordReader reader = open(kind, file, null, 1)) {
            assertThat(reader.header()).containsExactly("单号", "品名");
            assertThat(readAll(reader)).extracting(r -> r.get("品名")).containsExactly("菠菜");
        }
        // named by the spec, the hidden sheet is read: the admin chose it
        try (RecordReader reader = open(kind, file, "下拉选项", 1)) {
            assertThat(reader.header()).containsExactly("品名");
        }

        Path twice = dir.resolve("上月隐藏." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            for (String name : List.of("本月", "上月")) {
                Sheet sheet = wb.createSheet(name);
                sheet.createRow(0).createCell(0).setCellValue("单号");
                sheet.createRow(1).createCell(0).setCellValue(name + "-001");
            }
            wb.setSheetHidden(1, true);
            try (OutputStream out = Files.newOutputStream(twice)) {
                wb.write(out);
            }
        }
        assertThatThrownBy(() -> open(kind, twice, null, 1)).isInstanceOfSatisfying(FileLevelException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.FILE_SHEETS_AMBIGUOUS);
            assertThat(e.getMessage()).startsWith("工作簿中除第一个工作表“本月”外，工作表“上月”（隐藏的工作表）也有相同的表头和数据行");
        });
    }

    /**
     * A name over two columns (the old 数量 kept, maybe hidden, beside a corrected one) is reported with both positions;
     * a header cell merged across columns names one column, not several.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void reportsAHeaderNameOverTwoColumnsButNotAHeaderCellMergedAcrossColumns(Kind kind) throws Exception {
        Path file = dir.resolve("两列数量." + kind.name().toLowerCase());
        try (Workbook wb = kind == Kind.XLSX ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("进货");
            Row header = sheet.createRow(0);
            String[] names = {"单号", "数量", "重量", null, "数量"};
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null) {
                    header.createCell(i).setCellValue(names[i]);
                }
            }
            // 重量 over its value and its unit
            sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 2, 3));
            sheet.setColumnHidden(1, true);
            Row row = sheet.createRow(1);
            for (int i = 0; i < 5; i++) {
                row.createCell(i).setCellValue("v" + i);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }

        try (RecordReader reader = open(kind, file, null, 1)) {
            assertThat(reader.header()).containsExactly("单号", "数量", "重量", "重量", "数量");
            assertThat(reader.repeatedColumns()).containsExactly(Map.entry("数量", List.of(2, 5)));
        }
    }

    private Path workbook(Kind kind, boolean date1904) throws Exception {
        return TestWorkbooks.write(dir.resolve("进货明细." + kind.name().toLowerCase()), kind == Kind.XLSX, date1904);
    }

    private static RecordReader open(Kind kind, Path file, String sheet, int headerRow) {
        return kind == Kind.XLSX ? new XlsxRecordReader(file, sheet, headerRow)
                : new XlsRecordReader(file, sheet, headerRow, ReaderLimits.DEFAULT);
    }

    private static List<RawRecord> readAll(RecordReader reader) {
        List<RawRecord> rows = new ArrayList<>();
        for (RawRecord r = reader.next(); r != null; r = reader.next()) {
            rows.add(r);
        }
        return rows;
    }
}
