package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.JsonStrings;

/** {@code GET /api/batches/{id}/errors.xlsx}: the error report, read back with POI. */
class ErrorReportControllerTest extends ConsoleTestSupport {

    @Autowired
    BatchRepository batches;

    @Autowired
    BatchErrorRepository errors;

    @Autowired
    SpecCatalog catalog;

    @Test
    void reportHasOneRowPerRejectedRowWithRawCellsUnderTheFileHeaderAndEveryProblem() throws Exception {
        String id = ingestSample("meat-report");

        ResponseEntity<byte[]> response = http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().toEntity(byte[].class);

        assertThat(response.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment;").contains("filename*=UTF-8''");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
            Sheet rows = workbook.getSheet("被拒绝的行");
            assertThat(texts(rows.getRow(0))).containsExactly(TITLES_OF_THE_SAMPLE);
            assertThat(rows.getLastRowNum()).as("three rejected rows; the warned row 11 was accepted").isEqualTo(3);
            assertThat(List.of(rows.getRow(1).getCell(0).getNumericCellValue(), rows.getRow(2).getCell(0).getNumericCellValue(),
                    rows.getRow(3).getCell(0).getNumericCellValue())).containsExactly(5.0, 8.0, 10.0);

            Row row10 = rows.getRow(3);
            assertThat(row10.getCell(1).getStringCellValue()).isEqualTo("8");
            assertThat(row10.getCell(8).getStringCellValue()).as("the weight as sent").isEqualTo("-35");
            assertThat(texts(row10).subList(14, 18)).containsExactly("重量(斤)", "quantity", "错误", "QUANTITY_NOT_POSITIVE");
            assertThat(row10.getCell(18).getStringCellValue()).isNotBlank();
            assertThat(texts(rows.getRow(1)).subList(14, 18)).containsExactly("买方信用代码", "counterparty.uscc", "错误", "USCC_CHARACTER");
            assertThat(texts(rows.getRow(2)).subList(14, 18))
                    .containsExactly("检疫证号", "certificates.ANIMAL_QUARANTINE", "错误", "CERTIFICATE_REQUIRED");
            for (int r = 1; r <= 3; r++) {
                for (int c = 1; c < rows.getRow(r).getLastCellNum(); c++) {
                    assertThat(rows.getRow(r).getCell(c).getCellType()).as("row %d cell %d", r, c).isEqualTo(CellType.STRING);
                }
            }
            Sheet batch = workbook.getSheet("批次");
            assertThat(batch.getRow(0).getCell(1).getStringCellValue()).isEqualTo(id);
            assertThat(batch.getRow(8).getCell(1).getStringCellValue()).as("拒绝行数").isEqualTo("3");
        }
    }

    @Test
    void aBatchsReportKeepsTheTitlesOfItsFileAsConvertedAfterTheSourcesSpecChanged() throws Exception {
        String source = "meat-report-respec";
        Path specFile = SOURCES_DIR.resolve(source + ".yaml");
        String specA = builtInSpec().replace("source: meat-wholesale-xj", "source: " + source);
        assertThat(specA).contains("header: 2 ");
        Files.writeString(specFile, specA, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).until(() -> catalog.source(source).isPresent());
        String id = ingest(source, FILE, freshSample());
        // the sender dropped the title line from its exports: the spec's header row is line 1 now
        Files.writeString(specFile, specA.replace("header: 2 ", "header: 1 "), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(specFile, FileTime.from(Instant.now().plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> catalog.fileSpec(source, FILE).map(FileSpec::headerRow).orElse(0) == 1);

        assertThat(titles(report(id))).as("the titles of the file as attempt 1 read it").containsExactly(TITLES_OF_THE_SAMPLE);

        // an attempt converted before V17 has no header recorded: its report reads the header as it always did, from the
        // archived original with the source's spec of today, which here takes the report's title line for the header
        jdbc.sql("UPDATE batch SET file_header = NULL WHERE id = ?").param(id).update();
        List<String> today = titles(report(id));
        assertThat(today).hasSameSizeAs(TITLES_OF_THE_SAMPLE).startsWith("行号").doesNotContain("交易凭证号");
    }

    @Test
    void cellsThatLookLikeFormulasStayTextAndEveryProblemOfARowGetsItsOwnColumns() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        String id = BatchIds.next(now);
        batches.insertReceived(new NewBatch(id, "meat-report", "交易明细_20261128.csv", "交易明细_20261128.csv",
                "archive/none/" + id + "/交易明细_20261128.csv", 10, "f".repeat(64), Transport.HTTP, now));
        int attempt = batches.startAttempt(id);
        errors.replaceRow(id, attempt, 3, List.of(
                new RowProblem(3, "品名", "product.code", "ERROR", "LOOKUP_MISSING", "“=1+2”不在对照表中", "=1+2"),
                new RowProblem(3, "重量(斤)", "quantity", "ERROR", "NUMBER_FORMAT", "不是数字", "@SUM(A1)")),
                "[\"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\",\"+1\",null,\"-2\",\"@SUM(A1)\"]");

        byte[] body = http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().body(byte[].class);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet rows = workbook.getSheet("被拒绝的行");
            assertThat(texts(rows.getRow(0))).as("no archived file: generic column names").containsExactly("行号",
                    "第1列", "第2列", "第3列", "第4列", "第5列",
                    "问题1列", "问题1字段", "问题1级别", "问题1代码", "问题1说明",
                    "问题2列", "问题2字段", "问题2级别", "问题2代码", "问题2说明");
            Row row = rows.getRow(1);
            assertThat(texts(row).subList(1, 6)).containsExactly("=HYPERLINK(\"http://evil\",\"x\")", "+1", "", "-2", "@SUM(A1)");
            assertThat(texts(row).subList(6, 16)).containsExactly("品名", "product.code", "错误", "LOOKUP_MISSING", "“=1+2”不在对照表中",
                    "重量(斤)", "quantity", "错误", "NUMBER_FORMAT", "不是数字");
            for (int c = 1; c < row.getLastCellNum(); c++) {
                assertThat(row.getCell(c).getCellType()).as("cell %d", c).isEqualTo(CellType.STRING);
            }
        }
    }

    @Test
    void aBatchWhoseRejectedRowIsWiderThanExcelDownloadsAWorkbookThatSaysItWasCut() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        String id = BatchIds.next(now);
        batches.insertReceived(new NewBatch(id, "meat-report", "交易明细_20261129.csv", "交易明细_20261129.csv",
                "archive/none/" + id + "/交易明细_20261129.csv", 10, "e".repeat(64), Transport.HTTP, now));
        int attempt = batches.startAttempt(id);
        // an unquoted delimiter in every value: 20,000 fields, kept whole with the row's ROW_TOO_MANY_CELLS
        List<String> cells = java.util.stream.IntStream.rangeClosed(1, 20_000).mapToObj(Integer::toString).toList();
        errors.replaceRow(id, attempt, 2, List.of(new RowProblem(2, "第15列", null, "ERROR", "ROW_TOO_MANY_CELLS", "本行有20000个单元格", "15")),
                JsonStrings.array(cells));

        ResponseEntity<byte[]> response = http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().toEntity(byte[].class);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
            Sheet rows = workbook.getSheet("被拒绝的行");
            List<String> titles = texts(rows.getRow(0));
            assertThat(titles).hasSize(16_384);
            assertThat(titles.get(16_383)).startsWith("本表已截断").contains("20000");
            List<String> row = texts(rows.getRow(1));
            assertThat(row.get(0)).isEqualTo("2");
            assertThat(row.subList(16_378, 16_382)).containsExactly("第15列", "", "错误", "ROW_TOO_MANY_CELLS");
        }
    }

    @Test
    void unknownBatchIsAProblemDocument() {
        Map<String, Object> problem = http().get().uri("/api/batches/{id}/errors.xlsx", "20260101-00000000aa")
                .exchange((req, res) -> {
                    assertThat(res.getStatusCode().value()).isEqualTo(404);
                    assertThat(res.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
                    return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
                });
        assertThat(problem).containsEntry("code", "BATCH_NOT_FOUND").containsEntry("status", 404);
    }

    private static final String FILE = "交易明细_20261127.csv";
    private static final String[] TITLES_OF_THE_SAMPLE = {"行号", "序号", "交易凭证号", "追溯码", "交易时间", "买方名称", "买方信用代码",
            "品名", "重量(斤)", "单价(元/斤)", "检疫证号", "肉品品质检验证号", "进场批次号", "产地",
            "问题1列", "问题1字段", "问题1级别", "问题1代码", "问题1说明"};

    private byte[] report(String id) {
        return http().get().uri("/api/batches/{id}/errors.xlsx", id).retrieve().body(byte[].class);
    }

    /** The titles of the report's rows sheet. */
    private static List<String> titles(byte[] report) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            return texts(workbook.getSheet("被拒绝的行").getRow(0));
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            texts.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC ? String.valueOf((long) cell.getNumericCellValue())
                    : cell.getStringCellValue());
        }
        return texts;
    }
}
