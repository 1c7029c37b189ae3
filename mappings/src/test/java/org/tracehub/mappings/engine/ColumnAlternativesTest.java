package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A market's software update renames columns mid-month (交易凭证号 → 凭证编号, 重量(kg) → 重量(公斤)) while late re-sends
 * still come in the old layout: one spec naming each such column by both names reads files of either layout.
 */
class ColumnAlternativesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final ConversionContext CONTEXT = new ConversionContext("veg-test", "batch-1", 1);

    /** The key, the skip rule and the expression name the voucher column by its old name; the field lists both. */
    private static final String SPEC = """
            source: veg-test
            category: VEGETABLE
            operator: { uscc: 91310000631696382C, name: 测试蔬菜批发市场, nodeCode: "310112001", nodeType: WHOLESALE }
            files:
              - match: "交易明细_*.%s"
                format: %s
                step: WHOLESALE
                skip: { column: 交易凭证号, equals: 合计 }
                key: [交易凭证号, 追溯码]
                fields:
                  traceCode: { column: 追溯码 }
                  time: { column: 交易时间, date: "yyyy/M/d H:mm" }
                  transaction.voucherNo: { column: [凭证编号, 交易凭证号] }
                  quantity: { column: [重量(公斤), 重量(kg)], unit: 公斤 }
                  product.name: { expr: "['交易凭证号']" }
            """;

    private static final List<String> OLD_HEADER = List.of("交易凭证号", "追溯码", "交易时间", "重量(kg)");
    private static final List<String> NEW_HEADER = List.of("追溯码", "凭证编号", "交易时间", "重量(公斤)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"csv", "xlsx", "xls"})
    void aFileOfTheOldLayoutAndOneOfTheNewConvertAlikeAndTheSameRowKeepsItsEventId(String format) throws Exception {
        Path old = write("交易明细_20261101." + format, OLD_HEADER,
                List.of("PZ001", "XJ0001", "2026/11/1 6:30", "12.5"),
                List.of("合计", "", "", "12.5"));
        Path renamed = write("交易明细_20261127." + format, NEW_HEADER,
                List.of("XJ0001", "PZ001", "2026/11/1 6:30", "12.5"),
                List.of("", "合计", "", "12.5"));

        List<ConvertedRow> oldRows = convert(old, format);
        List<ConvertedRow> newRows = convert(renamed, format);

        for (List<ConvertedRow> rows : List.of(oldRows, newRows)) {
            assertThat(rows).hasSize(2);
            TraceEvent event = accepted(rows.get(0));
            assertThat(event.getTransaction().getVoucherNo()).isEqualTo("PZ001");
            assertThat(event.getQuantity().getValue()).isEqualByComparingTo("12.5");
            assertThat(event.getProduct().getName()).as("an expression reads the column by either name").isEqualTo("PZ001");
            assertThat(rows.get(1)).as("the skip rule finds its column under the new name too").isInstanceOf(ConvertedRow.Skipped.class);
        }
        ConvertedRow.Accepted before = (ConvertedRow.Accepted) oldRows.get(0);
        ConvertedRow.Accepted after = (ConvertedRow.Accepted) newRows.get(0);
        assertThat(after.event().getEventId()).isEqualTo(before.event().getEventId());
        assertThat(after.recordKey()).isEqualTo(before.recordKey());
    }

    @Test
    void aRowErrorInAFileOfTheOldLayoutNamesTheColumnByItsOldName() throws Exception {
        Path old = write("交易明细_20261101.csv", OLD_HEADER, List.of("PZ001", "XJ0001", "2026/11/1 6:30", "十二"));

        ConvertedRow row = convert(old, "csv").get(0);

        assertThat(row).isInstanceOfSatisfying(ConvertedRow.Rejected.class, r -> assertThat(r.errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("quantity");
                    assertThat(e.column()).isEqualTo("重量(kg)");
                }));
    }

    @Test
    void aHeaderHoldingTwoNamesOfOneColumnIsRefusedNamingBoth() throws Exception {
        List<String> both = List.of("交易凭证号", "追溯码", "交易时间", "重量(公斤)", "凭证编号");
        Path file = write("交易明细_20261115.csv", both, List.of("PZ001", "XJ0001", "2026/11/1 6:30", "12.5", ""));
        List<ConvertedRow> rows = new ArrayList<>();

        assertThatThrownBy(() -> conversion("csv").run(file, CONTEXT, rows::add))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_AMBIGUOUS);
                    assertThat(e.row()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("“凭证编号”和“交易凭证号”").doesNotContain("重量");
                });
        assertThat(rows).isEmpty();
    }

    @Test
    void aHeaderWithNoNameOfAColumnIsRefusedListingEveryName() throws Exception {
        MappingSpec spec = spec("csv");
        MappingEngine engine = new MappingEngine(spec, spec.files().get(0), new EventRules(CLOCK));

        assertThatThrownBy(() -> engine.checkHeader(List.of("追溯码", "交易时间", "重量(kg)")))
                .isInstanceOfSatisfying(FileLevelException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
                    assertThat(e.getMessage()).startsWith("表头（第1行）缺少列：凭证编号（或交易凭证号）；实际表头为：追溯码、交易时间、重量(kg)");
                });
    }

    private List<ConvertedRow> convert(Path file, String format) throws Exception {
        List<ConvertedRow> rows = new ArrayList<>();
        conversion(format).run(file, CONTEXT, rows::add);
        return rows;
    }

    private FileConversion conversion(String format) throws Exception {
        MappingSpec spec = spec(format);
        return new FileConversion(spec, spec.files().get(0), new EventRules(CLOCK));
    }

    private MappingSpec spec(String format) throws Exception {
        return new SpecLoader().load(Files.writeString(dir.resolve("spec.yaml"), SPEC.formatted(format, format), StandardCharsets.UTF_8));
    }

    private static TraceEvent accepted(ConvertedRow row) {
        assertThat(row).as("row outcome").isInstanceOf(ConvertedRow.Accepted.class);
        return ((ConvertedRow.Accepted) row).event();
    }

    /** A file of the format its name ends with: a header row, then the rows, every cell text. */
    @SafeVarargs
    private Path write(String name, List<String> header, List<String>... rows) throws Exception {
        Path file = dir.resolve(name);
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(List.of(rows));
        if (name.endsWith(".csv")) {
            StringBuilder csv = new StringBuilder();
            lines.forEach(line -> csv.append(String.join(",", line)).append('\n'));
            return Files.writeString(file, csv, StandardCharsets.UTF_8);
        }
        try (Workbook wb = name.endsWith(".xlsx") ? new XSSFWorkbook() : new HSSFWorkbook();
             OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("明细");
            for (int r = 0; r < lines.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < lines.get(r).size(); c++) {
                    row.createCell(c).setCellValue(lines.get(r).get(c));
                }
            }
            wb.write(out);
        }
        return file;
    }
}
