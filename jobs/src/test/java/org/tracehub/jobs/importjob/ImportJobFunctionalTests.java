package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.samples.SampleCorpus;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * What the import job does with one batch, end to end inside the module: exact counts, what is
 * loaded and what is kept of rejected rows, the report on the completed topic, the file-level
 * failures and their codes, the reject threshold, reprocessing and idempotent loading.
 */
class ImportJobFunctionalTests extends ImportJobTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    JmsTemplate jmsTemplate;

    @Test
    void loadsAcceptedRowsAndRecordsRejectedOnesWithExactCounts() throws Exception {
        String batchId = receiveSample();

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stepNames(execution)).containsExactly(
                ImportJobConfiguration.CONVERT_STEP, ImportJobConfiguration.STAGE_STEP, ImportJobConfiguration.LOAD_STEP,
                ImportJobConfiguration.RECEIPT_STEP);
        assertThat(step(execution, ImportJobConfiguration.STAGE_STEP).getExitStatus().getExitCode()).isEqualTo(StageOutcomeTasklet.LOAD);
        // the totals row is skipped inside the reader: ten records reach the writer (in runs of 3, 3, 3 and 1), seven reach the store
        assertThat(step(execution, ImportJobConfiguration.CONVERT_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).isEqualTo(4);
            assertThat(s.getWriteCount()).isEqualTo(4);
            assertThat(s.getExecutionContext().getLong(ConvertingReader.CONSUMED)).isEqualTo(11);
            assertThat(s.getExecutionContext().getLong(ConvertingReader.SKIPPED)).isEqualTo(1);
        });
        assertThat(step(execution, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).isEqualTo(7);
            assertThat(s.getWriteCount()).isEqualTo(7);
        });

        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(batch.encoding()).isEqualTo("GB18030");
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsSkipped(), batch.rowsWarned()))
                .containsExactly(10L, 7L, 3L, 1L, 1L);
        assertThat(batch.failureCode()).isNull();

        // exactly the accepted rows are loaded, each with its provenance: this batch, attempt 1, its file row
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(jdbc.sql("SELECT trace_code FROM trace_event WHERE batch_id = ? AND source_id = ? ORDER BY row_no")
                .params(batchId, SOURCE).query(String.class).list()).containsExactly(
                "XJM2611270001", "XJM2611270002", "XJM2611270004", "XJM2611270005", "XJM2611270007", "XJM2611270009",
                "XJM2611270010");
        // row 4 names two input lots (split on ';'), every other accepted row one
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isEqualTo(8);
        assertThat(jdbc.sql("SELECT input_code FROM trace_link WHERE trace_code = 'XJM2611270002' ORDER BY input_code")
                .query(String.class).list()).containsExactly("TZ2611260088", "TZ2611260091");

        // every problem with row, column, severity, code and the cell as typed
        assertThat(errors.problemsOf(batchId, 1))
                .extracting(RowProblem::row, RowProblem::column, RowProblem::severity, RowProblem::code, RowProblem::rawValue)
                .containsExactly(
                        tuple(5L, "买方信用代码", "ERROR", "USCC_CHARACTER", "9131011508799493IO"),
                        tuple(8L, "检疫证号", "ERROR", "CERTIFICATE_REQUIRED", ""),
                        tuple(10L, "重量(斤)", "ERROR", "QUANTITY_NOT_POSITIVE", "-35"),
                        tuple(11L, "买方信用代码", "WARNING", "USCC_CHECK_DIGIT", "91350100M0001TGQXM"));
        assertThat(errors.problemsOf(batchId, 1)).allSatisfy(p -> assertThat(p.message()).isNotBlank());

        // a rejected row is kept whole, cell by cell as read; an accepted row with a warning is not; the header row as
        // read is kept with the attempt, for the titles of the error report
        assertThat(batches.fileHeader(batchId, 1)).hasValue(List.of(HEADER.split(",")));
        Map<Long, List<String>> rejected = rejectedRows(batchId, 1);
        assertThat(rejected).containsOnlyKeys(5L, 8L, 10L);
        assertThat(rejected.get(5L)).containsExactly("3", "XJ20261127003", "XJM2611270003", "2026/11/27 3:40", "上海闵行区莘庄农贸市场",
                "9131011508799493IO", "猪五花肉", "88", "17.50", "3100123458", "310012611270003", "TZ2611260091", "370283");
        assertThat(rejected.get(8L)).containsExactly("6", "XJ20261127006", "XJM2611270006", "2026/11/27 4:31", "上海杨浦区五角场菜市场",
                "91310110666007217T", "猪后腿肉", "64.5", "15.60", "", "", "TZ2611260093", "341122");
        assertThat(rejected.get(10L)).containsExactly("8", "XJ20261127008", "XJM2611270008", "2026/11/27 5:02", "上海联家超市有限公司",
                "91310112087994932F", "猪五花肉", "-35", "17.20", "3100123462", "310012611270008", "TZ2611260091", "370283");

        // staging holds the attempt's accepted events until a newer attempt replaces them
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = 1", batchId)).isEqualTo(7);
    }

    @Test
    void publishesTheOutcomeOnTheCompletedTopic() throws Exception {
        String batchId = receiveSample();

        try (CompletedTopic topic = subscribe(batchId)) {
            JobExecution execution = launcher.run(batchId);
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

            TextMessage message = topic.next(TIMEOUT);
            assertThat(message.getStringProperty(BatchMessaging.BATCH_ID_PROPERTY)).isEqualTo(batchId);
            assertThat(message.getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
            DocumentContext json = JsonPath.parse(message.getText());
            assertThat(json.read("$.batchId", String.class)).isEqualTo(batchId);
            assertThat(json.read("$.sourceId", String.class)).isEqualTo(SOURCE);
            assertThat(json.read("$.status", String.class)).isEqualTo("LOADED");
            assertThat(json.read("$.attempt", Integer.class)).isEqualTo(1);
            assertThat(List.of(json.read("$.read", Integer.class), json.read("$.accepted", Integer.class),
                    json.read("$.rejected", Integer.class), json.read("$.skipped", Integer.class), json.read("$.warned", Integer.class)))
                    .containsExactly(10, 7, 3, 1, 1);
            assertThat(json.read("$", Map.class)).doesNotContainKey("failureCode");
        }
    }

    @Test
    void fileInAnotherEncodingThanDeclaredFailsTheBatchWithItsCode() throws Exception {
        // a UTF-8 byte-order mark in front of GB18030 text: the mark declares UTF-8, the bytes are not
        byte[] gb = sampleText().getBytes(GB18030);
        byte[] content = new byte[gb.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(gb, 0, content, 3, gb.length);
        String batchId = receive(FILE_NAME, content);

        try (CompletedTopic topic = subscribe(batchId)) {
            JobExecution execution = importNewAttempt(batchId);

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(stepNames(execution)).containsExactly(ImportJobConfiguration.CONVERT_STEP);
            Batch batch = batch(batchId);
            assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
            assertThat(batch.failureCode()).isEqualTo("FILE_ENCODING");
            assertThat(batch.failureMessage()).contains("第1行").contains("UTF-8")
                    .doesNotContain(ImportFailureListener.PROBLEMS_BEFORE_REFUSAL);
            assertThatNothingWasStagedOrLoaded(batchId);

            TextMessage message = topic.next(TIMEOUT);
            assertThat(message.getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            assertThat(JsonPath.parse(message.getText()).read("$.failureCode", String.class)).isEqualTo("FILE_ENCODING");
        }
    }

    @Test
    void aFileRefusedPartWaySaysItsListedRowProblemsAreOnlyThoseFoundBeforeTheRefusal() throws Exception {
        // the sample's ten records (three refused) and 600 more, then a byte no GB18030 text has: the first chunk of
        // 500 rows committed its rows' problems before the reader refused the file
        String text = sampleText();
        String data = text.substring(text.indexOf(HEADER) + HEADER.length()).strip() + "\r\n";
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(text.strip().concat("\r\n").getBytes(GB18030));
        for (int i = 0; i < 60; i++) {
            file.write(data.getBytes(GB18030));
        }
        long badLine = file.toString(GB18030).lines().count() + 1;
        file.write(new byte[] {'9', '9', ',', (byte) 0xFF, '\r', '\n'});
        String batchId = receive(FILE_NAME, file.toByteArray());

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);

        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).isEqualTo("FILE_ENCODING");
        assertThat(batch.failureMessage()).contains("第" + badLine + "行").endsWith(ImportFailureListener.PROBLEMS_BEFORE_REFUSAL);
        assertThat(errors.problemsOf(batchId, 1)).isNotEmpty();
        assertThat(traceEvents()).as("nothing of a refused file is loaded").isZero();
    }

    @Test
    void fileWithoutAColumnTheSpecReadsFailsWithHeaderMissing() throws Exception {
        // the sender's system renamed a column the spec reads (检疫证号 → 检疫证编号)
        String text = sampleText().replace(",检疫证号,", ",检疫证编号,");
        String batchId = receive(FILE_NAME, utf8(text));

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo("FILE_HEADER_MISSING");
        assertThat(batch.failureMessage()).contains("检疫证号");
        assertThatNothingWasStagedOrLoaded(batchId);
    }

    @Test
    void aRecordTwiceInOneFileKeepsTheLaterRowAndSaysSoOnIt() throws Exception {
        String repeated = "3" + record(1, "120", "3100123459", "310012611270009").substring(1);
        String batchId = receive(FILE_NAME, utf8(export(
                record(1, "100", "3100123456", "310012611270001"),
                record(2, "80", "3100123457", "310012611270002"),
                repeated)));

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsWarned()))
                .containsExactly(3L, 3L, 0L, 1L);
        assertThat(errors.problemsOf(batchId, 1)).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(5);
            assertThat(p.severity()).isEqualTo("WARNING");
            assertThat(p.code()).isEqualTo("RECORD_REPEATED");
            assertThat(p.message()).isEqualTo("与第3行是同一条记录（唯一标识相同）：以本行为准，第3行的数据已被替换");
        });
        assertThat(traceEvents()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT row_no FROM trace_event WHERE trace_code = 'XJM2611279001'").query(Long.class).single()).isEqualTo(5);
    }

    /**
     * An XML export's rows are the lines its records begin on, everywhere they show: problems, kept rows, staged and
     * loaded events, and the repeated-record warning that names the earlier row. Chunks of 3 records span rows 11-41,
     * 56-86 …, with gaps between them that no other chunk's rows fall into.
     */
    @Test
    void numbersTheRowsOfAnXmlExportByTheLinesItsRecordsBeginOn() throws Exception {
        String sample = xmlSampleText();
        int first = sample.indexOf("    <elevator_maint_info_base seq=\"1\">");
        String firstRecord = sample.substring(first, sample.indexOf("</elevator_maint_info_base>", first) + "</elevator_maint_info_base>\r\n".length());
        // the first record sent again at the end: the same maintenance (maint_id), begun on line 191
        String text = sample.replace("  </body>", firstRecord + "  </body>");
        assertThat(text.substring(0, text.lastIndexOf("<elevator_maint_info_base")).split("\n", -1)).hasSize(191);
        String batchId = receiveXml(text);

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsSkipped()))
                .as("counted by records, not by row numbers").containsExactly(13L, 10L, 3L, 0L);
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row, RowProblem::code).containsExactly(
                tuple(56L, "USCC_CHECK_DIGIT"),
                tuple(71L, "USCC_CHECK_DIGIT"),
                tuple(86L, "DATE_FORMAT"),
                tuple(116L, "LOOKUP_MISSING"),
                tuple(146L, "USCC_CHARACTER"),
                tuple(191L, "RECORD_REPEATED"));
        assertThat(errors.problemsOf(batchId, 1)).filteredOn(p -> p.code().equals("RECORD_REPEATED")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("与第11行是同一条记录（唯一标识相同）：以本行为准，第11行的数据已被替换"));
        assertThat(batch.rowNumbering()).isEqualTo(RowNumbering.LINES);
        assertThat(rejectedRows(batchId, 1)).containsOnlyKeys(86L, 116L, 146L);
        assertThat(rejectedRows(batchId, 1).get(86L)).contains("HS-WB-20261126-006", "2026-11-31");
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = 1", batchId)).isEqualTo(10);
        assertThat(provenance(batchId)).extracting(p -> p.get(0)).containsExactly(26L, 41L, 56L, 71L, 101L, 131L, 161L, 176L, 191L);
    }

    /**
     * The same export written without line breaks: its records share one line, so its rows are the records' ordinals,
     * the batch says so for the receipt to label them 记录号, and the repeated-record warning names a record, not a line.
     */
    @Test
    void numbersTheRowsOfAnXmlExportWrittenOnOneLineByItsRecordsAndRecordsThatWithTheBatch() throws Exception {
        String sample = xmlSampleText();
        int first = sample.indexOf("    <elevator_maint_info_base seq=\"1\">");
        String firstRecord = sample.substring(first, sample.indexOf("</elevator_maint_info_base>", first) + "</elevator_maint_info_base>".length());
        String oneLine = sample.replace("  </body>", firstRecord + "  </body>").replaceAll("\\r?\\n\\s*", "");
        String batchId = receiveXml(oneLine);

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch batch = batch(batchId);
        assertThat(batch.rowNumbering()).isEqualTo(RowNumbering.RECORDS);
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row, RowProblem::code).containsExactly(
                tuple(4L, "USCC_CHECK_DIGIT"),
                tuple(5L, "USCC_CHECK_DIGIT"),
                tuple(6L, "DATE_FORMAT"),
                tuple(8L, "LOOKUP_MISSING"),
                tuple(10L, "USCC_CHARACTER"),
                tuple(13L, "RECORD_REPEATED"));
        assertThat(errors.problemsOf(batchId, 1)).filteredOn(p -> p.code().equals("RECORD_REPEATED")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("与第1条记录是同一条记录（唯一标识相同）：以本条记录为准，第1条记录的数据已被替换"));
    }

    /**
     * Rows hidden in a workbook (by hand or by an AutoFilter) are loaded, and their ROW_HIDDEN warning is stored where the
     * other warnings are (the receipt, the API and the console read batch_error): a hidden accepted row counts as warned,
     * a hidden rejected row lists it beside its error.
     */
    @Test
    void loadsHiddenWorkbookRowsAndRecordsTheirWarningWithTheOtherProblems() throws Exception {
        String file = "江桥肉类交易日报_20261127.xlsx";
        ByteArrayOutputStream hidden = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(SampleCorpus.bytes("meat/meat-wholesale-jiangqiao/input/" + file)))) {
            Sheet trades = wb.getSheet("交易明细");
            for (int row : new int[] {4, 10, 14}) {   // a clean row, a rejected one, one with REGION_NOT_CURRENT
                trades.getRow(row - 1).setZeroHeight(true);
            }
            wb.write(hidden);
        }
        String batchId = receive("meat-wholesale-jiangqiao", file, hidden.toByteArray());

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsWarned()))
                .as("hidden rows read and loaded like the others").containsExactly(14L, 12L, 2L, 4L);
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row, RowProblem::severity, RowProblem::code).containsExactly(
                tuple(4L, "WARNING", "ROW_HIDDEN"),
                tuple(8L, "ERROR", "DATE_FORMAT"),
                tuple(9L, "WARNING", "USCC_ORG_CODE_CHECK"),
                tuple(10L, "WARNING", "ROW_HIDDEN"), tuple(10L, "ERROR", "QUANTITY_NOT_POSITIVE"),
                tuple(14L, "WARNING", "ROW_HIDDEN"), tuple(14L, "WARNING", "REGION_NOT_CURRENT"),
                tuple(15L, "WARNING", "USCC_ORG_CODE_CHECK"), tuple(15L, "WARNING", "INPUT_IS_SELF"));
        assertThat(provenance(batchId)).extracting(p -> p.get(0)).contains(4L, 14L).doesNotContain(10L);
    }

    @Test
    void rejectThresholdFailsTheWholeFileAndLoadsNothing() throws Exception {
        String batchId = receive(FILE_NAME, utf8(export(
                record(1, "100", "3100123456", "310012611270001"),
                record(2, "-1", "3100123457", "310012611270002"),   // QUANTITY_NOT_POSITIVE
                record(3, "0", "3100123458", "310012611270003"),    // QUANTITY_NOT_POSITIVE
                record(4, "50", "", ""))));                          // CERTIFICATE_REQUIRED

        try (CompletedTopic topic = subscribe(batchId)) {
            JobExecution execution = importNewAttempt(batchId);

            // the job itself succeeds: it decided not to load, and said so
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(stepNames(execution)).containsExactly(
                    ImportJobConfiguration.CONVERT_STEP, ImportJobConfiguration.STAGE_STEP, ImportJobConfiguration.RECEIPT_STEP);
            assertThat(step(execution, ImportJobConfiguration.STAGE_STEP).getExitStatus().getExitCode())
                    .isEqualTo(StageOutcomeTasklet.REJECTED);

            Batch batch = batch(batchId);
            assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
            assertThat(batch.failureCode()).isEqualTo("REJECT_THRESHOLD");
            assertThat(batch.failureMessage()).contains("3/4").contains("50%");
            assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(4L, 1L, 3L);
            assertThat(traceEvents()).isZero();
            // the sender still learns which rows were bad
            assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row, RowProblem::code).containsExactly(
                    tuple(4L, "QUANTITY_NOT_POSITIVE"), tuple(5L, "QUANTITY_NOT_POSITIVE"), tuple(6L, "CERTIFICATE_REQUIRED"));

            TextMessage message = topic.next(TIMEOUT);
            assertThat(message.getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            assertThat(JsonPath.parse(message.getText()).read("$.failureCode", String.class)).isEqualTo("REJECT_THRESHOLD");
        }
    }

    @Test
    void rowsRefusedOnlyByAFailingMappingRuleDoNotAskTheSenderToResend() throws Exception {
        String batchId = receive(ImportJobTestApplication.FAILING_RULE_SOURCE, FILE_NAME, SampleCorpus.bytes(SAMPLE));

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).isEqualTo(ErrorCodes.REJECT_THRESHOLD);
        // the sample's rows 5, 8 and 10 are refused for their own faults as well: the other seven by the rule alone
        assertThat(batch.failureMessage()).isEqualTo("被拒绝的行数（10/10）超过本来源允许的比例50%，整个文件未入库；其中7行被拒绝只是因为"
                + "映射规则计算出错（平台映射规则的问题，不是文件内容的问题），平台管理员修正映射规则后将重新处理此文件，您无需重新发送");
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::code).contains(ErrorCodes.EXPRESSION_FAILED);
    }

    @Test
    void exactlyHalfTheRowsRejectedIsStillWithinTheThreshold() throws Exception {
        String batchId = receive(FILE_NAME, utf8(export(
                record(1, "100", "3100123456", "310012611270001"),
                record(2, "-1", "3100123457", "310012611270002"),
                record(3, "80", "3100123458", "310012611270003"),
                record(4, "50", "", ""))));

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.encoding()).isEqualTo("UTF-8");
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(4L, 2L, 2L);
        assertThat(provenance(batchId)).containsExactly(List.of(3L, 1L), List.of(5L, 1L));
    }

    @Test
    void fileWithoutDataRowsFailsAsEmpty() throws Exception {
        String batchId = receive(FILE_NAME, utf8(export("合计,,,,,,,0,,,,,")));

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo("FILE_EMPTY");
        assertThat(List.of(batch.rowsRead(), batch.rowsSkipped())).containsExactly(0L, 1L);
        assertThat(traceEvents()).isZero();
    }

    @Test
    void aFileWhoseEveryRowTheSpecsSkipRulesSkipIsRefusedNamingTheRulesAndWhomToAsk() throws Exception {
        String batchId = receive(FILE_NAME, utf8(export("合计,,,,,,,0,,,,,", ",,,,,,,,,,,,", "合计,,,,,,,0,,,,,")));

        importNewAttempt(batchId);

        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).as("the code stays").isEqualTo("FILE_EMPTY");
        assertThat(List.of(batch.rowsRead(), batch.rowsSkipped())).containsExactly(0L, 3L);
        assertThat(batch.skipReasons().entries()).containsExactly(new SkipReasons.Entry("序号=合计", 2), new SkipReasons.Entry("空行", 1));
        assertThat(batch.failureMessage()).startsWith("文件中没有数据行：全部3行都被跳过（序号=合计 2，空行 1），其中2行是被映射规范的跳过规则（“序号=合计”）跳过的")
                .contains("如果这些行是应上报的数据，请联系平台管理员");
    }

    @Test
    void aFileOfBlankRowsOnlyIsRefusedAsEmptyAsBefore() throws Exception {
        String batchId = receive(FILE_NAME, utf8(export(",,,,,,,,,,,,", ",,,,,,,,,,,,")));

        importNewAttempt(batchId);

        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).isEqualTo("FILE_EMPTY");
        assertThat(batch.failureMessage()).isEqualTo("文件中没有数据行");
        assertThat(batch.skipReasons().entries()).containsExactly(new SkipReasons.Entry("空行", 2));
    }

    @Test
    void reprocessingTheSameBatchAsANewAttemptKeepsOnlyTheNewAttemptsEvents() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(provenance(batchId)).extracting(p -> p.get(1)).containsOnly(1L).hasSize(7);

        // an event attempt 1 loaded that the next attempt will not produce again (as after a spec change)
        String stale = addStaleEventOfAttempt1(batchId);

        int attempt = batches.startAttempt(batchId);
        assertThat(attempt).isEqualTo(2);
        JobExecution second = jobs.startJob(params(batchId, attempt));

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(2);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsSkipped(), batch.rowsWarned()))
                .containsExactly(10L, 7L, 3L, 1L, 1L);
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE event_id = ?", stale)).isZero();
        assertThat(count("SELECT COUNT(*) FROM trace_link WHERE event_id = ?", stale)).isZero();
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isEqualTo(8);
        // staging keeps only the newest attempt; each attempt keeps its own row problems
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt <> 2", batchId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = 2", batchId)).isEqualTo(7);
        assertThat(errors.problemsOf(batchId, 2)).extracting(RowProblem::row).containsExactly(5L, 8L, 10L, 11L);
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row).containsExactly(5L, 8L, 10L, 11L);
        assertThat(batches.fileHeader(batchId, 2)).as("as attempt 2 read it").hasValue(List.of(HEADER.split(",")));
    }

    @Test
    void aReprocessOverTheRejectThresholdSaysTheEarlierLoadStandsAndAsksForNoResend() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // attempt 2 now refuses most rows (as a changed spec would): here the archived copy is made to
        Files.write(storage.resolve(batch(batchId).archivePath()), utf8(export(
                record(1, "-1", "3100123456", "310012611270001"),
                record(2, "-1", "3100123457", "310012611270002"))));

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo(ErrorCodes.REJECT_THRESHOLD);
        assertThat(batch.failureMessage()).startsWith("被拒绝的行数（2/2）超过本来源允许的比例50%。本次重新处理（第2次）的结果未入库，第1次处理入库的数据仍然有效")
                .contains("您无需重新发送").doesNotContain("整个文件未入库", "请修正后重新发送");
        assertThat(traceEvents()).as("attempt 1's events stay").isEqualTo(7);
    }

    @Test
    void aReprocessThatFindsTheFileUnusableSaysTheEarlierLoadStands() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Files.write(storage.resolve(batch(batchId).archivePath()), utf8("标题\r\n序号,品名\r\n1,白条猪\r\n"));

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);

        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).isEqualTo(ErrorCodes.FILE_HEADER_MISSING);
        assertThat(batch.failureMessage()).startsWith("本次重新处理（第2次）的结果未入库，第1次处理入库的数据仍然有效")
                .contains("重新处理时发现：表头");
        assertThat(traceEvents()).isEqualTo(7);
    }

    @Test
    void anArchivedCopyTheHubCannotReadIsAProcessingErrorNotTheSendersFault() throws Exception {
        String batchId = receiveSample();
        Path archived = storage.resolve(batch(batchId).archivePath());
        Files.delete(archived);

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);

        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).as("retryable once the copy is back").isEqualTo(ErrorCodes.PROCESSING_ERROR);
        assertThat(batch.failureMessage()).isEqualTo(ImportFailureListener.PROCESSING_ERROR_MESSAGE)
                .doesNotContain(archived.getParent().toString());
    }

    @Test
    void reprocessingAnOlderFileLeavesTheRecordsANewerFileCorrectedAndSaysSoOnItsRows() throws Exception {
        String older = receive(FILE_NAME, utf8(export(
                record(1, "100", "3100123456", "310012611270001"),
                record(2, "80", "3100123457", "310012611270002"))));
        assertThat(importNewAttempt(older).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the market sends record 2 again, its weight corrected, in a file received an hour later
        String newer = receive("交易明细_20261127_更正.csv", utf8(export(record(2, "85", "3100123457", "310012611270002"))));
        jdbc.sql("UPDATE batch SET received_at = ? WHERE id = ?").params(batch(older).receivedAt().plusHours(1), newer).update();
        assertThat(importNewAttempt(newer).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // an admin reprocesses the older file (a spec fix, say)
        assertThat(importNewAttempt(older).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch reprocessed = batch(older);
        assertThat(reprocessed.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(reprocessed.attempt(), reprocessed.rowsAccepted(), reprocessed.rowsWarned())).containsExactly(2, 2L, 1L);
        assertThat(errors.problemsOf(older, 2)).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(4);
            assertThat(p.severity()).isEqualTo("WARNING");
            assertThat(p.code()).isEqualTo(ErrorCodes.RECORD_SUPERSEDED);
            assertThat(p.message()).isEqualTo("与批次" + newer + "第3行是同一条记录（唯一标识相同）：该批次接收得更晚，以它为准，本行未写入追溯库");
        });
        assertThat(jdbc.sql("SELECT batch_id, quantity FROM trace_event WHERE trace_code = 'XJM2611279002'")
                .query((rs, i) -> List.of(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros().toPlainString())).single())
                .as("the corrected record stays as the newer file sent it").containsExactly(newer, "42.5");
        assertThat(jdbc.sql("SELECT attempt FROM trace_event WHERE trace_code = 'XJM2611279001'").query(Integer.class).single())
                .as("the older file's other record is reloaded").isEqualTo(2);
        assertThat(traceEvents()).isEqualTo(2);
    }

    @Test
    void aRecordTwiceInAnOlderFileWhoseNewerVersionALaterFileHoldsIsSupersededOnBothRowsNotRepeated() throws Exception {
        String twice = "3" + record(2, "90", "3100123457", "310012611270002").substring(1);
        String older = receive(FILE_NAME, utf8(export(
                record(1, "100", "3100123456", "310012611270001"),
                record(2, "80", "3100123457", "310012611270002"),
                twice)));
        assertThat(importNewAttempt(older).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String newer = receive("交易明细_20261127_更正.csv", utf8(export(record(2, "85", "3100123457", "310012611270002"))));
        jdbc.sql("UPDATE batch SET received_at = ? WHERE id = ?").params(batch(older).receivedAt().plusHours(1), newer).update();
        assertThat(importNewAttempt(newer).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(importNewAttempt(older).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // neither row 4 nor row 5 is in the store: row 5 does not claim to have replaced row 4
        assertThat(errors.problemsOf(older, 2)).extracting(RowProblem::row, RowProblem::code).containsExactly(
                tuple(4L, ErrorCodes.RECORD_SUPERSEDED), tuple(5L, ErrorCodes.RECORD_SUPERSEDED));
        assertThat(batch(older).rowsWarned()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT batch_id FROM trace_event WHERE trace_code = 'XJM2611279002'").query(String.class).single())
                .isEqualTo(newer);
    }

    @Test
    void aReprocessThatNoLongerStoresARecordAnOlderFileSentToldOnItsRowWhichBatchAndRowToReprocess() throws Exception {
        String monday = receive(FILE_NAME, utf8(export(
                record(1, "100", "3100123456", "310012611270001"),
                record(2, "80", "3100123457", "310012611270002"))));
        assertThat(importNewAttempt(monday).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // Tuesday's cumulative export sends record 2 again (its row 3), and a record of its own
        String tuesday = receive("交易明细_20261128.csv", utf8(export(
                record(2, "80", "3100123457", "310012611270002"),
                record(3, "60", "3100123458", "310012611270003"))));
        jdbc.sql("UPDATE batch SET received_at = ? WHERE id = ?").params(batch(monday).receivedAt().plusDays(1), tuesday).update();
        assertThat(importNewAttempt(tuesday).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT batch_id FROM trace_event WHERE trace_code = 'XJM2611279002'").query(String.class).single())
                .isEqualTo(tuesday);

        // Tuesday reprocessed, and its record 2 is now rejected (as it would be under a stricter spec): its weight is negative
        Files.write(storage.resolve(batch(tuesday).archivePath()), utf8(export(
                record(2, "-35", "3100123457", "310012611270002"),
                record(3, "60", "3100123458", "310012611270003"))));
        assertThat(importNewAttempt(tuesday).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM trace_event WHERE trace_code = 'XJM2611279002'").query(Long.class).single())
                .as("the store keeps one version per record: Monday's went with Tuesday's").isZero();
        assertThat(batch(monday).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(errors.problemsOf(tuesday, 2)).extracting(RowProblem::row, RowProblem::severity, RowProblem::code).containsExactly(
                tuple(3L, "ERROR", ErrorCodes.QUANTITY_NOT_POSITIVE),
                tuple(3L, "WARNING", ErrorCodes.RECORD_REMOVED_OLDER_VERSION_LOST));
        assertThat(errors.problemsOf(tuesday, 2)).last().extracting(RowProblem::message).isEqualTo(
                "追溯码XJM2611279002的记录（批次" + monday + "第4行曾接收的版本已被本批次替换）本次处理未再写入，现已从追溯库移除；"
                        + "如需恢复，请平台管理员重新处理批次" + monday);
        assertThat(List.of(batch(tuesday).rowsAccepted(), batch(tuesday).rowsRejected(), batch(tuesday).rowsWarned()))
                .as("a warning on a rejected row is no warned row").containsExactly(1L, 1L, 0L);

        // as the warning says: Monday reprocessed stores its version again
        assertThat(importNewAttempt(monday).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT batch_id, row_no FROM trace_event WHERE trace_code = 'XJM2611279002'")
                .query((rs, i) -> List.of(rs.getString(1), rs.getLong(2))).single()).containsExactly(monday, 4L);
    }

    @Test
    void loadingIsIdempotentByEventId() throws Exception {
        String first = receiveSample();
        assertThat(importNewAttempt(first).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> eventIds = store.eventIdsByBatch(first);
        assertThat(eventIds).hasSize(7);

        // the same records sent again in another file (re-exported as UTF-8 with a BOM): another batch, the same events
        byte[] reExport = ("\uFEFF" + sampleText()).getBytes(StandardCharsets.UTF_8);
        String second = receive(FILE_NAME, reExport);
        assertThat(importNewAttempt(second).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch batch = batch(second);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.encoding()).isEqualTo("UTF-8");
        assertThat(batch.rowsAccepted()).isEqualTo(7);
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isEqualTo(8);
        // each event now carries the provenance of its latest load
        assertThat(store.eventIdsByBatch(second)).containsExactlyElementsOf(eventIds);
        assertThat(store.countByBatch(first)).isZero();
        assertThat(jdbc.sql("SELECT record_key FROM trace_event").query(String.class).list())
                .as("found again by the records' natural keys (V9), not by their ids")
                .hasSize(7).allSatisfy(key -> assertThat(key).startsWith("\u001f").doesNotContain(eventIds.get(0)));
    }

    @Test
    void aBatchAnnouncedOnTheReceivedQueueIsImported() throws Exception {
        String batchId = receiveSample();

        try (CompletedTopic topic = subscribe(batchId)) {
            jmsTemplate.convertAndSend(BatchMessaging.BATCH_RECEIVED_QUEUE, batchId);

            TextMessage message = topic.next(TIMEOUT);
            assertThat(message.getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }
        // the report is the job's last step: wait for the execution to end before looking at it
        JobExecution execution = await().atMost(TIMEOUT).until(
                () -> lastExecution(batchId, 1),
                e -> e != null && !e.isRunning() && e.getEndTime() != null);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(batch(batchId).attempt()).isEqualTo(1);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
    }

    @Test
    void aSecondStartOfTheSameAnnouncedBatchPastItsStatusCheckStartsNothing() throws Exception {
        String batchId = receiveSample();
        assertThat(launcher.run(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // two announcements handled at once both saw RECEIVED: the start itself is a compare-and-set
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.run(batchId)).isInstanceOf(IllegalStateException.class);

        assertThat(batch(batchId).attempt()).isEqualTo(1);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    @Test
    void aNewAttemptStartsWithoutThePreviousAttemptsCountsSoAFailedOneReportsNoneOfThem() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).rowsRead()).isEqualTo(10);

        // attempt 2 fails in its first chunk: nothing of it is staged or counted
        withConstraint("staged_event", "NOT (attempt = 2 AND row_no = 3)",
                () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));

        Batch failed = batch(batchId);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(failed.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(List.of(failed.rowsRead(), failed.rowsAccepted(), failed.rowsRejected(), failed.rowsSkipped(), failed.rowsWarned()))
                .as("not attempt 1's 10 / 7 / 3 / 1 / 1 beside attempt 2's empty problem list").containsOnly(0L);
        assertThat(failed.encoding()).isNull();
    }

    @Test
    void aRepeatedAnnouncementOfAnImportedBatchStartsNoNewAttempt() throws Exception {
        String batchId = receiveSample();
        assertThat(launcher.run(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // a redelivered or duplicated message: the batch is no longer RECEIVED
        launcher.onBatchReceived(batchId);
        launcher.onBatchReceived("20261127-0000000000");

        assertThat(batch(batchId).attempt()).isEqualTo(1);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(batchId, 2))).isNull();
        assertThat(traceEvents()).isEqualTo(7);
    }

    // -----------------------------------------------------------------------------------------

    private void assertThatNothingWasStagedOrLoaded(String batchId) {
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", batchId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", batchId)).isZero();
        assertThat(traceEvents()).isZero();
    }

    private Map<Long, List<String>> rejectedRows(String batchId, int attempt) {
        Map<Long, List<String>> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT row_no, cells FROM rejected_row WHERE batch_id = ? AND attempt = ?").params(batchId, attempt)
                .query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(e -> rows.put(e.getKey(), JsonPath.parse(e.getValue()).read("$", List.class)));
        return rows;
    }
}
