package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.TestResult;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Severity;

/** Date-time in two columns, Excel serial dates, defaults, expressions, and whole XLSX and XML files. */
class MappingEngineFeaturesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final ConversionContext CONTEXT = new ConversionContext("feat-test", "batch-1", 1);
    private static final String HEAD = """
            source: feat-test
            category: GAS_CYLINDER
            operator: { uscc: 91310000631696382C, name: 测试充装站, nodeType: FILLING_STATION }
            files:
              - match: "*.csv"
                format: csv
                step: FILL
                key: [气瓶编号]
                fields:
                  traceCode: { column: 气瓶编号 }
                  extension.gasCylinder.cylinderCode: { column: 气瓶编号 }
                  extension.gasCylinder.medium: { column: 介质, default: 液化石油气 }
                  quantity: { column: 充装量, unit: kg, default: "14.5" }
            """;

    @TempDir
    Path dir;

    /** The spec writes codes as its operator block does (equipment-user, Pass): the event gets the codes, every row is kept. */
    @Test
    void codesTheSpecWritesLikeTheOperatorBlockReachTheEventAsCodes() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      counterparty.nodeType: { value: equipment-user }
                      extension.gasCylinder.preFillCheck: { column: 用户, lookup: check-marks }
                      extension.gasCylinder.postFillCheck: { column: 站点, default: pass }
                lookups:
                  check-marks: { "√": Pass, "×": fail }
                """);

        TraceEvent event = accepted(engine.convert(row(3, "气瓶编号", "GP001", "用户", "√"), CONTEXT));

        assertThat(event.getCounterparty().getNodeType()).isEqualTo(NodeType.EQUIPMENT_USER);
        assertThat(event.getExtension().getGasCylinder().getPreFillCheck()).isEqualTo(TestResult.PASS);
        assertThat(event.getExtension().getGasCylinder().getPostFillCheck()).isEqualTo(TestResult.PASS);
        assertThat(accepted(engine.convert(row(4, "气瓶编号", "GP002", "用户", "×"), CONTEXT)).getExtension().getGasCylinder()
                .getPreFillCheck()).isEqualTo(TestResult.FAIL);
    }

    /** A credit code pasted with a no-break space passes check-spec cleaned: the rows get it cleaned, not 19 characters long. */
    @Test
    void theOperatorsCodeIsSetAsCheckSpecCheckedIt() throws Exception {
        MappingSpec spec = spec(HEAD.replace("uscc: 91310000631696382C", "uscc: \"91310000631696382c\u00A0\u200B\"") + """
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                """);

        ConvertedRow row = new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK)).convert(row(3, "气瓶编号", "GP001"), CONTEXT);

        assertThat(accepted(row).getOperator().getUscc()).isEqualTo("91310000631696382C");
        assertThat(((ConvertedRow.Accepted) row).warnings()).isEmpty();
    }

    @Test
    void joinsADateColumnAndATimeColumn() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, timeColumn: 时间, date: ["yyyy/M/d H:mm", "yyyy-MM-dd HH:mm:ss"] }
                """);

        assertThat(time(engine, "日期", "2026/11/26", "时间", "7:05")).isEqualTo(OffsetDateTime.parse("2026-11-26T07:05+08:00"));
        // spreadsheet cells: a date cell and a time cell, each rendered as ISO text
        assertThat(time(engine, "日期", "2026-11-26T00:00:00", "时间", "1899-12-31T07:05:00"))
                .isEqualTo(OffsetDateTime.parse("2026-11-26T07:05+08:00"));
        // a date cell with a time typed as text
        assertThat(time(engine, "日期", "2026-11-26T00:00:00", "时间", "07:05:30"))
                .isEqualTo(OffsetDateTime.parse("2026-11-26T07:05:30+08:00"));

        ConvertedRow.Rejected r = rejected(engine.convert(row(3, "气瓶编号", "GP001", "日期", "2026/11/26", "时间", "早上7点"), CONTEXT));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.DATE_FORMAT);
            assertThat(e.field()).isEqualTo("time");
            assertThat(e.value()).isEqualTo("2026/11/26 早上7点");
        });
    }

    @Test
    void aTimeCellThatSaysNoneIsAnEmptyOneAndLeavesTheDateAlone() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, timeColumn: 时间, date: ["yyyy/M/d H:mm", "yyyy/M/d"] }
                """);

        for (String none : List.of("/", "无", "——", "")) {
            assertThat(time(engine, "日期", "2026/11/26", "时间", none)).as(none).isEqualTo(OffsetDateTime.parse("2026-11-26T00:00+08:00"));
            assertThat(time(engine, "日期", "2026-11-26T00:00:00", "时间", none)).as(none)
                    .isEqualTo(OffsetDateTime.parse("2026-11-26T00:00+08:00"));
        }
        // without a date-only pattern, a time cell saying "none" is refused as an empty one is: the date alone, not “2026/11/26 /”
        MappingEngine withTimeOnly = engine("""
                      time: { column: 日期, timeColumn: 时间, date: "yyyy/M/d H:mm" }
                """);
        for (String none : List.of("/", "无", "")) {
            ConvertedRow.Rejected r = rejected(withTimeOnly.convert(row(3, "气瓶编号", "GP001", "日期", "2026/11/26", "时间", none), CONTEXT));
            assertThat(r.errors()).as(none).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.DATE_FORMAT);
                assertThat(e.value()).isEqualTo("2026/11/26");
                assertThat(e.message()).startsWith("日期时间“2026/11/26”无法识别");
            });
        }
    }

    /** A time formula without its result read as empty, and the event was accepted at midnight without a word. */
    @Test
    void refusesATimeCellSavedAsAFormulaWithoutItsResultOrAsAFormulasErrorInsteadOfTakingMidnight() throws Exception {
        Path file = dir.resolve("充装记录_20261127.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 31);
            CellStyle time = wb.createCellStyle();
            time.setDataFormat((short) 32);
            Sheet sheet = wb.createSheet("充装");
            Row h = sheet.createRow(0);
            String[] header = {"气瓶编号", "充装日期", "开始时间"};
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("GP00" + r);
                row.createCell(1).setCellValue(LocalDate.of(2026, 11, 27));
                row.getCell(1).setCellStyle(date);
            }
            // a program that writes formulas without calculating them: <f> and no <v>
            sheet.getRow(1).createCell(2).setCellFormula("TIME(7,5,0)");
            sheet.getRow(2).createCell(2).setCellErrorValue(FormulaError.REF.getCode());
            sheet.getRow(3).createCell(2).setCellValue(8.0 / 24);
            sheet.getRow(3).getCell(2).setCellStyle(time);
            write(wb, file);
        }
        MappingSpec spec = spec("""
                source: feat-test
                category: GAS_CYLINDER
                operator: { uscc: 91310000631696382C, name: 测试充装站, nodeType: FILLING_STATION }
                files:
                  - match: "充装记录_*.xlsx"
                    format: xlsx
                    step: FILL
                    key: [气瓶编号]
                    fields:
                      traceCode: { column: 气瓶编号 }
                      extension.gasCylinder.cylinderCode: { column: 气瓶编号 }
                      extension.gasCylinder.medium: { value: 液化石油气 }
                      quantity: { value: "14.5", unit: kg }
                      time: { column: 充装日期, timeColumn: 开始时间, date: "yyyy-MM-dd HH:mm" }
                """);
        List<ConvertedRow> rows = new ArrayList<>();

        new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK)).run(file, CONTEXT, rows::add);

        assertThat(rejected(rows.get(0)).errors()).extracting(RowError::code, RowError::column, RowError::field)
                .containsExactly(tuple(ErrorCodes.CELL_FORMULA_NOT_CALCULATED, "开始时间", "time"));
        assertThat(rejected(rows.get(1)).errors()).extracting(RowError::code, RowError::column, RowError::field, RowError::value)
                .containsExactly(tuple(ErrorCodes.CELL_FORMULA_ERROR, "开始时间", "time", "#REF!"));
        assertThat(accepted(rows.get(2)).getTime()).isEqualTo(OffsetDateTime.parse("2026-11-27T08:00+08:00"));
    }

    @Test
    void readsExcelSerialDaysAndTheIsoTextOfSpreadsheetCells() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, date: [excel-serial, "yyyy年M月d日"] }
                      extension.gasCylinder.nextInspectionDate: { column: 下检日期, date: excel-serial }
                """);

        assertThat(time(engine, "日期", "46353")).isEqualTo(OffsetDateTime.parse("2026-11-27T00:00+08:00"));
        assertThat(time(engine, "日期", "46353.270833333")).isEqualTo(OffsetDateTime.parse("2026-11-27T06:30+08:00"));
        assertThat(time(engine, "日期", "2026年11月27日")).isEqualTo(OffsetDateTime.parse("2026-11-27T00:00+08:00"));
        assertThat(time(engine, "日期", "2026-11-27T08:15:00")).isEqualTo(OffsetDateTime.parse("2026-11-27T08:15+08:00"));
        TraceEvent e = accepted(engine.convert(row(3, "气瓶编号", "GP001", "日期", "46353", "下检日期", "47000"), CONTEXT));
        assertThat(e.getExtension().getGasCylinder().getNextInspectionDate()).isEqualTo(LocalDate.of(2028, 9, 4));
        assertThat(ValueConverter.excelSerial("1")).isEqualTo(LocalDateTime.of(1900, 1, 1, 0, 0));
        assertThat(ValueConverter.excelSerial("59")).isEqualTo(LocalDateTime.of(1900, 2, 28, 0, 0));
        assertThat(ValueConverter.excelSerial("60")).as("the 1900-02-29 Excel pretends existed").isNull();
        assertThat(ValueConverter.excelSerial("61")).isEqualTo(LocalDateTime.of(1900, 3, 1, 0, 0));
        assertThat(ValueConverter.excelSerial("0")).isNull();
        assertThat(ValueConverter.excelSerial("abc")).isNull();

        ConvertedRow.Rejected r = rejected(engine.convert(row(4, "气瓶编号", "GP001", "日期", "2026.11.27"), CONTEXT));
        assertThat(r.errors()).singleElement().satisfies(err -> assertThat(err.message())
                .isEqualTo("日期时间“2026.11.27”无法识别，应为以下格式之一：excel-serial、yyyy年M月d日"));
    }

    @Test
    void aWorkbookInThe1904DateSystemHasItsSerialsCountedFrom1904() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, date: excel-serial }
                """);
        RawRecord mac = new RawRecord(3, List.of("GP001", "44884"), Map.of("气瓶编号", 0, "日期", 1), true, 0);

        assertThat(accepted(engine.convert(mac, CONTEXT)).getTime()).as("44884 days after 1904-01-01, not 2022-11-19")
                .isEqualTo(OffsetDateTime.parse("2026-11-20T00:00+08:00"));
        assertThat(ValueConverter.excelSerial("44884", true)).isEqualTo(LocalDateTime.of(2026, 11, 20, 0, 0));
        assertThat(ValueConverter.excelSerial("0", true)).isEqualTo(LocalDateTime.of(1904, 1, 1, 0, 0));
        assertThat(time(engine, "日期", "44884")).isEqualTo(OffsetDateTime.parse("2022-11-19T00:00+08:00"));
    }

    @Test
    void aNumberTypedForADateOrATimeAloneIsNoDateBefore1901() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, date: [excel-serial, "yyyy.M.d"] }
                """);

        // 11.26 typed for 11月26日 in a General cell: serial 11 would be 1900-01-11 at Shanghai's local mean time
        ConvertedRow.Rejected typed = rejected(engine.convert(row(3, "气瓶编号", "GP001", "日期", "11.26"), CONTEXT));
        assertThat(typed.errors()).singleElement().satisfies(err -> assertThat(err.code()).isEqualTo(ErrorCodes.DATE_FORMAT));
        // a time-only cell (07:05) in a date column, rendered by the spreadsheet reader as 1899-12-31T07:05
        ConvertedRow.Rejected timeOnly = rejected(engine.convert(row(4, "气瓶编号", "GP001", "日期", "1899-12-31T07:05:00"), CONTEXT));
        assertThat(timeOnly.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo(ErrorCodes.DATE_FORMAT);
            assertThat(err.message()).contains("1899-12-31", "早于1901年");
        });
        assertThat(time(engine, "日期", "2026.11.26")).isEqualTo(OffsetDateTime.parse("2026-11-26T00:00+08:00"));
    }

    @Test
    void aNumberIsAnExcelSerialDateOnlyFrom2000ToTenYearsAheadSoATypedDayIsNoDateOf1903() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, date: [excel-serial, "yyyy.M.d"] }
                      extension.gasCylinder.nextInspectionDate: { column: 下检日期, date: excel-serial }
                """);

        // 1126 typed for 11月26日 into a General cell: serial 1126 is 1903-01-30
        ConvertedRow.Rejected typed = rejected(engine.convert(row(3, "气瓶编号", "GP001", "日期", "1126"), CONTEXT));
        assertThat(typed.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo(ErrorCodes.DATE_FORMAT);
            assertThat(err.message()).contains("“1126”是一个数字，不是日期", "1903-01-30", "2000-01-01至2036-11-28", "excel-serial、yyyy.M.d");
        });
        // the window's edges, the clock being 2026-11-28
        assertThat(time(engine, "日期", "36526")).isEqualTo(OffsetDateTime.parse("2000-01-01T00:00+08:00"));
        assertThat(rejected(engine.convert(row(4, "气瓶编号", "GP001", "日期", "36525"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.DATE_FORMAT);
        TraceEvent e = accepted(engine.convert(row(5, "气瓶编号", "GP001", "日期", "46352", "下检日期", "50007"), CONTEXT));
        assertThat(e.getExtension().getGasCylinder().getNextInspectionDate()).isEqualTo(LocalDate.of(2036, 11, 28));
        assertThat(rejected(engine.convert(row(6, "气瓶编号", "GP001", "日期", "46352", "下检日期", "50008"), CONTEXT)).errors())
                .extracting(RowError::field, RowError::code).containsExactly(tuple("extension.gasCylinder.nextInspectionDate", ErrorCodes.DATE_FORMAT));
        // a date cell is a date whatever its year: only bare numbers are bounded
        assertThat(accepted(engine.convert(row(7, "气瓶编号", "GP001", "日期", "46352", "下检日期", "1998-05-01T00:00:00"), CONTEXT))
                .getExtension().getGasCylinder().getNextInspectionDate()).isEqualTo(LocalDate.of(1998, 5, 1));
    }

    @Test
    void aCommaIsAThousandsSeparatorOnlyInGroupsOfThreeAndAnAbsurdNumberIsRefused() {
        assertThat(ValueConverter.decimal("1,200")).isEqualByComparingTo("1200");
        assertThat(ValueConverter.decimal("1，234.50")).isEqualByComparingTo("1234.50");
        assertThat(ValueConverter.decimal("-12,345,678.5")).isEqualByComparingTo("-12345678.5");
        assertThat(ValueConverter.decimal("100,000")).isEqualByComparingTo("100000");
        // 0,500 is half a kilo written with a decimal comma: a leading group of 0 is no thousands group
        for (String wrong : List.of("12,5", "1,5", "12,34", "1,2345", "46353,5", ",5", "1,,200", "0,500", "-0,500", "00,500", "012,345")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValueConverter.decimal(wrong)).as(wrong)
                    .isInstanceOfSatisfying(ValueConverter.ConversionException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCodes.NUMBER_FORMAT);
                        assertThat(e.getMessage()).contains(wrong);
                    });
        }
        for (String absurd : List.of("1E999999999", "1e-999999999", "1" + "0".repeat(40))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValueConverter.integer(absurd)).as(absurd)
                    .isInstanceOfSatisfying(ValueConverter.ConversionException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCodes.NUMBER_FORMAT));
        }
        assertThat(ValueConverter.decimal("0E-40")).isEqualByComparingTo("0");
        assertThat(ValueConverter.decimal("1.5E3")).isEqualByComparingTo("1500");
    }

    @Test
    void aCsvRowWithMoreCellsThanTheHeaderIsRefusedWholeNotShifted() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, date: excel-serial }
                """);
        // 充装量 written 1,200 without quotes: one cell more than the header, every later column off by one
        List<String> cells = new ArrayList<>();
        for (String h : HEADER) {
            cells.add(h.equals("日期") ? "46353" : h.equals("气瓶编号") ? "GP001" : "");
        }
        List<String> shifted = new ArrayList<>(cells);
        shifted.add("张三");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < HEADER.length; i++) {
            index.put(HEADER[i], i);
        }

        ConvertedRow.Rejected r = rejected(engine.convert(new RawRecord(7, shifted, index, false, HEADER.length), CONTEXT));

        assertThat(r.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo(ErrorCodes.ROW_TOO_MANY_CELLS);
            assertThat(err.row()).isEqualTo(7);
            assertThat(err.column()).isEqualTo("第" + (HEADER.length + 1) + "列");
            assertThat(err.value()).isEqualTo("张三");
            assertThat(err.message()).contains("表头只有" + HEADER.length + "列", "1,200");
        });
        // empty cells beyond the header (a trailing delimiter) shift nothing
        List<String> trailing = new ArrayList<>(cells);
        trailing.add("");
        trailing.add(" ");
        accepted(engine.convert(new RawRecord(8, trailing, index, false, HEADER.length), CONTEXT));
    }

    @Test
    void aColumnReadByPositionPastAShortHeaderIsPartOfTheRowNotACellTooMany() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, date: excel-serial }
                      extension.gasCylinder.operatorId: { index: %d }
                """.formatted(HEADER.length + 1));
        List<String> cells = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < HEADER.length; i++) {
            index.put(HEADER[i], i);
            cells.add(HEADER[i].equals("日期") ? "46353" : HEADER[i].equals("气瓶编号") ? "GP001" : "");
        }
        cells.add("007");

        TraceEvent e = accepted(engine.convert(new RawRecord(5, cells, index, false, HEADER.length), CONTEXT));

        assertThat(e.getExtension().getGasCylinder().getOperatorId()).isEqualTo("007");
    }

    @Test
    void usesTheDefaultWhenTheCellIsEmpty() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      extension.gasCylinder.operatorId: { column: 工号, lookup: staff, default: 张三 }
                lookups:
                  staff: { 张三: "007", 李四: "008" }
                """);

        assertThat(accepted(engine.convert(row(3, "气瓶编号", "GP001", "工号", ""), CONTEXT)).getExtension().getGasCylinder().getOperatorId())
                .isEqualTo("007");
        assertThat(accepted(engine.convert(row(4, "气瓶编号", "GP001", "工号", "\u3000"), CONTEXT)).getExtension().getGasCylinder()
                .getOperatorId()).isEqualTo("007");
        assertThat(accepted(engine.convert(row(5, "气瓶编号", "GP001", "工号", "李四"), CONTEXT)).getExtension().getGasCylinder()
                .getOperatorId()).isEqualTo("008");
        TraceEvent defaulted = accepted(engine.convert(row(6, "气瓶编号", "GP001"), CONTEXT));
        assertThat(defaulted.getExtension().getGasCylinder().getMedium()).isEqualTo("液化石油气");
    }

    @Test
    void aRequiredFieldThatIsEmptyRejectsTheRowNamingItsColumnBeforeItsExpressionRuns() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      operator.nodeCode: { column: 站点, expr: "#concat('PD-', #value)", required: true }
                      transaction.voucherNo: { expr: "['工号'] == null ? null : #concat('V', ['工号'])", required: true }
                """);

        assertThat(accepted(engine.convert(row(3, "气瓶编号", "GP001", "站点", "01", "工号", "7"), CONTEXT)).getOperator().getNodeCode())
                .isEqualTo("PD-01");
        ConvertedRow row = engine.convert(row(4, "气瓶编号", "GP001", "站点", " 无 "), CONTEXT);
        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Rejected.class, r -> assertThat(r.errors())
                .extracting(RowError::column, RowError::field, RowError::code, RowError::message, RowError::value).containsExactly(
                        tuple("站点", "operator.nodeCode", ErrorCodes.FIELD_REQUIRED, "缺少必填项：站点（本数据源要求每行填写）", " 无 "),
                        tuple(null, "transaction.voucherNo", ErrorCodes.FIELD_REQUIRED, "缺少必填项：transaction.voucherNo（本数据源要求每行填写）", "")));
    }

    @Test
    void computesValuesWithExpressions() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      counterparty.name: { column: 用户, expr: "#value == null ? '居民用户' : #replace(#value, '(散户)', '')" }
                      transaction.voucherNo: { expr: "#concat(['站点'], #concat('-', #substring(['气瓶编号'], 2, 6)))" }
                      extension.gasCylinder.operatorId: { column: 工号, expr: "#trim(#value)", default: "000" }
                """);

        TraceEvent e = accepted(engine.convert(row(3, "气瓶编号", "GP2026001", "用户", "张记饭店（散户）", "站点", "PD01", "工号", ""), CONTEXT));
        assertThat(e.getCounterparty().getName()).isEqualTo("张记饭店");
        assertThat(e.getTransaction().getVoucherNo()).isEqualTo("PD01-2026");
        assertThat(e.getExtension().getGasCylinder().getOperatorId()).isEqualTo("000");
        assertThat(accepted(engine.convert(row(4, "气瓶编号", "GP2026002"), CONTEXT)).getCounterparty().getName()).isEqualTo("居民用户");
    }

    @Test
    void refusesAControlCharacterInAColumnReadOnlyForTheRowsKeyAndSaysItOncePerCell() throws Exception {
        MappingSpec spec = spec(HEAD.replace("key: [气瓶编号]", "key: [气瓶编号, 站点]") + """
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                """);
        MappingEngine engine = new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));

        // NUL padding of a fixed-width field: the key is stored with the event, and PostgreSQL cannot hold U+0000
        ConvertedRow.Rejected padded = rejected(engine.convert(row(3, "气瓶编号", "GP001", "站点", "CZ01\u0000\u0000"), CONTEXT));
        assertThat(padded.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.VALUE_CONTROL_CHARACTER);
            assertThat(e.column()).isEqualTo("站点");
            assertThat(e.message()).startsWith("含有不可见的控制字符U+0000（第5个字符）");
        });
        // a key column that is also a field is refused as the field, not twice
        ConvertedRow.Rejected both = rejected(engine.convert(row(4, "气瓶编号", "GP\u0000001", "站点", "CZ02"), CONTEXT));
        assertThat(both.errors()).extracting(RowError::code, RowError::column)
                .containsOnly(tuple(ErrorCodes.VALUE_CONTROL_CHARACTER, "气瓶编号"));
        assertThat(both.errors()).extracting(RowError::field).doesNotContainNull();
    }

    @Test
    void anOperatorReadFromTheRowNeverBorrowsTheSpecsDefaultOperatorsCodeOrName() throws Exception {
        // a market's workbook of its stall holders: the spec's operator is the market, each row's operator a stall
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      operator.uscc: { column: 站点 }
                      operator.name: { column: 用户 }
                """);

        TraceEvent stall = accepted(engine.convert(row(3, "气瓶编号", "GP001", "站点", "92310115MA1N4A2E6B", "用户", "王记蔬菜"), CONTEXT));
        assertThat(stall.getOperator().getUscc()).isEqualTo("92310115MA1N4A2E6B");
        assertThat(stall.getOperator().getName()).isEqualTo("王记蔬菜");
        // the stall's code left empty: the stall is named alone, never beside the market's credit code
        TraceEvent nameOnly = accepted(engine.convert(row(4, "气瓶编号", "GP002", "用户", "王记蔬菜"), CONTEXT));
        assertThat(nameOnly.getOperator().getUscc()).isNull();
        assertThat(nameOnly.getOperator().getName()).isEqualTo("王记蔬菜");
        assertThat(nameOnly.getOperator().getNodeType()).as("what the market says of its stalls stays").isNotNull();
        // neither: the row's operator is unknown
        assertThat(rejected(engine.convert(row(5, "气瓶编号", "GP003"), CONTEXT)).errors())
                .extracting(RowError::code).containsExactly(ErrorCodes.FIELD_REQUIRED);

        // a spec that does not read the operator from the file keeps its default operator on every row
        TraceEvent fixed = accepted(engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                """).convert(row(6, "气瓶编号", "GP004"), CONTEXT));
        assertThat(fixed.getOperator().getUscc()).isEqualTo("91310000631696382C");
        assertThat(fixed.getOperator().getName()).isEqualTo("测试充装站");
    }

    /** A stall holder's own number as the row's operator code: refused, and kept for the error report only masked. */
    @ParameterizedTest
    @ValueSource(strings = {"310115199001011234", "310115199001011235"})
    void aRowRefusedForAPersonsNumberAsItsOperatorsCodeKeepsTheNumberOnlyMasked(String idNumber) throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      operator.uscc: { column: 站点 }
                      operator.name: { column: 用户 }
                """);

        ConvertedRow.Rejected row = (ConvertedRow.Rejected) engine.convert(
                row(3, "气瓶编号", "GP001", "站点", " " + idNumber, "用户", "张三"), CONTEXT);

        String masked = "310115********" + idNumber.substring(14);
        assertThat(row.errors()).extracting(RowError::code, RowError::value)
                .containsExactly(tuple(ErrorCodes.USCC_IS_PERSONAL_ID, masked));
        assertThat(row.cells()).contains("GP001", masked, "张三").noneMatch(c -> c != null && c.contains(idNumber));
    }

    @Test
    void aCellThatSaysNoneIsEmptyNotAMalformedCodeAndAnUnknownStaysAsTyped() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      counterparty.uscc: { column: 用户 }
                      counterparty.name: { value: 居民用户 }
                """);

        for (String none : List.of("无", "/", "-", "——", "N/A", "／")) {
            TraceEvent event = accepted(engine.convert(row(3, "气瓶编号", "GP001", "用户", none), CONTEXT));
            assertThat(event.getCounterparty().getUscc()).as(none).isNull();
        }
        // "?" is not "none": a code of the wrong shape, refused as typed
        assertThat(rejected(engine.convert(row(4, "气瓶编号", "GP001", "用户", "?"), CONTEXT)).errors())
                .extracting(RowError::field).containsExactly("counterparty.uscc");
        // a list's part that says "none" is dropped like an empty one, not read as a code
        assertThat(ValueConverter.split("XJV001; / ;-;XJV002", List.of(";"))).containsExactly("XJV001", "XJV002");
        // the row's key said "none": missing, not a key of "/"
        assertThat(rejected(engine.convert(row(5, "气瓶编号", "/"), CONTEXT)).errors())
                .extracting(RowError::code).contains(ErrorCodes.FIELD_REQUIRED);
    }

    @Test
    void aFailingExpressionRejectsTheRowInChineseNamingTheFieldAndTheAdminAndKeepsTheRestOfTheRow() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      extension.gasCylinder.pressureAfterFillingMPa: { column: 充装量, expr: "#value > 10 ? #value : '10'" }
                """);

        ConvertedRow.Rejected r = rejected(engine.convert(row(7, "气瓶编号", "GP001", "充装量", "14.5"), CONTEXT));

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(7);
            assertThat(e.column()).isEqualTo("充装量");
            assertThat(e.field()).isEqualTo("extension.gasCylinder.pressureAfterFillingMPa");
            assertThat(e.code()).isEqualTo(ErrorCodes.EXPRESSION_FAILED);
            assertThat(e.message()).isEqualTo("映射规则计算出错：字段extension.gasCylinder.pressureAfterFillingMPa的表达式“#value > 10 ? #value : '10'”"
                    + "无法计算，本行未能转换；这是平台映射规则的问题，不是文件内容的问题，请联系平台管理员");
            assertThat(e.value()).isEqualTo("14.5");
        });
        assertThat(r.cells()).contains("GP001", "14.5");
    }

    @Test
    void refusesTextTheStandardCannotCarryAndNamesTheCellTheCharacterAndTheLimit() throws Exception {
        MappingEngine engine = engine("""
                      time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                      counterparty.name: { column: 用户名称 }
                      extension.gasCylinder.operatorId: { column: 工号 }
                """);

        // a vertical tab from a legacy system's multi-line field: invisible in the spreadsheet, not XML 1.0
        ConvertedRow.Rejected control = rejected(engine.convert(row(3, "气瓶编号", "GP001", "用户名称", "张记\u000B饭店"), CONTEXT));
        assertThat(control.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.VALUE_CONTROL_CHARACTER);
            assertThat(e.column()).isEqualTo("用户名称");
            assertThat(e.field()).isEqualTo("counterparty.name");
            assertThat(e.message()).isEqualTo("含有不可见的控制字符U+000B（第3个字符），无法写入标准文档；请在源系统中删除该字符后重新发送");
            assertThat(e.value()).isEqualTo("张记\u000B饭店");
        });
        ConvertedRow.Rejected loneSurrogate = rejected(engine.convert(row(4, "气瓶编号", "GP001", "用户名称", "张记\uD842饭店"), CONTEXT));
        assertThat(loneSurrogate.errors()).extracting(RowError::code).containsExactly(ErrorCodes.VALUE_CONTROL_CHARACTER);

        // a Text field takes 200 characters, a Code field (an operator's id) 64
        assertThat(accepted(engine.convert(row(5, "气瓶编号", "GP001", "用户名称", "名".repeat(197) + "\t𠮷"), CONTEXT))
                .getCounterparty().getName()).hasSize(200);
        ConvertedRow.Rejected longName = rejected(engine.convert(row(6, "气瓶编号", "GP001", "用户名称", "名".repeat(201)), CONTEXT));
        assertThat(longName.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.VALUE_TOO_LONG);
            assertThat(e.column()).isEqualTo("用户名称");
            assertThat(e.message()).isEqualTo("取值有201个字符，超过本标准允许的200个字符");
        });
        assertThat(accepted(engine.convert(row(7, "气瓶编号", "GP001", "工号", "7".repeat(64)), CONTEXT))
                .getExtension().getGasCylinder().getOperatorId()).hasSize(64);
        assertThat(rejected(engine.convert(row(8, "气瓶编号", "GP001", "工号", "7".repeat(65)), CONTEXT)).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.VALUE_TOO_LONG);
                    assertThat(e.message()).isEqualTo("取值有65个字符，超过本标准允许的64个字符");
                });
    }

    @Test
    void checksTheColumnsThatTimeColumnsAndExpressionsRead() throws Exception {
        MappingEngine engine = engine("""
                      time: { column: 日期, timeColumn: 时间, date: "yyyy/M/d H:mm" }
                      counterparty.name: { expr: "['用户名称']" }
                """);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.checkHeader(List.of("气瓶编号", "日期")))
                .hasMessageStartingWith("表头（第1行）缺少列：介质、充装量、时间、用户名称；");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void refusesACodeTypedIntoANumberCellWhoseDigitsPastTheFifteenthWereLostAndReadsTheSameCodeAsText(String format)
            throws Exception {
        Path file = dir.resolve("充装记录_20261127." + format);
        try (Workbook wb = format.equals("xlsx") ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = cylinderSheet(wb);
            // the clerk typed 913101127033980359 into a number cell: the workbook holds 9.1310112703398E17
            Row typedAsNumber = sheet.createRow(1);
            typedAsNumber.createCell(0).setCellValue("GP001");
            typedAsNumber.createCell(1).setCellValue(913101127033980359d);
            typedAsNumber.createCell(2).setCellValue(1001d);
            typedAsNumber.createCell(3).setCellValue(14.5);
            Row typedAsText = sheet.createRow(2);
            typedAsText.createCell(0).setCellValue("GP002");
            typedAsText.createCell(1).setCellValue("91310000631696382C");
            typedAsText.createCell(2).setCellValue(1002d);
            typedAsText.createCell(3).setCellValue(14.5);
            // a 16-digit number read only for the row's key
            Row keyAsNumber = sheet.createRow(3);
            keyAsNumber.createCell(0).setCellValue("GP003");
            keyAsNumber.createCell(2).setCellValue(3411222611250031d);
            keyAsNumber.createCell(3).setCellValue(14.5);
            write(wb, file);
        }

        List<ConvertedRow> rows = convertCylinders(file, format);

        assertThat(rejected(rows.get(0)).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.NUMBER_DIGITS_LOST);
            assertThat(e.column()).isEqualTo("用户信用代码");
            assertThat(e.field()).isEqualTo("counterparty.uscc");
            assertThat(e.value()).isEqualTo("913101127033980000");
            assertThat(e.message()).contains("超过15位", "设为文本格式");
        });
        assertThat(accepted(rows.get(1)).getCounterparty().getUscc()).isEqualTo("91310000631696382C");
        // the key column, also read by an expression: said once, for the field the expression makes of it
        assertThat(rejected(rows.get(2)).errors()).extracting(RowError::code, RowError::column, RowError::field)
                .containsExactly(tuple(ErrorCodes.NUMBER_DIGITS_LOST, "单号", "extension.gasCylinder.operatorId"));
        assertThat(accepted(rows.get(1)).getExtension().getGasCylinder().getOperatorId()).isEqualTo("CZ-1002");
    }

    private static final String CYLINDER_SPEC = """
            source: feat-test
            category: GAS_CYLINDER
            operator: { uscc: 91310000631696382C, name: 测试充装站, nodeType: FILLING_STATION }
            files:
              - match: "充装记录_*.%s"
                format: %s
                step: FILL
                key: [气瓶编号, 单号]
                fields:
                  traceCode: { column: 气瓶编号 }
                  time: { value: "2026-11-27 08:00", date: "yyyy-MM-dd HH:mm" }
                  extension.gasCylinder.cylinderCode: { column: 气瓶编号 }
                  extension.gasCylinder.medium: { value: 液化石油气 }
                  quantity: { column: 充装量, unit: kg }
                  counterparty.uscc: { column: 用户信用代码 }
                  counterparty.name: { value: 居民用户 }
                  extension.gasCylinder.operatorId: { expr: "'CZ-' + ['单号']" }
            """;

    /** A gas-filling sheet 充装 with CYLINDER_SPEC's header in row 1 (and any further columns). */
    private static Sheet cylinderSheet(Workbook wb, String... moreColumns) {
        Sheet sheet = wb.createSheet("充装");
        Row h = sheet.createRow(0);
        List<String> header = new ArrayList<>(List.of("气瓶编号", "用户信用代码", "单号", "充装量"));
        header.addAll(List.of(moreColumns));
        for (int i = 0; i < header.size(); i++) {
            h.createCell(i).setCellValue(header.get(i));
        }
        return sheet;
    }

    private static void write(Workbook wb, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
    }

    private List<ConvertedRow> convertCylinders(Path file, String format) throws Exception {
        MappingSpec spec = spec(CYLINDER_SPEC.formatted(format, format));
        List<ConvertedRow> rows = new ArrayList<>();
        new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK)).run(file, CONTEXT, rows::add);
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void refusesAFormulasErrorValueInAFieldAKeyOrAColumnAnExpressionReadsInsteadOfLoadingItAsText(String format)
            throws Exception {
        Path file = dir.resolve("充装记录_20261127." + format);
        try (Workbook wb = format.equals("xlsx") ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = cylinderSheet(wb);
            // a VLOOKUP for the customer's credit code that found nothing: the cell shows #N/A
            Row lookupFailed = sheet.createRow(1);
            lookupFailed.createCell(0).setCellValue("GP001");
            lookupFailed.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
            lookupFailed.createCell(2).setCellValue(1001d);
            lookupFailed.createCell(3).setCellValue(14.5);
            // the cylinder code, part of the key and the trace code, refers to a deleted cell
            Row brokenKey = sheet.createRow(2);
            brokenKey.createCell(0).setCellErrorValue(FormulaError.REF.getCode());
            brokenKey.createCell(2).setCellValue(1002d);
            brokenKey.createCell(3).setCellValue(14.5);
            // the order number, read only by the key and an expression
            Row brokenExpressionInput = sheet.createRow(3);
            brokenExpressionInput.createCell(0).setCellValue("GP003");
            brokenExpressionInput.createCell(2).setCellErrorValue(FormulaError.VALUE.getCode());
            brokenExpressionInput.createCell(3).setCellValue(14.5);
            Row sound = sheet.createRow(4);
            sound.createCell(0).setCellValue("GP004");
            sound.createCell(1).setCellValue("91310000631696382C");
            sound.createCell(2).setCellValue(1004d);
            sound.createCell(3).setCellValue(14.5);
            write(wb, file);
        }

        List<ConvertedRow> rows = convertCylinders(file, format);

        assertThat(rejected(rows.get(0)).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.CELL_FORMULA_ERROR);
            assertThat(e.column()).isEqualTo("用户信用代码");
            assertThat(e.field()).isEqualTo("counterparty.uscc");
            assertThat(e.value()).isEqualTo("#N/A");
            assertThat(e.message()).contains("公式的错误值“#N/A”");
        });
        assertThat(rejected(rows.get(1)).errors()).extracting(RowError::code, RowError::column)
                .contains(tuple(ErrorCodes.CELL_FORMULA_ERROR, "气瓶编号"));
        assertThat(rejected(rows.get(1)).errors()).extracting(RowError::code).doesNotContain(ErrorCodes.FIELD_REQUIRED);
        assertThat(rejected(rows.get(2)).errors()).extracting(RowError::code, RowError::column, RowError::field)
                .containsExactly(tuple(ErrorCodes.CELL_FORMULA_ERROR, "单号", "extension.gasCylinder.operatorId"));
        assertThat(accepted(rows.get(3)).getCounterparty().getUscc()).isEqualTo("91310000631696382C");
    }

    /**
     * A resident's number, one whose check symbol is a lower-case x, a Taiwan resident's residence-permit number, and
     * two numbers with their last digit mistyped (still the person's).
     */
    @ParameterizedTest
    @ValueSource(strings = {"310116198005120032", "11010519491231002x", "830000199001010020", "110105194912310021",
            "310115199001011235"})
    void dropsACustomersCitizenIdentityNumberTypedAsItsCreditCodeAndKeepsTheRow(String idNumber) throws Exception {
        Path file = dir.resolve("充装记录_20261127.csv");
        Files.writeString(file, """
                气瓶编号,用户信用代码,单号,充装量
                GP001,%s,1001,14.5
                """.formatted(idNumber), StandardCharsets.UTF_8);

        List<ConvertedRow> rows = convertCylinders(file, "csv");

        ConvertedRow.Accepted row = (ConvertedRow.Accepted) rows.get(0);
        assertThat(row.event().getCounterparty().getUscc()).as("a person's number is never stored").isNull();
        assertThat(row.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(ErrorCodes.USCC_IS_PERSONAL_ID);
            assertThat(w.column()).isEqualTo("用户信用代码");
            assertThat(w.value()).isNull();
            assertThat(w.message()).contains("不保存个人身份证号");
        });
    }

    @Test
    void refusesAnErrorValueSavedAsTextInACsvExportedFromAWorkbook() throws Exception {
        Path file = dir.resolve("充装记录_20261127.csv");
        Files.writeString(file, """
                气瓶编号,用户信用代码,单号,充装量
                GP001,#N/A,1001,14.5
                GP002,91310000631696382C,1002,14.5
                """, StandardCharsets.UTF_8);

        List<ConvertedRow> rows = convertCylinders(file, "csv");

        assertThat(rejected(rows.get(0)).errors()).extracting(RowError::code, RowError::column, RowError::value)
                .containsExactly(tuple(ErrorCodes.CELL_FORMULA_ERROR, "用户信用代码", "#N/A"));
        assertThat(accepted(rows.get(1)).getCounterparty().getUscc()).isEqualTo("91310000631696382C");
    }

    @Test
    void refusesAFormulaSavedWithoutItsResultInsteadOfReadingTheCellTheClerkSeesFilledAsEmpty() throws Exception {
        Path file = dir.resolve("充装记录_20261127.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = cylinderSheet(wb, "备注");
            // a program that writes formulas without calculating them: the file holds <f> and no <v>
            Row notCalculated = sheet.createRow(1);
            notCalculated.createCell(0).setCellValue("GP001");
            notCalculated.createCell(2).setCellValue(1001d);
            notCalculated.createCell(3).setCellFormula("29/2");
            // a row of nothing but such formulas is not a blank row to skip
            Row onlyFormulas = sheet.createRow(2);
            onlyFormulas.createCell(0).setCellFormula("\"GP\"&\"002\"");
            // a template's formula column no field reads, filled down past the data: a blank row still
            sheet.createRow(3).createCell(4).setCellFormula("IF(A4=\"\",\"\",\"x\")");
            write(wb, file);
        }

        List<ConvertedRow> rows = convertCylinders(file, "xlsx");

        assertThat(rows).hasSize(3);
        assertThat(rejected(rows.get(0)).errors()).extracting(RowError::code, RowError::column, RowError::field)
                .containsExactly(tuple(ErrorCodes.CELL_FORMULA_NOT_CALCULATED, "充装量", "quantity"));
        assertThat(rejected(rows.get(0)).errors().get(0).message()).contains("没有保存公式的计算结果");
        assertThat(rejected(rows.get(1)).errors()).extracting(RowError::code, RowError::column)
                .contains(tuple(ErrorCodes.CELL_FORMULA_NOT_CALCULATED, "气瓶编号"));
        assertThat(rows.get(2)).isEqualTo(new ConvertedRow.Skipped(4, "空行"));
    }

    @Test
    void convertsAWholeXlsxWorkbook() throws Exception {
        Path file = dir.resolve("充装记录_20261127.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 31);
            CellStyle time = wb.createCellStyle();
            time.setDataFormat((short) 32);
            Sheet sheet = wb.createSheet("充装");
            sheet.createRow(0).createCell(0).setCellValue("浦燃液化气 充装记录");
            Row h = sheet.createRow(1);
            String[] header = {"气瓶编号", "充装日期", "开始时间", "充装量(kg)", "用户"};
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            Object[][] data = {
                    {"GP001", LocalDate.of(2026, 11, 27), 7.0 / 24 + 5.0 / 1440, 14.5, "张记饭店"},
                    {"GP002", LocalDate.of(2026, 11, 27), 8.0 / 24, "十四", "李记面馆"},
                    {"合计", null, null, 29.0, null}};
            for (int r = 0; r < data.length; r++) {
                Row row = sheet.createRow(r + 2);
                row.createCell(0).setCellValue((String) data[r][0]);
                if (data[r][1] != null) {
                    row.createCell(1).setCellValue((LocalDate) data[r][1]);
                    row.getCell(1).setCellStyle(date);
                    row.createCell(2).setCellValue((Double) data[r][2]);
                    row.getCell(2).setCellStyle(time);
                }
                if (data[r][3] instanceof Double d) {
                    row.createCell(3).setCellValue(d);
                } else {
                    row.createCell(3).setCellValue((String) data[r][3]);
                }
                if (data[r][4] != null) {
                    row.createCell(4).setCellValue((String) data[r][4]);
                }
            }
            write(wb, file);
        }
        MappingSpec spec = spec("""
                source: feat-test
                category: GAS_CYLINDER
                operator: { uscc: 91310000631696382C, name: 测试充装站, nodeType: FILLING_STATION }
                files:
                  - match: "充装记录_*.xlsx"
                    format: xlsx
                    sheet: 充装
                    header: 2
                    step: FILL
                    skip: { column: 气瓶编号, equals: 合计 }
                    key: [气瓶编号, 充装日期, 开始时间]
                    fields:
                      traceCode: { column: 气瓶编号 }
                      extension.gasCylinder.cylinderCode: { column: 气瓶编号 }
                      extension.gasCylinder.medium: { value: 液化石油气 }
                      time: { column: 充装日期, timeColumn: 开始时间, date: "yyyy-MM-dd HH:mm" }
                      quantity: { column: 充装量(kg), unit: kg }
                      counterparty.name: { column: 用户 }
                """);

        List<ConvertedRow> rows = new ArrayList<>();
        FileConversion.Counts counts = new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK))
                .run(file, CONTEXT, rows::add);

        assertThat(counts).isEqualTo(new FileConversion.Counts(2, 1, 1, 1));
        TraceEvent first = accepted(rows.get(0));
        assertThat(first.getProvenance().getRow()).hasToString("3");
        assertThat(first.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-27T07:05+08:00"));
        assertThat(first.getQuantity().getValue()).isEqualByComparingTo("14.5");
        ConvertedRow.Rejected second = rejected(rows.get(1));
        assertThat(second.row()).isEqualTo(4);
        assertThat(second.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.NUMBER_FORMAT);
            assertThat(e.column()).isEqualTo("充装量(kg)");
            assertThat(e.value()).isEqualTo("十四");
        });
        assertThat(second.cells()).containsExactly("GP002", "2026-11-27T00:00:00", "1899-12-31T08:00:00", "十四", "李记面馆");
        assertThat(rows.get(2)).isEqualTo(new ConvertedRow.Skipped(5, "气瓶编号=合计"));
    }

    /**
     * A hidden row (hidden by hand, or filtered out by an AutoFilter, which saves it hidden) is loaded like the others —
     * nothing is dropped without a word — and carries ROW_HIDDEN beside its other warnings, on an accepted row as on a
     * rejected one; a warning rejects nothing. Hidden rows the spec skips (totals, blank rows) are skipped as always.
     */
    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void loadsHiddenAndFilteredOutRowsOfAWorkbookWithAWarningBesideTheOthers(String format) throws Exception {
        Path file = dir.resolve("进货明细_20261127." + format);
        try (Workbook wb = "xlsx".equals(format) ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("进货明细");
            Object[][] data = {
                    {"单号", "追溯码", "时间", "产地", "重量(kg)"},
                    {"D1", "VT001", "2026-11-27 05:00", "310112", "12"},
                    {"D2", "VT002", "2026-11-27 05:10", "371202", "8"},     // hidden; a retired region code: two warnings
                    {"D3", "VT003", "2026-11-27 05:20", "310112", "-1"},    // hidden and rejected
                    {"合计", null, null, null, "19"},                        // hidden totals row: skipped
                    {}};                                                     // hidden blank row: skipped
            for (int r = 0; r < data.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < data[r].length; c++) {
                    if (data[r][c] != null) {
                        row.createCell(c).setCellValue((String) data[r][c]);
                    }
                }
                row.setZeroHeight(r >= 2);
            }
            sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, data.length - 1, 0, 4));
            write(wb, file);
        }
        MappingSpec spec = spec("""
                source: feat-test
                category: VEGETABLE
                operator: { uscc: 91310000631696382C, name: 测试蔬菜批发市场, nodeType: WHOLESALE }
                files:
                  - match: "进货明细_*.%s"
                    format: %s
                    step: WHOLESALE
                    skip: { column: 单号, equals: 合计 }
                    key: [单号]
                    fields:
                      traceCode: { column: 追溯码 }
                      time: { column: 时间, date: "yyyy-MM-dd HH:mm" }
                      origin: { column: 产地 }
                      quantity: { column: 重量(kg), unit: kg }
                """.formatted(format, format));

        List<ConvertedRow> rows = new ArrayList<>();
        FileConversion.Counts counts = new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK)).run(file, CONTEXT, rows::add);

        assertThat(counts).as("hidden rows are read and counted like the others").isEqualTo(new FileConversion.Counts(3, 2, 1, 2));
        assertThat(rows.get(0)).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> assertThat(a.warnings()).isEmpty());
        assertThat(rows.get(1)).isInstanceOfSatisfying(ConvertedRow.Accepted.class, a -> {
            assertThat(a.event().getTraceCode()).isEqualTo("VT002");
            assertThat(a.warnings()).extracting(RowError::row, RowError::severity, RowError::code).containsExactly(
                    tuple(3L, Severity.WARNING, ErrorCodes.ROW_HIDDEN), tuple(3L, Severity.WARNING, ErrorCodes.REGION_NOT_CURRENT));
            assertThat(a.warnings().get(0).message()).startsWith("该行在表格中被隐藏（或被筛选隐藏），仍按正常数据导入");
        });
        assertThat(rejected(rows.get(2)).errors()).extracting(RowError::severity, RowError::code).containsExactly(
                tuple(Severity.WARNING, ErrorCodes.ROW_HIDDEN), tuple(Severity.ERROR, ErrorCodes.QUANTITY_NOT_POSITIVE));
        assertThat(rows.subList(3, 5)).containsExactly(new ConvertedRow.Skipped(5, "单号=合计"), new ConvertedRow.Skipped(6, "空行"));
    }

    @Test
    void refusesARecordWhosePathMatchesTwoElementsWithDifferentValuesInsteadOfTakingTheFirst() throws Exception {
        List<ConvertedRow> rows = new ArrayList<>();
        convertShipments("""
                  <wms:Line note="DN-001" no="1"><wms:Batch>PJY-2611-01</wms:Batch><wms:Batch>PJY-2611-02</wms:Batch>
                    <wms:ShipTime>2026-11-27 06:10</wms:ShipTime><wms:Qty>120</wms:Qty>
                    <wms:Customer uscc="91310000631696382C">联家超市</wms:Customer></wms:Line>
                  <wms:Line note="DN-001" no="2"><wms:Batch>PJY-2611-03</wms:Batch><wms:Batch>PJY-2611-03</wms:Batch>
                    <wms:ShipTime>2026-11-27 06:20</wms:ShipTime><wms:Qty>80</wms:Qty></wms:Line>
                """, "", rows);

        assertThat(rejected(rows.get(0)).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.XML_ELEMENT_REPEATED);
            assertThat(e.column()).isEqualTo("w:Batch");
            assertThat(e.field()).isEqualTo("traceCode");
            assertThat(e.message()).contains("出现多次且取值不同", "PJY-2611-01");
        });
        // the same value twice says one thing
        assertThat(accepted(rows.get(1)).getTraceCode()).isEqualTo("PJY-2611-03");
    }

    @Test
    void convertsAWholeXmlExport() throws Exception {
        List<ConvertedRow> rows = new ArrayList<>();
        FileConversion.Counts counts = convertShipments("""
                  <wms:Line note="DN-001" no="1"><wms:Batch>PJY-2611-01</wms:Batch><wms:ShipTime>2026-11-27 06:10</wms:ShipTime>
                    <wms:Qty>120</wms:Qty><wms:Customer uscc="91310000631696382C">联家超市</wms:Customer></wms:Line>
                  <wms:Line note="DN-001" no="2"><wms:Batch>PJY-2611-02</wms:Batch><wms:ShipTime>27/11/2026</wms:ShipTime>
                    <wms:Qty>80</wms:Qty></wms:Line>
                  <wms:Line note="DN-002" no="1"><wms:ShipTime>2026-11-27 07:00</wms:ShipTime><wms:Qty>5</wms:Qty></wms:Line>
                """, """
                      transaction.voucherNo: { path: "@note" }
                      counterparty.uscc: { path: "w:Customer/@uscc" }
                """, rows);

        assertThat(counts).isEqualTo(new FileConversion.Counts(3, 1, 2, 0));
        TraceEvent first = accepted(rows.get(0));
        assertThat(first.getTraceCode()).isEqualTo("PJY-2611-01");
        assertThat(first.getCounterparty().getName()).isEqualTo("联家超市");
        assertThat(first.getTransaction().getVoucherNo()).isEqualTo("DN-001");
        assertThat(first.getProvenance().getRow()).as("the line its start tag is on").hasToString("3");
        ConvertedRow.Rejected second = rejected(rows.get(1));
        assertThat(second.row()).isEqualTo(5);
        assertThat(second.errors()).extracting(RowError::row).containsOnly(5L);
        assertThat(second.errors()).extracting(RowError::column, RowError::code, RowError::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("w:ShipTime", ErrorCodes.DATE_FORMAT, "27/11/2026"));
        ConvertedRow.Rejected third = rejected(rows.get(2));
        assertThat(third.row()).isEqualTo(7);
        assertThat(third.errors()).extracting(RowError::field).contains("traceCode");
    }

    /**
     * A dairy plant's WMS shipment export holding {@code lines} (the elements inside {@code wms:ShipmentExport}), converted
     * with the shipment fields every XML test here maps, plus {@code extraFields} (YAML lines under {@code fields:}).
     */
    private FileConversion.Counts convertShipments(String lines, String extraFields, List<ConvertedRow> rows) throws Exception {
        Path file = Files.writeString(dir.resolve("WMS_SHIP_20261127.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <wms:ShipmentExport xmlns:wms="urn:pjy-dairy:wms:1.3">
                """ + lines + "</wms:ShipmentExport>\n", StandardCharsets.UTF_8);
        MappingSpec spec = spec("""
                source: feat-test
                category: DAIRY
                operator: { uscc: 91310000631696382C, name: 测试乳业, nodeType: DAIRY_PLANT }
                files:
                  - match: "WMS_SHIP_*.xml"
                    format: xml
                    record: "/w:ShipmentExport/w:Line"
                    namespaces: { w: "urn:pjy-dairy:wms:1.3" }
                    step: SHIP
                    key: ["@note", "@no"]
                    fields:
                      traceCode: { path: "w:Batch" }
                      time: { path: "w:ShipTime", date: "yyyy-MM-dd HH:mm" }
                      quantity: { path: "w:Qty", unit: 件 }
                      counterparty.name: { path: "w:Customer", default: 散客 }
                """ + extraFields);
        return new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK)).run(file, CONTEXT, rows::add);
    }

    private OffsetDateTime time(MappingEngine engine, String... cells) {
        String[] withKey = new String[cells.length + 2];
        withKey[0] = "气瓶编号";
        withKey[1] = "GP001";
        System.arraycopy(cells, 0, withKey, 2, cells.length);
        return accepted(engine.convert(row(3, withKey), CONTEXT)).getTime();
    }

    private MappingEngine engine(String fields) throws Exception {
        MappingSpec spec = spec(HEAD + fields);
        return new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));
    }

    private MappingSpec spec(String yaml) throws Exception {
        return new SpecLoader().load(Files.writeString(dir.resolve("spec.yaml"), yaml, StandardCharsets.UTF_8));
    }

    private static TraceEvent accepted(ConvertedRow row) {
        assertThat(row).as("row outcome").isInstanceOf(ConvertedRow.Accepted.class);
        return ((ConvertedRow.Accepted) row).event();
    }

    private static ConvertedRow.Rejected rejected(ConvertedRow row) {
        assertThat(row).as("row outcome").isInstanceOf(ConvertedRow.Rejected.class);
        return (ConvertedRow.Rejected) row;
    }

    private static final String[] HEADER = {"气瓶编号", "日期", "时间", "下检日期", "介质", "用户", "站点", "工号", "充装量", "用户名称"};

    /** A row holding the given cells (name, value, …); every other column of HEADER is empty. */
    private static RawRecord row(long rowNumber, String... cells) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            values.put(cells[i], cells[i + 1]);
        }
        Map<String, Integer> index = new HashMap<>();
        List<String> list = new ArrayList<>();
        for (int i = 0; i < HEADER.length; i++) {
            index.put(HEADER[i], i);
            list.add(values.getOrDefault(HEADER[i], ""));
        }
        return new RawRecord(rowNumber, list, index);
    }
}
