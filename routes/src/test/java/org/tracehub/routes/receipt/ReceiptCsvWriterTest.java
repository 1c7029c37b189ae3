package org.tracehub.routes.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.SkipReasons;

class ReceiptCsvWriterTest {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private final ReceiptCsvWriter writer = new ReceiptCsvWriter();

    @Test
    void writesGb18030ThatReadsBackAsASummaryBlockThenOneLinePerProblem() throws IOException {
        Receipt receipt = new Receipt(ReceiptFixtures.staged("交易明细_20261127.csv", 10, 7, 3, 1), List.of(
                new RowProblem(5, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "统一社会信用代码含有非法字符", "9131000O6316963820"),
                new RowProblem(8, "检疫证号", "certificates.ANIMAL_QUARANTINE", "ERROR", "CERTIFICATE_REQUIRED", "缺少动物检疫合格证号", null),
                new RowProblem(11, "买方信用代码", "counterparty.uscc", "WARNING", "USCC_CHECK_DIGIT", "校验位不符", "91310000631696382X")),
                null, null, ReceiptFixtures.WRITTEN_AT);

        byte[] bytes = write(receipt, GB18030);
        List<CSVRecord> lines = parse(bytes, GB18030);

        assertThat(bytes).startsWith("回执,".getBytes(GB18030));
        assertThat(new String(bytes, GB18030)).contains("\r\n").doesNotContain("\uFEFF");
        assertThat(values(lines.subList(0, 11))).containsExactly(
                List.of("回执", "追溯数据交换平台处理回执"),
                List.of("文件名", "交易明细_20261127.csv"),
                List.of("批次号", "20261127-1f3a9c0b2d"),
                List.of("状态", "已校验，等待入库", "STAGED"),
                List.of("接收时间", "2026-11-27T23:40:05+08:00"),
                List.of("读取行数", "10"),
                List.of("接受行数", "7"),
                List.of("拒绝行数", "3"),
                List.of("跳过行数", "1"),
                List.of("处理次数", "1"),
                List.of("回执时间", "2026-11-27T23:41:30+08:00"));
        assertThat(values(lines.subList(11, lines.size()))).containsExactly(
                List.of("行号", "列名", "标准字段", "级别", "错误代码", "错误信息", "原始值"),
                List.of("5", "买方信用代码", "counterparty.uscc", "错误", "USCC_CHARACTER", "统一社会信用代码含有非法字符", "9131000O6316963820"),
                List.of("8", "检疫证号", "certificates.ANIMAL_QUARANTINE", "错误", "CERTIFICATE_REQUIRED", "缺少动物检疫合格证号", ""),
                List.of("11", "买方信用代码", "counterparty.uscc", "警告", "USCC_CHECK_DIGIT", "校验位不符", "91310000631696382X"));
    }

    @Test
    void separatesTheSummaryFromTheProblemsWithABlankLine() throws IOException {
        String text = new String(write(new Receipt(ReceiptFixtures.staged("交易明细_1.csv", 1, 1, 0, 0), List.of(), null, null,
                ReceiptFixtures.WRITTEN_AT), GB18030), GB18030);

        assertThat(text).contains("回执时间,2026-11-27T23:41:30+08:00\r\n\r\n行号,");
        assertThat(text).endsWith("原始值\r\n");
    }

    @Test
    void headsTheRowsOfAnXmlExportWhoseRecordsShareLinesAsRecordNumbersNotLineNumbers() throws IOException {
        Receipt receipt = new Receipt(ReceiptFixtures.stagedOneLineXml("批次_20261127.xml", 60, 59, 1), List.of(
                new RowProblem(57, "maint_id", "traceCode", "ERROR", "TRACE_CODE_REQUIRED", "缺少追溯码", null)));

        List<CSVRecord> lines = parse(write(receipt, StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(values(lines.subList(11, lines.size()))).containsExactly(
                List.of("记录号", "列名", "标准字段", "级别", "错误代码", "错误信息", "原始值"),
                List.of("57", "maint_id", "traceCode", "错误", "TRACE_CODE_REQUIRED", "缺少追溯码", ""));
    }

    @Test
    void statesTheReasonOfAFileThatEndedAtIntake() throws IOException {
        String message = "重复文件：与批次20261127-1f3a9c0b2d（交易明细_20261127.csv，2026-11-27接收）内容完全相同，未再次处理";
        Receipt receipt = new Receipt(ReceiptFixtures.duplicate("交易明细_20261127.csv", "20261127-1f3a9c0b2d", message), List.of());

        List<CSVRecord> lines = parse(write(receipt, GB18030), GB18030);

        assertThat(lines.get(3).values()).containsExactly("状态", "重复文件，未处理", "DUPLICATE");
        assertThat(lines.get(9).values()).containsExactly("原因", "FILE_DUPLICATE", message);
        assertThat(lines.get(12).get(0)).isEqualTo("行号");
        assertThat(lines).hasSize(13);
    }

    @Test
    void writesEveryCellSenderTextCanReachFormulaSafe() throws IOException {
        Receipt receipt = new Receipt(ReceiptFixtures.staged("=HYPERLINK(\"http://evil\").csv", 2, 0, 2, 0), List.of(
                new RowProblem(3, "@列", "+field", "ERROR", "QUANTITY_NOT_POSITIVE", "-数量必须大于零", "-35"),
                new RowProblem(4, "=列", "field", "ERROR", "X", "=1+1", "\t=cmd|' /C calc'!A0")));

        List<CSVRecord> lines = parse(write(receipt, GB18030), GB18030);

        assertThat(lines.get(1).get(1)).isEqualTo("'=HYPERLINK(\"http://evil\").csv");
        assertThat(lines.get(12).values()).containsExactly("3", "'@列", "'+field", "错误", "QUANTITY_NOT_POSITIVE", "'-数量必须大于零", "'-35");
        assertThat(lines.get(13).values()).containsExactly("4", "'=列", "field", "错误", "X", "'=1+1", "'\t=cmd|' /C calc'!A0");
    }

    @Test
    void writesInTheEncodingItIsGiven() throws IOException {
        Receipt receipt = new Receipt(ReceiptFixtures.staged("交易明细_1.csv", 0, 0, 0, 0), List.of());

        byte[] bytes = write(receipt, StandardCharsets.UTF_8);

        // with a byte-order mark, which Excel on a Chinese Windows needs to read UTF-8
        assertThat(bytes).startsWith("\uFEFF回执,".getBytes(StandardCharsets.UTF_8));
        assertThat(parse(bytes, StandardCharsets.UTF_8).get(1).get(1)).isEqualTo("交易明细_1.csv");
        assertThat(write(receipt, Charset.forName("GB18030"))).startsWith("回执,".getBytes(Charset.forName("GB18030")));
    }

    @Test
    void aGbkReceiptKeepsCharactersGbkCannotEncodeInsteadOfWritingQuestionMarks() throws IOException {
        String message = "第17位“•”不是允许的字符";
        Receipt receipt = new Receipt(ReceiptFixtures.staged("维保记录_䶮.xml", 1, 0, 1, 0), List.of(
                new RowProblem(3, "电梯注册代码", "traceCode", "ERROR", "TRACE_CODE_CHARACTER", message, "3101®15•😀")));

        byte[] bytes = write(receipt, Charset.forName("GBK"));

        // GB18030: the GBK text in the same bytes, and the rest encoded rather than lost
        assertThat(bytes).startsWith("回执,".getBytes(Charset.forName("GBK")));
        List<CSVRecord> lines = parse(bytes, GB18030);
        assertThat(lines.get(1).get(1)).isEqualTo("维保记录_䶮.xml");
        assertThat(lines.get(12).values()).contains(message, "3101®15•😀");
        assertThat(ReceiptCsvWriter.writtenIn(Charset.forName("GB2312"))).isEqualTo(GB18030);
    }

    @Test
    void aReceiptInAnotherCharsetWritesWhatItCannotEncodeAsAnExplicitCodePoint() throws IOException {
        Receipt receipt = new Receipt(ReceiptFixtures.staged("维保记录.xml", 1, 0, 1, 0), List.of(
                new RowProblem(3, "备注", "note", "ERROR", "X", "含有“😀”", "䶮")));

        byte[] bytes = write(receipt, Charset.forName("Big5"));

        List<CSVRecord> lines = parse(bytes, Charset.forName("Big5"));
        assertThat(lines.get(12).values()).contains("含有“U+1F600”", "U+4DAE").doesNotContain("含有“?”");
        assertThat(new String(bytes, Charset.forName("Big5"))).doesNotContain("?");
    }

    @Test
    void aRejectedReprocessSaysTheEarlierAttemptsDataStillStands() throws IOException {
        String message = "被拒绝的行数（8/10）超过本来源允许的比例50%。本次重新处理（第2次）的结果未入库，第1次处理入库的数据仍然有效。";
        Receipt receipt = new Receipt(ReceiptFixtures.failedReprocess("交易明细_20261127.csv", message), List.of(), 1);

        List<CSVRecord> lines = parse(write(receipt, GB18030), GB18030);

        assertThat(lines.get(3).values()).containsExactly("状态", "处理失败", "FAILED");
        assertThat(lines.get(9).values()).containsExactly("原因", "REJECT_THRESHOLD", message);
        assertThat(lines.get(10).values()).containsExactly("库中数据", "第1次处理入库的数据仍然有效；本次（第2次）处理的结果未入库", "1");
        assertThat(lines.get(11).values()).containsExactly("处理次数", "2");
        assertThat(lines.get(13).get(0)).isEqualTo("行号");
        // a first attempt that failed, or one that loaded, has no such line
        assertThat(parse(write(new Receipt(ReceiptFixtures.failedReprocess("a.csv", message), List.of(), 2), GB18030), GB18030))
                .noneMatch(r -> r.get(0).equals("库中数据"));
        assertThat(parse(write(new Receipt(ReceiptFixtures.failedReprocess("a.csv", message), List.of(), null), GB18030), GB18030))
                .noneMatch(r -> r.get(0).equals("库中数据"));
    }

    @Test
    void namesTheAttemptAndWhenTheReceiptWasWrittenSoAReprocessedReceiptTellsItselfApart() throws IOException {
        Receipt reprocessed = new Receipt(ReceiptFixtures.failedReprocess("a.csv", "被拒绝的行数（8/10）超过…"), List.of(), 1, null,
                ReceiptFixtures.WRITTEN_AT.plusDays(1));

        List<CSVRecord> lines = parse(write(reprocessed, GB18030), GB18030);

        assertThat(line(lines, "处理次数")).containsExactly("处理次数", "2");
        // the hub's time zone with its offset, to the second
        assertThat(line(lines, "回执时间")).containsExactly("回执时间", "2026-11-28T23:41:30+08:00");
    }

    @Test
    void aRunTheHubStoppedMidFileSaysItsCountsAreNotFinalAndItsProblemsOnlyThoseFoundBeforeItStopped() throws IOException {
        for (String code : List.of("PROCESSING_ERROR", "SPEC_CHANGED", "SPEC_MISSING")) {
            Receipt receipt = new Receipt(ReceiptFixtures.stoppedMidFile("交易明细_1.csv", code, "平台处理时出错，管理员将排查并重试，您无需重新发送"),
                    List.of(new RowProblem(5, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "统一社会信用代码含有非法字符", "X")));

            List<CSVRecord> lines = parse(write(receipt, GB18030), GB18030);

            assertThat(line(lines, "读取行数")).containsExactly("读取行数", "0");
            assertThat(line(lines, "说明")).as(code).containsExactly("说明", Receipt.COUNTS_NOT_FINAL);
            assertThat(Receipt.COUNTS_NOT_FINAL).contains("不是最终结果", "只是停止前发现的", "平台将重试或重新处理", "您无需重新发送");
        }
    }

    /**
     * A receipt downloaded again after the archive purge took the original and its problem rows: it lists none, and
     * says so, instead of reading as a file of 3 rejected rows with no reason given.
     */
    @Test
    void aReceiptWrittenAfterTheArchivePurgeSaysItsProblemRowsWentWithTheOriginal() throws IOException {
        Receipt purged = new Receipt(ReceiptFixtures.staged("交易明细_20261127.csv", 10, 7, 3, 0), List.of(), 1, null,
                ReceiptFixtures.WRITTEN_AT, ReceiptFixtures.WRITTEN_AT.minusDays(2));
        Receipt kept = new Receipt(ReceiptFixtures.staged("交易明细_20261127.csv", 10, 7, 3, 0), List.of(), 1, null,
                ReceiptFixtures.WRITTEN_AT);
        Batch clean = ReceiptFixtures.staged("交易明细_20261127.csv", 10, 10, 0, 0);
        Receipt purgedClean = new Receipt(new Batch(clean.id(), clean.sourceId(), clean.fileName(), clean.storedName(),
                clean.archivePath(), clean.sizeBytes(), clean.sha256(), null, clean.transport(), clean.receivedAt(), clean.status(),
                clean.attempt(), clean.encoding(), 10, 10, 0, 0, 0, null, null, clean.updatedAt(), clean.rowNumbering()),
                List.of(), 1, null, ReceiptFixtures.WRITTEN_AT, ReceiptFixtures.WRITTEN_AT.minusDays(2));

        List<CSVRecord> lines = parse(write(purged, GB18030), GB18030);

        assertThat(line(lines, "拒绝行数")).containsExactly("拒绝行数", "3");
        assertThat(line(lines, "问题行明细")).hasSize(2);
        assertThat(line(lines, "问题行明细").get(1)).contains("已超过保存期限", "2026-11-25", "不再列出问题行", "处理时的结果");
        assertThat(parse(write(kept, GB18030), GB18030)).noneMatch(r -> r.get(0).equals("问题行明细"));
        assertThat(parse(write(purgedClean, GB18030), GB18030)).as("nothing was listed, nothing went")
                .noneMatch(r -> r.get(0).equals("问题行明细"));
    }

    @Test
    void aFileRefusedOrAFailedLoadHasNoNoteOnItsCounts() throws IOException {
        // the reader's refusal says itself that its counts are 0; a load that failed after staging keeps the stage's counts
        Receipt refused = new Receipt(ReceiptFixtures.stoppedMidFile("a.csv", "FILE_MALFORMED",
                "第5000行：引号未闭合。整个文件未被接收（行数均记为0）；下列行问题只是读到此处之前发现的"), List.of());
        Receipt loadFailed = new Receipt(ReceiptFixtures.failedReprocess("a.csv", "平台处理时出错"), List.of());

        assertThat(parse(write(refused, GB18030), GB18030)).noneMatch(r -> r.get(0).equals("说明"));
        assertThat(loadFailed.batch().rowsRead()).isPositive();
        assertThat(loadFailed.countsNote()).isNull();
    }

    @Test
    void explainsTheSkippedRowsByReasonOnALineOfItsOwnKeepingTheCountLineTwoCells() throws IOException {
        SkipReasons reasons = SkipReasons.NONE.plus("空行").plus("序号=合计").plus("空行");
        Receipt receipt = new Receipt(ReceiptFixtures.stagedWithSkips("a.csv", 5, 3, reasons), List.of());

        List<CSVRecord> lines = parse(write(receipt, GB18030), GB18030);
        assertThat(line(lines, "跳过行数")).as("a parser taking two cells a line reads the count").containsExactly("跳过行数", "3");
        assertThat(line(lines, "跳过原因")).containsExactly("跳过原因", "空行 2，序号=合计 1");
        assertThat(lines.stream().map(r -> r.get(0)).toList()).containsSubsequence("跳过行数", "跳过原因");
        // an attempt staged before the reasons were kept: the count alone, and no line of reasons
        List<CSVRecord> older = parse(write(new Receipt(ReceiptFixtures.staged("a.csv", 1, 1, 0, 2), List.of()), GB18030), GB18030);
        assertThat(line(older, "跳过行数")).containsExactly("跳过行数", "2");
        assertThat(older).noneMatch(r -> r.get(0).equals("跳过原因"));
    }

    @Test
    void listsAFilesWarningOnALineOfItsOwnAfterTheSummaryLinesSendersParseAndNamesTheSpecVersionInsteadOfBlamingRowOne()
            throws IOException {
        Receipt receipt = new Receipt(ReceiptFixtures.stagedXmlWithFileWarning("wb_maint_20261126.xml", 12, 12, 0), List.of(
                new RowProblem(26, "maint_date", "time", "WARNING", "DATE_FUTURE", "日期晚于今天", "2027-01-01")),
                null, null, ReceiptFixtures.WRITTEN_AT);

        List<CSVRecord> lines = parse(write(receipt, GB18030), GB18030);

        assertThat(values(lines.subList(0, 11))).extracting(l -> l.get(0)).containsExactly(
                "回执", "文件名", "批次号", "状态", "接收时间", "读取行数", "接受行数", "拒绝行数", "跳过行数", "处理次数", "回执时间");
        assertThat(values(lines.subList(11, lines.size()))).containsExactly(
                List.of("映射版本", ReceiptFixtures.FINGERPRINT.substring(0, 12)),
                List.of("文件警告", "XML_PATH_ABSENT", ReceiptFixtures.ABSENT_MESSAGE),
                List.of("行号", "列名", "标准字段", "级别", "错误代码", "错误信息", "原始值"),
                List.of("26", "maint_date", "time", "警告", "DATE_FUTURE", "日期晚于今天", "2027-01-01"));
    }

    @Test
    void aReceiptOfAFileNoSpecConvertedHasNoSpecVersionLine() throws IOException {
        Receipt duplicate = new Receipt(ReceiptFixtures.duplicate("交易明细_20261127.csv", "20261127-1f3a9c0b2d", "重复文件"), List.of());

        List<CSVRecord> lines = parse(write(duplicate, GB18030), GB18030);

        assertThat(lines).noneMatch(r -> r.get(0).equals("映射版本") || r.get(0).equals("文件警告"));
    }

    private static List<String> line(List<CSVRecord> lines, String label) {
        return lines.stream().filter(r -> r.get(0).equals(label)).findFirst().map(r -> List.of(r.values()))
                .orElseThrow(() -> new AssertionError("no line " + label));
    }

    private byte[] write(Receipt receipt, Charset charset) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(receipt, charset, out);
        return out.toByteArray();
    }

    private static List<CSVRecord> parse(byte[] bytes, Charset charset) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(new String(bytes, charset))).getRecords();
    }

    private static List<List<String>> values(List<CSVRecord> records) {
        return records.stream().map(r -> List.of(r.values())).toList();
    }
}
