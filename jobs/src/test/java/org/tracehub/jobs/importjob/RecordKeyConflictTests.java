package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * What the load does with records of one source that share a key without being one record, with one record sent under
 * two spellings of its key, and with trace codes that two unrelated sources use: a co-operative's harvest register and
 * its test reports, both keyed by the lot number, a filling station's day re-sent with its start times typed otherwise,
 * and a lot number the meat market uses too. The co-operative's spec is this class's own, in an external folder its watcher
 * owns for the rest of the class (the context is closed after it).
 */
class RecordKeyConflictTests extends ImportJobTestSupport {

    private static final String CO_OP = "veg-base-keytest";
    /** 上海西郊国际农产品交易有限公司, the operator of the meat market's sample ({@link #SOURCE}). */
    private static final String MARKET_USCC = "91310000631696382C";
    private static final String SPEC = """
            source: veg-base-keytest
            name: 测试蔬菜基地
            category: VEGETABLE
            operator: { uscc: 93310151MA1JY2QB2Y, name: 上海崇明绿港蔬菜专业合作社, nodeType: FARM }
            files:
              - match: "采收_*.csv"
                format: csv
                encoding: UTF-8
                step: HARVEST
                key: [批次号]
                fields:
                  traceCode:         { column: 批次号 }
                  time:              { column: 日期, date: ["yyyy-MM-dd HH:mm"] }
                  product.name:      { column: 品名 }
                  quantity:          { column: 数量(公斤), unit: 公斤 }
                  counterparty.uscc: { column: 买方信用代码 }
              - match: "检测_*.csv"
                format: csv
                encoding: UTF-8
                step: TEST
                key: [批次号]
                fields:
                  traceCode: { column: 批次号 }
                  time:      { column: 日期, date: ["yyyy-MM-dd HH:mm"] }
                  extension.vegetable.pesticideTestResult: { column: 结果, lookup: pass-fail }
            lookups:
              pass-fail: { 合格: PASS, 不合格: FAIL }
            """;

    @Autowired
    SpecCatalog catalog;

    @BeforeEach
    void coOpSpec() throws IOException {
        Path folder = Files.createTempDirectory(dataDir, "specs");
        Files.writeString(folder.resolve(CO_OP + ".yaml"), SPEC);
        SpecFolderWatcher watcher = new SpecFolderWatcher(catalog, folder, report -> { });
        assertThat(watcher.refresh().loaded()).singleElement().satisfies(spec -> assertThat(spec.notes())
                .as("the loader's note on the shared key").singleElement().extracting(n -> n.key()).isEqualTo("files.key"));
    }

    private static String harvest(String... rows) {
        return "批次号,日期,品名,数量(公斤),买方信用代码\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    private static String tests(String... rows) {
        return "批次号,日期,结果\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    @Test
    void aTestReportWhoseLotNumberAHarvestRecordHoldsIsRefusedOnItsRowsAndTheHarvestStays() throws Exception {
        String harvest = receive(CO_OP, "采收_20261126.csv", utf8(harvest(
                "CMV2611260001,2026-11-26 07:30,青菜,120,",
                "CMV2611260002,2026-11-26 08:00,菠菜,80,")));
        assertThat(importNewAttempt(harvest).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String test = receive(CO_OP, "检测_20261126.csv", utf8(tests(
                "CMV2611260001,2026-11-26 10:00,合格",
                "CMV2611269999,2026-11-26 10:05,合格",
                "CMV2611260001,2026-11-26 10:10,合格")));

        assertThat(importNewAttempt(test).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // before: LOADED with 3 accepted, and the harvest of CMV2611260001 replaced by the test report without a word
        Batch loaded = batch(test);
        assertThat(loaded.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(loaded.rowsRead(), loaded.rowsAccepted(), loaded.rowsRejected(), loaded.rowsWarned()))
                .as("the receipt's counts: the refused rows are rejected, not accepted").containsExactly(3L, 1L, 2L, 0L);
        assertThat(errors.problemsOf(test, 1)).extracting(RowProblem::row, RowProblem::severity, RowProblem::code).containsExactly(
                tuple(2L, "ERROR", ErrorCodes.RECORD_KEY_CONFLICT), tuple(4L, "ERROR", ErrorCodes.RECORD_KEY_CONFLICT));
        assertThat(errors.problemsOf(test, 1)).first().satisfies(p -> {
            assertThat(p.message()).isEqualTo("唯一标识“CMV2611260001”与批次" + harvest + "（文件“采收_20261126.csv”）第2行已入库的记录相同，"
                    + "但那是另一类文件的记录（环节HARVEST，本行为TEST）：写入会覆盖那条记录，因此本行未写入追溯库。"
                    + "请联系平台管理员为这两类文件设置能区分它们的唯一标识（key），然后重新发送");
            assertThat(p.rawValue()).isEqualTo("CMV2611260001");
        });
        assertThat(jdbc.sql("SELECT trace_code, step, batch_id FROM trace_event ORDER BY trace_code")
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list()).containsExactly(
                List.of("CMV2611260001", "HARVEST", harvest), List.of("CMV2611260002", "HARVEST", harvest),
                List.of("CMV2611269999", "TEST", test));

        // reprocessed (one transaction, replacing attempt 1): the same refusal, the same counts
        assertThat(importNewAttempt(test).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(List.of(batch(test).rowsAccepted(), batch(test).rowsRejected())).containsExactly(1L, 2L);
        assertThat(errors.problemsOf(test, 2)).extracting(RowProblem::row, RowProblem::code).containsExactly(
                tuple(2L, ErrorCodes.RECORD_KEY_CONFLICT), tuple(4L, ErrorCodes.RECORD_KEY_CONFLICT));
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE step = 'HARVEST'")).isEqualTo(2);
    }

    /**
     * A row the load refuses had only its converted event there: the problem-row report (errors.xlsx, the console's row
     * page, both read from {@code rejected_row}) showed the refusal beside empty cells. The load reads them back from the
     * archived original: the cells as sent, beside the cells of a row the convert step rejected, and again on a reprocess.
     */
    @Test
    void theRowsTheLoadRefusesShowTheCellsTheClerkSentBesideTheRowsTheConvertStepRejected() throws Exception {
        String test = testReportAfterHarvest("1128",
                "CMV2611280001,2026-11-28 10:00,合格",
                "CMV2611289999,2026-11-28 10:05,合格",
                "CMV2611280002,2026-11-31 10:10,合格",
                "CMV2611280002,2026-11-28 10:15,不合格");

        assertThat(List.of(batch(test).rowsAccepted(), batch(test).rowsRejected())).containsExactly(1L, 3L);
        assertThat(errors.problemsOf(test, 1)).filteredOn(p -> p.severity().equals("ERROR")).extracting(RowProblem::row, RowProblem::code)
                .containsExactly(tuple(2L, ErrorCodes.RECORD_KEY_CONFLICT), tuple(4L, ErrorCodes.DATE_FORMAT),
                        tuple(5L, ErrorCodes.RECORD_KEY_CONFLICT));
        // before: rows 2 and 5 had no cells, and the report showed their refusal beside an empty row
        assertThat(rejectedCells(test, 1)).containsExactly(
                java.util.Map.entry(2L, List.of("CMV2611280001", "2026-11-28 10:00", "合格")),
                java.util.Map.entry(4L, List.of("CMV2611280002", "2026-11-31 10:10", "合格")),
                java.util.Map.entry(5L, List.of("CMV2611280002", "2026-11-28 10:15", "不合格")));
        assertThat(errors.countRejectedRows(test, 1)).as("every rejected row has its cells").isEqualTo(batch(test).rowsRejected());

        assertThat(importNewAttempt(test).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rejectedCells(test, 2)).containsOnlyKeys(2L, 4L, 5L);
        assertThat(rejectedCells(test, 2).get(5L)).containsExactly("CMV2611280002", "2026-11-28 10:15", "不合格");
    }

    /**
     * The refused rows are found a page of row numbers at a time as the original is read (here one a page, between the
     * rows the convert step rejected); an original gone missing leaves them without cells and the load as it was.
     */
    @Test
    void theRefusedRowsAreFoundAPageAtATimeAsTheOriginalIsReadAndAMissingOriginalLeavesThemWithoutCells(
            @Autowired org.tracehub.platform.batch.BatchAttempts attempts, @Autowired ReaderSettings readerSettings) throws Exception {
        String test = testReportAfterHarvest("1129",
                "CMV2611290001,2026-11-29 10:00,合格",
                "CMV2611290003,2026-11-31 10:05,合格",
                "CMV2611290002,2026-11-29 10:10,不合格",
                "CMV2611290004,2026-11-29 10:15,合格");
        String refusedCells = "DELETE FROM rejected_row WHERE batch_id = ? AND row_no IN (2, 4)";
        RefusedRowCells onePerPage = new RefusedRowCells(batches, errors, attempts, catalog, storage, readerSettings, 1);

        jdbc.sql(refusedCells).param(test).update();
        onePerPage.fill(test, 1);

        assertThat(rejectedCells(test, 1)).containsOnlyKeys(2L, 3L, 4L);
        assertThat(rejectedCells(test, 1).get(4L)).containsExactly("CMV2611290002", "2026-11-29 10:10", "不合格");

        jdbc.sql(refusedCells).param(test).update();
        Path original = storage.resolve(batch(test).archivePath());
        Files.move(original, original.resolveSibling("moved-away"));
        onePerPage.fill(test, 1);

        assertThat(rejectedCells(test, 1)).containsOnlyKeys(3L);
        assertThat(batch(test).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    /** A day's test report ({@code day} as MMdd), imported after that day's harvest of lots CMV26{day}0001 and 0002 loaded. */
    private String testReportAfterHarvest(String day, String... rows) throws Exception {
        String date = "2026-" + day.substring(0, 2) + "-" + day.substring(2);
        assertThat(importNewAttempt(receive(CO_OP, "采收_2026" + day + ".csv", utf8(harvest(
                "CMV26" + day + "0001," + date + " 07:30,青菜,120,",
                "CMV26" + day + "0002," + date + " 08:00,菠菜,80,")))).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String test = receive(CO_OP, "检测_2026" + day + ".csv", utf8(tests(rows)));
        assertThat(importNewAttempt(test).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return test;
    }

    private java.util.Map<Long, List<String>> rejectedCells(String batchId, int attempt) {
        java.util.Map<Long, List<String>> rows = new java.util.TreeMap<>();
        jdbc.sql("SELECT row_no, cells FROM rejected_row WHERE batch_id = ? AND attempt = ?").params(batchId, attempt)
                .query((rs, i) -> java.util.Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(e -> rows.put(e.getKey(), com.jayway.jsonpath.JsonPath.parse(e.getValue()).read("$", List.class)));
        return rows;
    }

    @Test
    void aLotNumberTheMeatMarketUsesIsLoadedWithAWarningNamingTheMarketsSourceNotItsOperatorUnlessTheMarketIsTheRowsBuyer() throws Exception {
        assertThat(importNewAttempt(receiveSample()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String harvest = receive(CO_OP, "采收_20261127.csv", utf8(harvest(
                "XJM2611270001,2026-11-27 07:30,青菜,120,",
                "XJM2611270009,2026-11-27 07:40,青菜,60," + MARKET_USCC,
                "CMV2611270003,2026-11-27 07:50,菠菜,80,")));

        assertThat(importNewAttempt(harvest).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch loaded = batch(harvest);
        assertThat(List.of(loaded.rowsAccepted(), loaded.rowsRejected(), loaded.rowsWarned())).containsExactly(3L, 0L, 1L);
        assertThat(errors.problemsOf(harvest, 1)).singleElement().satisfies(p -> {
            assertThat(List.of(p.row(), p.severity(), p.code(), p.field())).containsExactly(2L, "WARNING",
                    ErrorCodes.TRACE_CODE_SHARED, "traceCode");
            // the other source's operator may be a person: an unrelated sender learns the source's id, not a name
            assertThat(p.message()).doesNotContain("上海西郊国际农产品交易有限公司")
                    .isEqualTo("追溯码XJM2611270001已有另一数据源meat-wholesale-xj的记录，"
                            + "而它不是本行的交易对方：按追溯码查询时两者显示为同一条追溯链。请核对追溯码是否为本单位所编；本行已接收");
        });
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE source_id = ?", CO_OP)).isEqualTo(3);
    }

    /** The filling station (built-in spec): key 气瓶编号, 充装日期, 开始时间 as typed; the time read from date and start time. */
    private static final String FILLING = "gascyl-fill-pudong";

    /** The filling station's sample, its header and first three fillings (7:05, 7:12, 7:26), each line edited by {@code edit}. */
    private static byte[] fillings(java.util.function.UnaryOperator<String> edit) {
        String[] lines = new String(org.tracehub.samples.SampleCorpus.bytes("gas-cylinder/gascyl-fill-pudong/input/充装记录_20261126.csv"),
                GBK).split("\r\n");
        StringBuilder text = new StringBuilder(lines[0]).append("\r\n");
        for (int i = 1; i <= 3; i++) {
            text.append(edit.apply(lines[i])).append("\r\n");
        }
        return text.toString().getBytes(GBK);
    }

    /**
     * The day's fillings re-sent with the first start time typed 07:05 (the scale's software writes 7:05): the key is the
     * cells' text, so the filling is stored a second time. Loaded, never dropped, and the row warned naming the file and
     * row of the stored filling, the key columns and both spellings. The second filling, as typed before, replaces its
     * record without a word; the third, typed 07:26 but with another quantity, is another filling to the hub.
     */
    @Test
    void aFillingReSentWithItsStartTimeTypedOtherwiseIsLoadedAndWarnedNamingTheStoredFillingAndBothSpellings() throws Exception {
        String first = receive(FILLING, "充装记录_20261126.csv", fillings(line -> line));
        assertThat(importNewAttempt(first).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(errors.problemsOf(first, 1)).as("nothing stored before it").isEmpty();
        String again = receive(FILLING, "充装记录_20261126_补发.csv", fillings(line -> line
                .replace("\t7:05\t", "\t07:05\t")
                .replace("\t7:26\t", "\t07:26\t").replace("\t49.5\t", "\t48.0\t")));

        assertThat(importNewAttempt(again).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch loaded = batch(again);
        assertThat(List.of(loaded.rowsRead(), loaded.rowsAccepted(), loaded.rowsRejected(), loaded.rowsWarned()))
                .as("the receipt's counts: accepted, and warned").containsExactly(3L, 3L, 0L, 1L);
        assertThat(errors.problemsOf(again, 1)).singleElement().satisfies(p -> {
            assertThat(List.of(p.row(), p.severity(), p.code(), p.column())).containsExactly(2L, "WARNING",
                    ErrorCodes.RECORD_KEY_SPELLING, "开始时间");
            assertThat(p.message()).isEqualTo("本行与批次" + first + "（文件“充装记录_20261126.csv”）第2行已入库的记录内容相同"
                    + "（追溯码、环节、时间、经营主体、交易对方、数量），但唯一标识（气瓶编号、充装日期、开始时间）的写法不同"
                    + "（开始时间：本行为“07:05”，已入库的为“7:05”）。平台按唯一标识的原文区分记录，两者现为两条记录；"
                    + "如是同一条记录，请按已入库的写法填写后重新发送，并请平台管理员删除多出的一条。本行已接收");
            assertThat(p.rawValue()).isEqualTo("231031018202100345 / 2026/11/26 / 07:05");
        });
        assertThat(jdbc.sql("SELECT trace_code, batch_id FROM trace_event WHERE source_id = ?")
                .param(FILLING).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list()).containsExactlyInAnyOrder(
                List.of("231031018201900812", first), List.of("231031018201900812", again),
                List.of("231031018202100345", first), List.of("231031018202100345", again),
                List.of("231031018202100346", again));

        // reprocessed: the same warning; its own earlier attempt is no other record
        assertThat(importNewAttempt(again).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(errors.problemsOf(again, 2)).extracting(RowProblem::row, RowProblem::code)
                .containsExactly(tuple(2L, ErrorCodes.RECORD_KEY_SPELLING));
        assertThat(batch(again).rowsWarned()).isEqualTo(1L);
    }
}
