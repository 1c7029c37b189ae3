package org.tracehub.hub.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tracehub.hub.MigratedStore;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchCounts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.sql.JsonStrings;
import org.tracehub.routes.receipt.Receipt;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;

/** The error report workbook of a batch in a real (H2) store, read back with POI. */
class ErrorReportWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path db;

    private DataSource store;
    private BatchRepository batches;
    private BatchErrorRepository errors;
    private BatchAttempts attempts;
    private ErrorReportWriter writer;

    @BeforeEach
    void store() {
        store = new DriverManagerDataSource(MigratedStore.in(db), "sa", "");
        JdbcClient jdbc = JdbcClient.create(store);
        batches = new BatchRepository(jdbc, new InsertIfAbsent(store), CLOCK);
        errors = new BatchErrorRepository(new JdbcTemplate(store));
        attempts = new BatchAttempts(jdbc, CLOCK, batches);
        writer = new ErrorReportWriter(new RejectedRowSource(jdbc));
    }

    @Test
    void headsTheRowsOfAnXmlExportWhoseRecordsShareLinesAsRecordNumbersAndThoseOfOtherFilesAsLineNumbers() throws Exception {
        Batch oneLineXml = batchWithARejectedRow("20261127-0000000001", "批次_20261127.xml", RowNumbering.RECORDS);
        Batch csv = batchWithARejectedRow("20261127-0000000002", "交易明细_20261127.csv", RowNumbering.LINES);

        assertThat(titles(oneLineXml)).startsWith("记录号", "@id");
        assertThat(titles(csv)).startsWith("行号", "@id");
    }

    @Test
    void emptyCellsAfterARowsLastValueMakeNoColumns() throws Exception {
        // an XLSX row runs to its last styled cell: a border across row 5 to XFD gives every row 16,384 cells
        List<String> header = new ArrayList<>(Collections.nCopies(ErrorReportWriter.MAX_COLUMNS, (String) null));
        header.set(0, "@id");
        List<String> cells = new ArrayList<>(Collections.nCopies(ErrorReportWriter.MAX_COLUMNS, ""));
        cells.set(0, "A-1");
        cells.set(2, "35");
        Batch batch = batchWithRejectedRows("20261127-0000000003", 1, cells);

        try (XSSFWorkbook workbook = report(batch, header)) {
            Sheet rows = workbook.getSheet(ErrorReportWriter.ROWS_SHEET);
            assertThat(texts(rows.getRow(0))).containsExactly("行号", "@id", "第2列", "第3列",
                    "问题1列", "问题1字段", "问题1级别", "问题1代码", "问题1说明");
            assertThat(texts(rows.getRow(1)).subList(1, 8)).containsExactly("A-1", "", "35", "@id", "traceCode", "错误", "TRACE_CODE_REQUIRED");
        }
    }

    @Test
    void aRowWiderThanExcelKeepsItsProblemsAndTheCellsThatFitAndTheLastTitleSaysItWasCut() throws Exception {
        // a CSV row of 20,000 fields (ROW_TOO_MANY_CELLS keeps them all) fits in a line of 100,000 characters
        int fields = 20_000;
        List<String> cells = java.util.stream.IntStream.rangeClosed(1, fields).mapToObj(Integer::toString).toList();
        Batch batch = batchWithRejectedRows("20261127-0000000004", 1, cells);

        try (XSSFWorkbook workbook = report(batch, List.of("@id"))) {
            Sheet rows = workbook.getSheet(ErrorReportWriter.ROWS_SHEET);
            List<String> titles = texts(rows.getRow(0));
            int shown = ErrorReportWriter.MAX_COLUMNS - 1 - 5 - 1;
            assertThat(titles).hasSize(ErrorReportWriter.MAX_COLUMNS);
            assertThat(titles.subList(shown - 1, shown + 1)).containsExactly("第" + (shown - 1) + "列", "第" + shown + "列");
            assertThat(titles.subList(shown + 1, shown + 6)).containsExactly("问题1列", "问题1字段", "问题1级别", "问题1代码", "问题1说明");
            assertThat(titles.get(titles.size() - 1)).startsWith("本表已截断").contains(Integer.toString(fields), Integer.toString(shown));
            List<String> row = texts(rows.getRow(1));
            assertThat(row.get(shown)).isEqualTo(Integer.toString(shown));
            assertThat(row.subList(shown + 1, shown + 5)).containsExactly("@id", "traceCode", "错误", "TRACE_CODE_REQUIRED");
        }
    }

    @Test
    void aReportOfManyWideRejectedRowsReadsThemAPageAtATime() throws Exception {
        // embedded H2 builds a query's whole result in the heap whatever the fetch size: one query over every rejected
        // row's cells holds them all at once. Pages of 20,000 characters here, of 2,000,000 in the hub.
        int pageCharacters = 20_000;
        int rejected = 60;
        List<String> cells = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(c -> "第" + c + "格").toList();
        Batch batch = batchWithRejectedRows("20261127-0000000005", rejected, cells);
        assertThat((long) rejected * JsonStrings.array(cells).length()).isGreaterThan(4L * pageCharacters);
        ResultSizes results = new ResultSizes();
        ErrorReportWriter measured = new ErrorReportWriter(new RejectedRowSource(JdbcClient.create(results.around(store)), pageCharacters));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        measured.write(receipt(batch), List.of("@id"), out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet rows = workbook.getSheet(ErrorReportWriter.ROWS_SHEET);
            assertThat(rows.getLastRowNum()).as("every rejected row").isEqualTo(rejected);
            assertThat(texts(rows.getRow(rejected)).subList(0, 3)).containsExactly(Integer.toString(rejected), "第1格", "第2格");
        }
        assertThat(results.largest).as("the characters of the largest query result").isLessThanOrEqualTo(pageCharacters);
    }

    @Test
    void aFileRefusedForTooManyRejectedRowsSaysWhyOnItsBatchSheet() throws Exception {
        Batch staged = batchWithRejectedRows("20261127-0000000006", 3, List.of("A-1"));
        batches.markStaged(staged.id(), 1, new BatchCounts(10, 7, 3, 0, 0), "UTF-8");
        String reason = "被拒绝的行数（3/10）超过本来源允许的比例20%，整个文件未入库；请修正后重新发送";
        batches.markFailed(staged.id(), 1, ErrorCodes.REJECT_THRESHOLD, reason);

        try (XSSFWorkbook workbook = report(batches.findById(staged.id()).orElseThrow(), List.of("@id"))) {
            java.util.Map<String, List<String>> sheet = batchSheet(workbook);
            assertThat(sheet.get("状态")).containsExactly("处理失败");
            assertThat(sheet.get("接受行数")).containsExactly("7");
            assertThat(sheet.get("原因")).containsExactly(ErrorCodes.REJECT_THRESHOLD, reason);
            assertThat(sheet).doesNotContainKey("库中数据");
        }
    }

    @Test
    void aFileTheReaderRefusedPartWaySaysTheRowsListedAreOnlyThoseReadBeforeIt() throws Exception {
        Batch read = batchWithRejectedRows("20261127-0000000007", 2, List.of("A-1"));
        String reason = "第5000行：引号未闭合。整个文件未被接收（行数均记为0）；下列行问题只是读到此处之前发现的，"
                + "不是全部问题，请一并改正后重新发送整个文件";
        batches.markFailed(read.id(), 1, ErrorCodes.FILE_MALFORMED, reason);

        try (XSSFWorkbook workbook = report(batches.findById(read.id()).orElseThrow(), List.of("@id"))) {
            assertThat(workbook.getSheet(ErrorReportWriter.ROWS_SHEET).getLastRowNum()).as("the rows read before").isEqualTo(2);
            assertThat(batchSheet(workbook).get("原因")).containsExactly(ErrorCodes.FILE_MALFORMED, reason);
            assertThat(batchSheet(workbook)).as("its own reason says its counts are 0").doesNotContainKey("说明");
        }
    }

    @Test
    void aRunTheHubStoppedPartWaySaysItsCountsAreNotFinalAndWhenTheReportWasWritten() throws Exception {
        Batch stopped = batchWithRejectedRows("20261127-0000000010", 2, List.of("A-1"));
        batches.markFailed(stopped.id(), 1, ErrorCodes.PROCESSING_ERROR, "平台处理时出错，管理员将排查并重试，您无需重新发送");

        try (XSSFWorkbook workbook = report(batches.findById(stopped.id()).orElseThrow(), List.of("@id"))) {
            java.util.Map<String, List<String>> sheet = batchSheet(workbook);
            assertThat(sheet.get("读取行数")).containsExactly("0");
            assertThat(sheet.get("说明")).containsExactly(Receipt.COUNTS_NOT_FINAL);
            assertThat(sheet.get("回执时间")).containsExactly("2026-11-28T08:00:00+08:00");
        }
    }

    @Test
    void explainsTheSkippedRowsByReasonOnALineBelowTheirCount() throws Exception {
        Batch batch = batchWithRejectedRows("20261127-0000000011", 1, List.of("A-1"));
        batches.markStaged(batch.id(), 1, new BatchCounts(1, 0, 1, 3, 0),
                SkipReasons.NONE.plus("空行").plus("序号=合计").plus("空行"), "UTF-8");

        try (XSSFWorkbook workbook = report(batches.findById(batch.id()).orElseThrow(), List.of("@id"))) {
            assertThat(batchSheet(workbook).get("跳过行数")).containsExactly("3");
            assertThat(batchSheet(workbook).get("跳过原因")).containsExactly("空行 2，序号=合计 1");
        }
    }

    @Test
    void aFailedReprocessSaysOnItsBatchSheetThatTheEarlierAttemptsDataStandsAsItsReceiptDoes() throws Exception {
        Batch first = batchWithRejectedRows("20261127-0000000008", 1, List.of("A-1"));
        attempts.markLoaded(first.id(), 1);
        int second = batches.startAttempt(first.id());
        batches.markFailed(first.id(), second, ErrorCodes.FILE_MALFORMED, "第12行：引号未闭合");
        Batch reprocessed = batches.findById(first.id()).orElseThrow();

        try (XSSFWorkbook workbook = report(reprocessed, List.of("@id"))) {
            assertThat(batchSheet(workbook).get("库中数据")).containsExactly(receipt(reprocessed).earlierLoadText())
                    .allSatisfy(text -> assertThat(text).contains("第1次处理入库的数据仍然有效"));
        }
    }

    @Test
    void aLoadedBatchsSheetGivesNoReason() throws Exception {
        Batch batch = batchWithRejectedRows("20261127-0000000009", 1, List.of("A-1"));
        attempts.markLoaded(batch.id(), 1);

        try (XSSFWorkbook workbook = report(batches.findById(batch.id()).orElseThrow(), List.of("@id"))) {
            java.util.Map<String, List<String>> sheet = batchSheet(workbook);
            assertThat(sheet.get("状态")).containsExactly("已入库");
            assertThat(sheet).doesNotContainKeys("原因", "库中数据");
        }
    }

    /** The receipt the hub would send of the batch as it is now, as the error report's controller builds it. */
    private Receipt receipt(Batch batch) {
        return Receipt.of(batch, errors, attempts, CLOCK);
    }

    /** The 批次 sheet as label → its values. */
    private static java.util.Map<String, List<String>> batchSheet(XSSFWorkbook workbook) {
        java.util.Map<String, List<String>> lines = new java.util.LinkedHashMap<>();
        for (Row row : workbook.getSheet(ErrorReportWriter.BATCH_SHEET)) {
            List<String> cells = texts(row);
            lines.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return lines;
    }

    /** Rejected rows 1..n of a new batch, each with the same cells and one error. */
    private Batch batchWithRejectedRows(String id, int n, List<String> cells) {
        String fileName = "交易明细_20261127.csv";
        batches.insertReceived(new NewBatch(id, "dairy-plant-pujiang", fileName, fileName, "archive/" + id + "/" + fileName, 1,
                id.repeat(4).substring(0, 64), Transport.SFTP, OffsetDateTime.now(CLOCK)));
        int attempt = batches.startAttempt(id);
        String json = JsonStrings.array(cells);
        List<BatchErrorRepository.RowRecord> records = new ArrayList<>();
        for (long row = 1; row <= n; row++) {
            records.add(new BatchErrorRepository.RowRecord(row,
                    List.of(new RowProblem(row, "@id", "traceCode", "ERROR", "TRACE_CODE_REQUIRED", "缺少追溯码", null)), json));
        }
        errors.replaceRange(id, attempt, 1, n, records);
        return batches.findById(id).orElseThrow();
    }

    private XSSFWorkbook report(Batch batch, List<String> header) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(receipt(batch), header, out);
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<String> texts(Row row) {
        return java.util.stream.IntStream.range(0, row.getLastCellNum()).mapToObj(i -> {
            Cell cell = row.getCell(i);
            return cell == null ? "" : cell.getCellType() == CellType.NUMERIC ? Long.toString((long) cell.getNumericCellValue())
                    : cell.getStringCellValue();
        }).toList();
    }

    /** The characters of text each query result gave the report, the largest kept: what the driver held at once. */
    private static final class ResultSizes {
        long largest;

        DataSource around(DataSource store) {
            return wrap(DataSource.class, store, (method, connection) -> !method.getName().equals("getConnection") ? connection
                    : wrap(Connection.class, (Connection) connection, (m, statement) -> !m.getName().equals("prepareStatement") ? statement
                            : wrap(PreparedStatement.class, (PreparedStatement) statement,
                                    (q, result) -> q.getName().equals("executeQuery") ? counted((ResultSet) result) : result)));
        }

        private ResultSet counted(ResultSet result) {
            long[] chars = {0};
            return wrap(ResultSet.class, result, (method, value) -> {
                if (value instanceof String text && method.getName().equals("getString")) {
                    chars[0] += text.length();
                } else if (method.getName().equals("close")) {
                    largest = Math.max(largest, chars[0]);
                }
                return value;
            });
        }

        @SuppressWarnings("unchecked")
        private static <T> T wrap(Class<T> type, T target, BiFunction<Method, Object, Object> after) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                try {
                    return after.apply(method, method.invoke(target, args));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
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
        writer.write(receipt(batch), List.of("@id"), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet rows = workbook.getSheet(ErrorReportWriter.ROWS_SHEET);
            assertThat(rows.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(57);
            Row head = rows.getRow(0);
            return java.util.stream.IntStream.range(0, head.getLastCellNum()).mapToObj(i -> head.getCell(i).getStringCellValue()).toList();
        }
    }
}
