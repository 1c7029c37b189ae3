package org.tracehub.hub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.schemas.validation.RowNumbering;

/** The error report workbook of a batch in a real (H2) store, read back with POI. */
class ErrorReportWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path db;

    private BatchRepository batches;
    private BatchErrorRepository errors;
    private ErrorReportWriter writer;

    @BeforeEach
    void store() {
        DriverManagerDataSource store = new DriverManagerDataSource("jdbc:h2:file:" + db.resolve("tracehub"), "sa", "");
        Flyway.configure().dataSource(store).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(store);
        batches = new BatchRepository(jdbc, new InsertIfAbsent(store), CLOCK);
        errors = new BatchErrorRepository(new JdbcTemplate(store));
        writer = new ErrorReportWriter(new RejectedRowSource(jdbc));
    }

    @Test
    void headsTheRowsOfAnXmlExportWhoseRecordsShareLinesAsRecordNumbersAndThoseOfOtherFilesAsLineNumbers() throws Exception {
        Batch oneLineXml = batchWithARejectedRow("20261127-0000000001", "批次_20261127.xml", RowNumbering.RECORDS);
        Batch csv = batchWithARejectedRow("20261127-0000000002", "交易明细_20261127.csv", RowNumbering.LINES);

        assertThat(titles(oneLineXml)).startsWith("记录号", "@id");
        assertThat(titles(csv)).startsWith("行号", "@id");
    }

    private Batch batchWithARejectedRow(String id, String fileName, RowNumbering numbering) {
        batches.insertReceived(new NewBatch(id, "dairy-plant-pujiang", fileName, fileName, "archive/" + id + "/" + fileName, 1,
                id.repeat(4).substring(0, 64), Transport.SFTP, OffsetDateTime.now(CLOCK)));
        int attempt = batches.startAttempt(id);
        batches.recordFileHeader(id, attempt, List.of("@id"), numbering);
        errors.append(id, attempt, new RowProblem(57, "@id", "traceCode", "ERROR", "TRACE_CODE_REQUIRED", "缺少追溯码", null));
        return batches.findById(id).orElseThrow();
    }

    private List<String> titles(Batch batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(batch, List.of("@id"), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet rows = workbook.getSheet(ErrorReportWriter.ROWS_SHEET);
            assertThat(rows.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(57);
            Row head = rows.getRow(0);
            return java.util.stream.IntStream.range(0, head.getLastCellNum()).mapToObj(i -> head.getCell(i).getStringCellValue()).toList();
        }
    }
}
