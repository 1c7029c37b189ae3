package org.tracehub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchCounts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchListFilter;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.staging.NewStagedEvent;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StagedPayloadFiles;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.BothDatabases;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.platform.trace.TraceChainQuery;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.Inputs;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.validation.RowNumbering;

/** The Flyway migrations and the store's SQL on the embedded default (H2) and on a real PostgreSQL. */
class StoreOnBothDatabasesTest extends BothDatabases {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));

    @TempDir
    Path dataDir;
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migrationsCreateTheStoreAndTheSpringBatchTables(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        for (String table : List.of("batch", "batch_error", "rejected_row", "staged_event", "trace_event", "trace_link",
                "operator", "product", "trace_alias", "batch_job_execution", "batch_step_execution_context")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void secondReceiptOfTheSameContentFindsTheFirstBatch(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);
        NewBatch first = newBatch("20261128-00000000a1");
        assertThat(batches.insertReceived(first)).isEmpty();
        NewBatch again = newBatch("20261128-00000000a2");
        assertThat(batches.insertReceived(again)).get().extracting(b -> b.id()).isEqualTo(first.id());
        batches.insertTerminal(again, BatchStatus.DUPLICATE, first.id(), "FILE_DUPLICATE", "重复文件");

        // as received, in the hub's zone: PostgreSQL hands timestamps back in UTC
        assertThat(batches.findById(first.id())).get().extracting(b -> b.receivedAt()).isEqualTo(first.receivedAt());
        assertThat(first.receivedAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        assertThat(batches.find(new BatchListFilter(null, null, null, null), 0, 10)).hasSize(2);
        assertThat(batches.find(new BatchListFilter("meat-wholesale-xj", BatchStatus.DUPLICATE, null, null), 0, 10)).singleElement()
                .satisfies(b -> assertThat(b.duplicateOf()).isEqualTo(first.id()));

        int attempt = batches.startAttempt(first.id());
        batches.markStaged(first.id(), attempt, new BatchCounts(10, 7, 3, 1, 1), "GB18030");
        assertThat(batches.findById(first.id())).get().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.STAGED);
            assertThat(b.attempt()).isEqualTo(1);
            assertThat(b.rowsAccepted()).isEqualTo(7);
            assertThat(b.rowsRejected()).isEqualTo(3);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchListShowsItsFiltersBatchesNewestFirstAPageAtATime(String vendor, DataSource ds) {
        BatchRepository batches = new BatchRepository(migrate(vendor, ds), new InsertIfAbsent(ds), CLOCK);
        OffsetDateTime noon = OffsetDateTime.parse("2026-11-27T12:00+08:00");
        received(batches, "20261127-0000000001", "meat-wholesale-xj", noon.minusDays(1));
        received(batches, "20261127-0000000002", "meat-wholesale-xj", noon);
        received(batches, "20261127-0000000003", "vegetable-base", noon);
        received(batches, "20261127-0000000004", "meat-wholesale-xj", noon.plusHours(1));
        received(batches, "20261127-0000000005", "meat-wholesale-xj", noon);   // as 2 and 3: the greater id first
        batches.markFailed("20261127-0000000002", batches.startAttempt("20261127-0000000002"), "FILE_EMPTY", "文件无数据行");

        assertThat(ids(batches, new BatchListFilter(null, null, null, null), 0, 10)).containsExactly(4, 5, 3, 2, 1);
        assertThat(ids(batches, BatchListFilter.ofSource("meat-wholesale-xj"), 0, 10)).containsExactly(4, 5, 2, 1);
        assertThat(ids(batches, BatchListFilter.ofSource("meat-wholesale-xj"), 1, 2)).containsExactly(5, 2);
        assertThat(ids(batches, new BatchListFilter(null, BatchStatus.FAILED, null, null), 0, 10)).containsExactly(2);
        assertThat(ids(batches, new BatchListFilter("vegetable-base", BatchStatus.FAILED, null, null), 0, 10)).isEmpty();
        BatchListFilter noonHour = new BatchListFilter(null, null, noon, noon.plusHours(1));   // from included, to not
        assertThat(ids(batches, noonHour, 0, 10)).containsExactly(5, 3, 2);
        assertThat(ids(batches, new BatchListFilter("meat-wholesale-xj", BatchStatus.RECEIVED, noon, null), 0, 10)).containsExactly(4, 5);
        assertThat(batches.count(noonHour)).isEqualTo(3);
        assertThat(batches.count(new BatchListFilter(null, null, null, null))).isEqualTo(5);
        assertThat(batches.count(BatchListFilter.ofSource("meat-wholesale-xj"))).isEqualTo(4);
        assertThat(batches.lastOfSource("meat-wholesale-xj")).get().extracting(b -> b.id()).isEqualTo("20261127-0000000004");
        assertThat(batches.lastOfSource("vegetable-base")).get().extracting(b -> b.id()).isEqualTo("20261127-0000000003");
        assertThat(batches.lastOfSource("dairy-plant")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theFileHeaderReadByAnAttemptIsKeptWithItUntilTheNextAttemptStarts(String vendor, DataSource ds) {
        // converted before V17: no header recorded
        JdbcClient jdbc = migrateTo(vendor, ds, "16");
        // an insert alone: the repository's queries read the columns of the newest version
        new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK).insertTerminal(newBatch("20261127-0000000001"), BatchStatus.LOADED,
                null, null, null);
        jdbc.sql("UPDATE batch SET attempt = 1, status = 'LOADED' WHERE id = '20261127-0000000001'").update();
        upgrade(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        String id = "20261127-0000000001";
        assertThat(batches.fileHeader(id, 1)).isEmpty();

        int attempt = batches.startAttempt(id);
        List<String> header = java.util.Arrays.asList("序号", "重量(斤)", null, "", "a\"b\u0000");
        batches.recordFileHeader(id, attempt, header);
        batches.recordFileHeader(id, attempt, header);   // the attempt restarted: the same again
        assertThat(batches.fileHeader(id, attempt)).hasValue(java.util.Arrays.asList("序号", "重量(斤)", null, "", "a\"b\uFFFD"));
        assertThat(batches.fileHeader(id, attempt - 1)).as("another attempt's").isEmpty();
        batches.recordFileHeader(id, attempt - 1, List.of("x"));
        assertThat(batches.fileHeader(id, attempt)).as("a superseded attempt writes nothing").get().asList().hasSize(5);

        // a header wider than the column: each title cut to 200 characters, the last titles left off
        List<String> wide = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> i + "列".repeat(300)).toList();
        batches.recordFileHeader(id, attempt, wide);
        List<String> kept = batches.fileHeader(id, attempt).orElseThrow();
        assertThat(kept).hasSizeBetween(400, 600).allSatisfy(t -> assertThat(t).hasSize(200).endsWith("…"));
        assertThat(kept.get(7)).startsWith("7列");

        assertThat(batches.startAttempt(id)).isEqualTo(attempt + 1);
        assertThat(batches.fileHeader(id, attempt + 1)).as("a new attempt reads its own").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBatchKeepsWhetherItsRowsAreLinesOrRecordOrdinalsUntilTheNextAttemptStarts(String vendor, DataSource ds) {
        // converted before V22: nothing recorded, read as lines, which every file then was labelled with
        JdbcClient jdbc = migrateTo(vendor, ds, "21");
        String id = "20261127-0000000001";
        new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK).insertTerminal(newBatch(id), BatchStatus.RECEIVED, null, null, null);
        upgrade(vendor, ds);
        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        assertThat(batches.findById(id)).get().extracting(Batch::rowNumbering).isEqualTo(RowNumbering.LINES);

        int attempt = batches.startAttempt(id);
        batches.recordFileHeader(id, attempt, List.of("@id"), RowNumbering.RECORDS);
        assertThat(batches.findById(id)).get().extracting(Batch::rowNumbering).isEqualTo(RowNumbering.RECORDS);
        assertThat(batches.find(new BatchListFilter(null, null, null, null), 0, 10)).singleElement()
                .extracting(Batch::rowNumbering).isEqualTo(RowNumbering.RECORDS);

        batches.startAttempt(id);
        assertThat(batches.findById(id)).get().extracting(Batch::rowNumbering).as("the next attempt reads the file again")
                .isEqualTo(RowNumbering.LINES);
    }

    private static void received(BatchRepository batches, String id, String source, OffsetDateTime at) {
        assertThat(batches.insertReceived(new NewBatch(id, source, "f.csv", "f.csv", "archive/" + id + "/f.csv", 1, id.repeat(4).substring(0, 64),
                Transport.SFTP, at))).isEmpty();
    }

    /** The listed batches by their number (the id's last digits). */
    private static List<Integer> ids(BatchRepository batches, BatchListFilter filter, int offset, int limit) {
        return batches.find(filter, offset, limit).stream().map(b -> Integer.parseInt(b.id().substring(9))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eventsStagedBeforeV10InTheirRowAndAfterItInAFileAreReadAlikeAndGoWithTheirAttempt(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        StagedPayloadFiles files = new StagedPayloadFiles(new HubStorage(dataDir.toString()));
        StagedEventRepository staged = new StagedEventRepository(new JdbcTemplate(ds), files);
        String batchId = "20261128-00000000b1";
        // staged before V10: the XML in its row
        jdbc.sql("INSERT INTO staged_event (batch_id, attempt, row_no, event_id, record_key, payload) VALUES (?, 1, 3, ?, ?, ?)")
                .params(batchId, "e".repeat(32), "\u001fK3", "<event>三</event>").update();
        staged.replaceRange(batchId, 1, 4, 6, List.of(
                new NewStagedEvent(4, "f".repeat(32), "\u001fK4", utf8("<event>四</event>")),
                new NewStagedEvent(6, "a".repeat(32), "\u001fK6", utf8("<event>六</event>"))));
        staged.replaceRange(batchId, 1, 4, 6, List.of(   // the chunk again, as a retry writes it
                new NewStagedEvent(4, "f".repeat(32), "\u001fK4", utf8("<event>四</event>")),
                new NewStagedEvent(6, "a".repeat(32), "\u001fK6", utf8("<event>六</event>"))));

        assertThat(staged.count(batchId, 1)).isEqualTo(3);
        assertThat(staged.page(batchId, 1, 0, 10)).extracting(StagedEvent::row, StagedEvent::recordKey, StagedEvent::payload)
                .containsExactly(tuple(3L, "\u001fK3", "<event>三</event>"), tuple(4L, "\u001fK4", "<event>四</event>"),
                        tuple(6L, "\u001fK6", "<event>六</event>"));
        assertThat(staged.page(batchId, 1, 3, 1)).extracting(StagedEvent::row).containsExactly(4L);
        assertThat(staged.anyAfter(batchId, 1, 4)).isTrue();
        assertThat(staged.anyAfter(batchId, 1, 6)).isFalse();

        staged.replaceRange(batchId, 2, 3, 3, List.of(new NewStagedEvent(3, "e".repeat(32), "\u001fK3", utf8("<event>3</event>"))));
        staged.deleteOtherAttempts(batchId, 2);   // no transaction here: the file goes at once
        assertThat(staged.count(batchId, 1)).isZero();
        assertThat(files.file(batchId, 1)).doesNotExist();
        assertThat(staged.page(batchId, 2, 0, 10)).extracting(StagedEvent::payload).containsExactly("<event>3</event>");

        // a reprocess began after the purge read the batch at attempt 2: what it stages is not the purge's
        staged.replaceRange(batchId, 3, 3, 3, List.of(new NewStagedEvent(3, "e".repeat(32), "\u001fK3", utf8("<event>3'</event>"))));
        assertThat(staged.deleteBatch(batchId, 2)).isEqualTo(1);
        assertThat(files.file(batchId, 2)).doesNotExist();
        assertThat(staged.page(batchId, 3, 0, 10)).extracting(StagedEvent::payload).containsExactly("<event>3'</event>");
        assertThat(files.file(batchId, 3)).exists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void rowProblemsAreReplacedNotDoubledWhenAChunkIsWrittenAgain(String vendor, DataSource ds) {
        migrate(vendor, ds);
        BatchErrorRepository errors = new BatchErrorRepository(new JdbcTemplate(ds));
        List<RowProblem> problems = List.of(new RowProblem(5, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "…", "9131"));
        errors.replaceRow("b1", 1, 5, problems, "[\"1\"]");
        errors.replaceRow("b1", 1, 5, problems, "[\"1\"]");
        assertThat(errors.problemsOf("b1", 1)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void problemsAreReadPageByPageInRowOrderAsOftenAsTheyAreIterated(String vendor, DataSource ds) {
        migrate(vendor, ds);
        BatchErrorRepository errors = new BatchErrorRepository(new JdbcTemplate(ds));
        List<BatchErrorRepository.RowRecord> records = new ArrayList<>();
        // one problem on row 1 and two on every other row, so that a page of 5,000 ends between the two of row 2,501
        records.add(new BatchErrorRepository.RowRecord(1, List.of(new RowProblem(1, null, null, "ERROR", "FIELD_REQUIRED", "第1行", null)),
                "[]"));
        for (long row = 2; row <= 6_002; row++) {
            records.add(new BatchErrorRepository.RowRecord(row, List.of(
                    new RowProblem(row, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER", "第" + row + "行", "9131"),
                    new RowProblem(row, "重量(公斤)", "quantity", "WARNING", "QUANTITY_IMPLAUSIBLE", "第" + row + "行", "9999")), "[]"));
        }
        errors.replaceRange("b1", 1, 1, 6_002, records);
        errors.replaceRow("b1", 2, 3, List.of(new RowProblem(3, null, null, "ERROR", "FIELD_REQUIRED", "另一次", null)), "[]");

        Iterable<RowProblem> problems = errors.problemsOf("b1", 1);

        for (int pass = 0; pass < 2; pass++) {
            List<RowProblem> read = new ArrayList<>();
            problems.forEach(read::add);
            assertThat(read).hasSize(12_003);
            assertThat(read).extracting(RowProblem::row).isSorted();
            assertThat(read.get(4_999)).satisfies(p -> {
                assertThat(p.row()).isEqualTo(2_501);
                assertThat(p.code()).isEqualTo("USCC_CHARACTER");
            });
            assertThat(read.get(5_000)).satisfies(p -> {
                assertThat(p.row()).isEqualTo(2_501);
                assertThat(p.code()).isEqualTo("QUANTITY_IMPLAUSIBLE");
            });
            assertThat(read).doesNotHaveDuplicates();
        }
        assertThat(errors.problemsOf("b1", 3)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void textsLongerThanTheirColumnsAreCutSoThatTheRowIsRejectedAndTheFailureRecorded(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchErrorRepository errors = new BatchErrorRepository(new JdbcTemplate(ds));
        // a stray quote makes one cell swallow the rest of the file; the message quotes it, and 😀 sits across the cut
        String cell = "2026-11-27 08:00,JQ" + "甲".repeat(5000);
        String message = "交易时间无法识别为日期时间：“" + "乙".repeat(983) + "😀" + cell + "”";
        RowProblem problem = new RowProblem(7, "交".repeat(300), "f".repeat(150), "ERROR", "VALUE_DATETIME", message, cell);
        String cells = "[\"" + cell + "\"]";

        errors.replaceRange("b1", 1, 1, 10, List.of(new BatchErrorRepository.RowRecord(7, List.of(problem), cells)));

        assertThat(errors.problemsOf("b1", 1)).singleElement().satisfies(p -> {
            assertThat(p.column()).hasSize(200).endsWith("交…");
            assertThat(p.field()).hasSize(100).endsWith("f…");
            assertThat(p.message()).hasSize(999).startsWith("交易时间无法识别为日期时间").endsWith("乙…");
            assertThat(p.rawValue()).hasSize(4000).startsWith("2026-11-27 08:00,JQ").endsWith("甲…");
        });
        assertThat(errors.countRejectedRows("b1", 1)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT cells FROM rejected_row WHERE batch_id = 'b1'").query(String.class).single()).isEqualTo(cells);

        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        NewBatch batch = newBatch("20261128-00000000c1");
        batches.insertReceived(batch);
        int attempt = batches.startAttempt(batch.id());
        batches.markFailed(batch.id(), attempt, "FILE_HEADER_MISMATCH", "表头与映射不符；实际表头：" + "列".repeat(6000));
        assertThat(batches.findById(batch.id())).get().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BatchStatus.FAILED);
            assertThat(b.failureMessage()).hasSize(4000).startsWith("表头与映射不符").endsWith("列…");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNulCharacterInAQuotedCellIsShownAsAReplacementCharacterSoThatTheProblemIsRecorded(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        BatchErrorRepository errors = new BatchErrorRepository(new JdbcTemplate(ds));
        // legacy exports pad fixed-width fields with NULs; PostgreSQL refuses U+0000 in any text column
        String cell = "XJ\u0000\u0000001";
        RowProblem problem = new RowProblem(3, "交易凭证号\u0000", "voucher", "ERROR", "VALUE_CONTROL_CHARACTER",
                "含有不可见的控制字符U+0000（第3个字符）：“" + cell + "”", cell);

        errors.replaceRange("b1", 1, 1, 10, List.of(new BatchErrorRepository.RowRecord(3, List.of(problem),
                "[\"XJ\\u0000\\u0000001\"]")));

        assertThat(errors.problemsOf("b1", 1)).singleElement().satisfies(p -> {
            assertThat(p.rawValue()).isEqualTo("XJ\uFFFD\uFFFD001");
            assertThat(p.column()).isEqualTo("交易凭证号\uFFFD");
            assertThat(p.message()).endsWith("“XJ\uFFFD\uFFFD001”");
        });
        assertThat(jdbc.sql("SELECT cells FROM rejected_row WHERE batch_id = 'b1'").query(String.class).single())
                .isEqualTo("[\"XJ\\u0000\\u0000001\"]");

        BatchRepository batches = new BatchRepository(jdbc, new InsertIfAbsent(ds), CLOCK);
        NewBatch batch = newBatch("20261128-00000000c2");
        batches.insertReceived(batch);
        int attempt = batches.startAttempt(batch.id());
        batches.markFailed(batch.id(), attempt, "FILE_HEADER_MISMATCH", "表头与映射不符；实际表头：序号,\u0000");
        assertThat(batches.findById(batch.id())).get().satisfies(b -> assertThat(b.failureMessage()).endsWith("序号,\uFFFD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void loadingIsIdempotentAndTheChainFollowsInputsBothWays(String vendor, DataSource ds) {
        JdbcClient jdbc = migrate(vendor, ds);
        TraceEventStore store = new TraceEventStore(new JdbcTemplate(ds), CLOCK);
        TraceEvent slaughter = event("e0000000000000000000000000000001", "TZ1", Step.SLAUGHTER, "2026-11-26T22:00:00+08:00", List.of("PIG1"));
        TraceEvent wholesale = event("e0000000000000000000000000000002", "XJ1", Step.WHOLESALE, "2026-11-27T03:15:00+08:00", List.of("TZ1"));
        TraceEvent retail = event("e0000000000000000000000000000003", "SM1", Step.RETAIL_ENTRY, "2026-11-27T07:00:00+08:00", List.of("XJ1"));
        for (TraceEvent e : List.of(slaughter, wholesale, retail, wholesale)) {
            store.upsert(e, "b1", 1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM trace_event").query(Long.class).single()).isEqualTo(3);

        TraceChain chain = new TraceChainQuery(jdbc).chain("XJ1", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(chain.events()).extracting(ChainEvent::traceCode).containsExactly("TZ1", "XJ1", "SM1");
        assertThat(chain.events()).extracting(ChainEvent::relation)
                .containsExactly(ChainEvent.Relation.UPSTREAM, ChainEvent.Relation.SELF, ChainEvent.Relation.DOWNSTREAM);
        assertThat(chain.gaps()).containsExactly("PIG1");
        assertThat(new TraceChainQuery(jdbc).chain("NOPE", 10).notFound()).isTrue();
    }

    private static NewBatch newBatch(String id) {
        return new NewBatch(id, "meat-wholesale-xj", "交易明细_20261127.csv", "交易明细_20261127.csv",
                "archive/2026/11/28/" + id + "/交易明细_20261127.csv", 1742, "ab".repeat(32), Transport.SFTP,
                OffsetDateTime.now(CLOCK));
    }

    private static TraceEvent event(String id, String code, Step step, String time, List<String> inputs) {
        TraceEvent e = new TraceEvent();
        e.setEventId(id);
        e.setCategory(Category.MEAT);
        e.setStep(step);
        e.setTime(OffsetDateTime.parse(time));
        e.setTraceCode(code);
        Inputs in = new Inputs();
        in.getInput().addAll(inputs);
        e.setInputs(in);
        Party operator = new Party();
        operator.setUscc("91310000631696382C");
        operator.setName("上海西郊国际农产品交易有限公司");
        e.setOperator(operator);
        org.tracehub.schemas.standard.v1.Quantity q = new org.tracehub.schemas.standard.v1.Quantity();
        q.setValue(new BigDecimal("128.25"));
        q.setUnit("KGM");
        e.setQuantity(q);
        Provenance p = new Provenance();
        p.setSourceId("meat-wholesale-xj");
        p.setRow(BigInteger.valueOf(3));
        e.setProvenance(p);
        return e;
    }

    private static byte[] utf8(String xml) {
        return xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
