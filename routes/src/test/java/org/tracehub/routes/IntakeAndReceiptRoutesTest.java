package org.tracehub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.camel.builder.Builder.header;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchCounts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.SettableDiskSpace;
import org.tracehub.routes.intake.Archiver;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.routes.intake.IntakeStaging;
import org.tracehub.routes.intake.TakenFile;
import org.tracehub.routes.receipt.ReceiptDelivery;

/**
 * The intake and receipt routes in a Spring Boot context with real parts: H2 migrated by Flyway,
 * an embedded Artemis broker, files in a temporary data dir. Files are handed to
 * {@code seda:file-received} the way the SFTP drop-box hands them over; waits use NotifyBuilder.
 * Failures are made real too: an archive date folder that cannot be created, a batch row or an
 * archive copy left by a try that "crashed", announcements and receipts that never left.
 */
@SpringBootTest(classes = RoutesTestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.queues=" + BatchMessaging.BATCH_RECEIVED_QUEUE,
        "spring.artemis.embedded.topics=" + BatchMessaging.BATCH_COMPLETED_TOPIC,
        "hub.routes.max-redeliveries=1",
        "hub.routes.redelivery-delay-ms=10",
        // the sweeps run often here; the clock is fixed, so only rows dated long before it are overdue
        "hub.routes.intake-sweep-interval=300ms",
        "hub.routes.intake-sweep-grace=300ms",   // one node alone here: its claims cover what it is filling
        "hub.routes.redispatch-interval=300ms",
        "hub.routes.redispatch-after=1h",
        "hub.routes.receipt-redelivery-interval=300ms",
        "hub.routes.receipt-redelivery-after=1h",
        "camel.main.name=routes-test",
        "logging.level.org.apache.activemq.audit=WARN"})
@Import(SettableDiskSpace.class)
@DirtiesContext
class IntakeAndReceiptRoutesTest {

    private static final String SOURCE = "meat-wholesale-xj";
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A header naming one send of a file to intake, so that a test waits for that send's exchange only. */
    private static final String TEST_DROP = "TraceHubTestDrop";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("spring.artemis.embedded.data-directory", () -> dataDir.resolve("broker").toString());
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    HubStorage storage;

    @Autowired
    BatchRepository batches;

    @Autowired
    BatchErrorRepository errors;

    @Autowired
    BatchAttempts attempts;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    IntakeStaging staging;

    @Autowired
    Archiver archiver;

    @Autowired
    ReceiptDelivery receipts;

    private JmsTemplate queue;

    @BeforeEach
    void jms() {
        queue = new JmsTemplate(connectionFactory);
        queue.setReceiveTimeout(WAIT.toMillis());
    }

    @Test
    void completeFileIsArchivedUnchangedRecordedAsReceivedAndAnnouncedOnTheBatchQueue() throws Exception {
        byte[] content = export("XJM2611280001");
        Path inboxFile = drop(SOURCE, "交易明细_20261128.csv", content);

        takeIn(SOURCE, inboxFile);

        Map<String, Object> batch = onlyBatch(SOURCE, "交易明细_20261128.csv");
        String batchId = (String) batch.get("id");
        assertThat(batchId).matches("20261128-[0-9a-f]{10}");
        assertThat(batch).containsEntry("status", "RECEIVED").containsEntry("stored_name", "交易明细_20261128.csv")
                .containsEntry("size_bytes", (long) content.length).containsEntry("sha256", Archiver.sha256Of(inboxCopy(content)))
                .containsEntry("transport", "SFTP").containsEntry("attempt", 0)
                .containsEntry("content_key", SOURCE + ":" + batch.get("sha256"))
                .containsEntry("duplicate_of", null).containsEntry("failure_code", null);
        assertThat(batch.get("received_at")).isEqualTo(OffsetDateTime.parse("2026-11-28T00:30+08:00"));

        // the archive: the senders' date (Shanghai), the batch id, the name as sent; byte-identical and read-only
        assertThat(batch).containsEntry("archive_path", "archive/2026/11/28/" + batchId + "/交易明细_20261128.csv");
        Path archived = dataDir.resolve((String) batch.get("archive_path"));
        assertThat(Files.readAllBytes(archived)).isEqualTo(content);
        assertThat(Files.getPosixFilePermissions(archived)).doesNotContain(PosixFilePermission.OWNER_WRITE);
        assertThat(inboxFile).doesNotExist();
        assertThat(storage.inbox(SOURCE).resolve(IntakeStaging.TAKEN_FOLDER).resolve(batchId)).as("released once recorded")
                .doesNotExist();

        Message message = queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId));
        assertThat(message).as("a message for %s on %s", batchId, BatchMessaging.BATCH_RECEIVED_QUEUE).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) message).getText()).isEqualTo(batchId);
        assertThat(message.getStringProperty(BatchMessaging.BATCH_ID_PROPERTY)).isEqualTo(batchId);
        await().atMost(WAIT).until(() -> column(batchId, "dispatched_at") != null);

        assertThat(storage.outbox(SOURCE).resolve("交易明细_20261128.csv.receipt.csv"))
                .as("a received file is answered by the import job, not at intake").doesNotExist();
    }

    @Test
    void sameContentFromTheSameSourceAgainIsADuplicateOfTheFirstBatchAndTheReceiptSaysSo() throws Exception {
        byte[] content = export("XJM2611280101");
        takeIn(SOURCE, drop(SOURCE, "交易明细_20261128_resent.csv", content));
        String firstId = (String) onlyBatch(SOURCE, "交易明细_20261128_resent.csv").get("id");
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(firstId))).isNotNull();

        Path again = drop(SOURCE, "交易明细_20261128_resent.csv", content);
        takeIn(SOURCE, again);

        Map<String, Object> duplicate = batch(SOURCE, "交易明细_20261128_resent.csv", "DUPLICATE");
        String duplicateId = (String) duplicate.get("id");
        assertThat(duplicateId).isNotEqualTo(firstId);
        assertThat(duplicate).containsEntry("duplicate_of", firstId).containsEntry("failure_code", "FILE_DUPLICATE")
                .containsEntry("content_key", null);
        assertThat(batch(SOURCE, "交易明细_20261128_resent.csv", "RECEIVED")).containsEntry("id", firstId);
        assertThat(Files.readAllBytes(dataDir.resolve((String) duplicate.get("archive_path")))).as("the duplicate is archived too")
                .isEqualTo(content);
        assertThat(again).doesNotExist();
        assertThat(noWait().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(duplicateId)))
                .as("a duplicate is not imported").isNull();

        List<CSVRecord> receipt = receiptCsv(SOURCE, "交易明细_20261128_resent.csv");
        assertThat(receipt.get(2).values()).containsExactly("批次号", duplicateId);
        assertThat(receipt.get(3).values()).containsExactly("状态", "重复文件，未处理", "DUPLICATE");
        assertThat(line(receipt, "原因").get(1)).isEqualTo("FILE_DUPLICATE");
        assertThat(line(receipt, "原因").get(2)).contains(firstId, "交易明细_20261128_resent.csv", "2026-11-28");
        assertThat(Files.readString(storage.outbox(SOURCE).resolve("交易明细_20261128_resent.csv.receipt.xml")))
                .contains("<duplicateOf>" + firstId + "</duplicateOf>", "code=\"DUPLICATE\"");
    }

    @Test
    void aDuplicateIsArchivedAsAHardLinkToTheFirstCopyTakingNoNewSpaceAndOutlivesThePurgeOfTheFirst() throws Exception {
        String name = "交易明细_20261128_nightly.csv";
        byte[] content = export("XJM2611280103");
        takeIn(SOURCE, drop(SOURCE, name, content));
        takeIn(SOURCE, drop(SOURCE, name, content));

        Path first = dataDir.resolve((String) batch(SOURCE, name, "RECEIVED").get("archive_path"));
        Map<String, Object> duplicate = batch(SOURCE, name, "DUPLICATE");
        Path again = dataDir.resolve((String) duplicate.get("archive_path"));
        assertThat(again).as("in its own batch's folder").isNotEqualTo(first)
                .hasParent(dataDir.resolve("archive/2026/11/28").resolve((String) duplicate.get("id")));
        assertThat(Files.getAttribute(again, "unix:ino")).as("the first copy's bytes, not a copy of them")
                .isEqualTo(Files.getAttribute(first, "unix:ino"));
        assertThat(Files.getAttribute(first, "unix:nlink")).isEqualTo(2);
        assertThat(Files.readAllBytes(again)).as("still read as the file received").isEqualTo(content);

        // the archive purge removes the first batch's folder: the duplicate's name keeps the bytes
        Files.delete(first);
        assertThat(Files.readAllBytes(again)).isEqualTo(content);
        assertThat(Files.getAttribute(again, "unix:nlink")).isEqualTo(1);
    }

    @Test
    void anUnknownFileSentAgainAndAgainIsRecordedEachTimeButArchivedOnce() throws Exception {
        String name = "销售日报_每晚.xlsx";
        byte[] content = export("XJM2611280302");
        for (int night = 0; night < 3; night++) {
            takeIn(SOURCE, drop(SOURCE, name, content));
        }

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM batch WHERE source_id = ? AND file_name = ?")
                .params(SOURCE, name).query().listOfRows();
        assertThat(rows).as("every receipt of it recorded").hasSize(3)
                .allSatisfy(row -> assertThat(lowerCaseKeys(row)).containsEntry("status", "UNKNOWN_SOURCE"));
        List<Path> archived = rows.stream().map(row -> dataDir.resolve((String) lowerCaseKeys(row).get("archive_path"))).toList();
        assertThat(archived).doesNotHaveDuplicates();
        for (Path file : archived) {
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
            assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(Files.getAttribute(archived.get(0), "unix:ino"));
        }
        assertThat(Files.getAttribute(archived.get(0), "unix:nlink")).isEqualTo(3);
    }

    @Test
    void theSameExportSentAgainUnderItsNameLeavesTheFirstReceiptInTheOutboxUnderTheFirstBatchsId() throws Exception {
        String name = "交易明细_20261128_again.csv";
        byte[] content = export("XJM2611280102");
        takeIn(SOURCE, drop(SOURCE, name, content));
        String firstId = (String) onlyBatch(SOURCE, name).get("id");
        receipts.deliver(firstId); // as the import job does when the batch is staged
        byte[] firstReceipt = Files.readAllBytes(storage.outbox(SOURCE).resolve(name + ".receipt.csv"));

        takeIn(SOURCE, drop(SOURCE, name, content));
        String duplicateId = (String) batch(SOURCE, name, "DUPLICATE").get("id");

        assertThat(receiptCsv(SOURCE, name).get(2).values()).as("the plain name answers what was sent last")
                .containsExactly("批次号", duplicateId);
        Path kept = storage.outbox(SOURCE).resolve(name + "." + firstId + ".receipt.csv");
        assertThat(kept).as("the first receipt, with the rows it refused, is still there").hasBinaryContent(firstReceipt);
        assertThat(storage.outbox(SOURCE).resolve(name + "." + firstId + ".receipt.xml")).content()
                .contains("<batchId>" + firstId + "</batchId>");

        // a follow-up receipt of the first batch (loaded later, reprocessed) updates its own copy, not the newer one
        receipts.deliver(firstId);
        assertThat(receiptCsv(SOURCE, name).get(2).values()).containsExactly("批次号", duplicateId);
        assertThat(kept).hasBinaryContent(firstReceipt);
    }

    @Test
    void sameContentFromAnotherSourceIsNotADuplicate() throws Exception {
        byte[] content = export("XJM2611280201");
        takeIn(SOURCE, drop(SOURCE, "交易明细_20261128_shared.csv", content));
        takeIn(RoutesTestApplication.OTHER_SOURCE, drop(RoutesTestApplication.OTHER_SOURCE, "交易明细_20261128_shared.csv", content));

        Map<String, Object> first = onlyBatch(SOURCE, "交易明细_20261128_shared.csv");
        Map<String, Object> other = onlyBatch(RoutesTestApplication.OTHER_SOURCE, "交易明细_20261128_shared.csv");
        assertThat(first).containsEntry("status", "RECEIVED");
        assertThat(other).containsEntry("status", "RECEIVED").containsEntry("sha256", first.get("sha256"));
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector((String) first.get("id")))).isNotNull();
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector((String) other.get("id")))).isNotNull();
    }

    @Test
    void zeroByteFileIsRecordedAsEmptyArchivedAndAnsweredWithAReceipt() throws Exception {
        Path inboxFile = drop(SOURCE, "交易明细_20261128_empty.csv", new byte[0]);

        takeIn(SOURCE, inboxFile);

        Map<String, Object> batch = onlyBatch(SOURCE, "交易明细_20261128_empty.csv");
        assertThat(batch).containsEntry("status", "EMPTY").containsEntry("size_bytes", 0L).containsEntry("failure_code", "FILE_EMPTY")
                .containsEntry("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(dataDir.resolve((String) batch.get("archive_path"))).exists().isEmptyFile();
        assertThat(inboxFile).doesNotExist();
        assertThat(noWait().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector((String) batch.get("id")))).isNull();

        List<CSVRecord> receipt = receiptCsv(SOURCE, "交易明细_20261128_empty.csv");
        assertThat(receipt.get(3).values()).containsExactly("状态", "空文件，未处理", "EMPTY");
        assertThat(line(receipt, "原因").get(1)).isEqualTo("FILE_EMPTY");
        assertThat(line(receipt, "原因").get(2)).contains("0字节");
    }

    @Test
    void fileNameNoPatternMatchesIsUnknownAndTheReceiptListsTheAllowedPattern() throws Exception {
        Path inboxFile = drop(SOURCE, "销售日报_20261128.xlsx", export("XJM2611280301"));

        takeIn(SOURCE, inboxFile);

        Map<String, Object> batch = onlyBatch(SOURCE, "销售日报_20261128.xlsx");
        assertThat(batch).containsEntry("status", "UNKNOWN_SOURCE").containsEntry("failure_code", "FILE_UNKNOWN")
                .containsEntry("content_key", null);
        assertThat(dataDir.resolve((String) batch.get("archive_path"))).exists();
        assertThat(inboxFile).doesNotExist();
        assertThat(noWait().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector((String) batch.get("id")))).isNull();

        List<CSVRecord> receipt = receiptCsv(SOURCE, "销售日报_20261128.xlsx");
        assertThat(receipt.get(3).values()).containsExactly("状态", "无法识别的文件，未处理", "UNKNOWN_SOURCE");
        assertThat(line(receipt, "原因").get(1)).isEqualTo("FILE_UNKNOWN");
        assertThat(line(receipt, "原因").get(2)).contains("销售日报_20261128.xlsx", "交易明细_*.csv");
    }

    @Test
    void fileFromASourceWithoutASpecIsUnknownAndAnsweredInTheDefaultEncoding() throws Exception {
        String source = "market-without-spec";
        Path inboxFile = drop(source, "交易明细_20261128.csv", export("XJM2611280401"));

        takeIn(source, inboxFile);

        Map<String, Object> batch = onlyBatch(source, "交易明细_20261128.csv");
        assertThat(batch).containsEntry("status", "UNKNOWN_SOURCE").containsEntry("failure_code", "FILE_UNKNOWN");
        assertThat(inboxFile).doesNotExist();
        List<CSVRecord> receipt = receiptCsv(source, "交易明细_20261128.csv");
        assertThat(receipt.get(3).get(2)).isEqualTo("UNKNOWN_SOURCE");
        assertThat(line(receipt, "原因").get(2)).contains("该来源尚未配置映射");
    }

    @Test
    void senderNameIsKeptForTheSenderButSanitisedOnDisk() throws Exception {
        Path inboxFile = drop(SOURCE, "交易明细_2026:11:28 <夜班>.csv", export("XJM2611280501"));

        takeIn(SOURCE, inboxFile);

        Map<String, Object> batch = onlyBatch(SOURCE, "交易明细_2026:11:28 <夜班>.csv");
        assertThat(batch).containsEntry("status", "RECEIVED").containsEntry("stored_name", "交易明细_2026_11_28 _夜班_.csv");
        assertThat((String) batch.get("archive_path")).endsWith("/" + batch.get("id") + "/交易明细_2026_11_28 _夜班_.csv");
        assertThat(dataDir.resolve((String) batch.get("archive_path"))).exists();
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector((String) batch.get("id")))).isNotNull();
    }

    @Test
    void fileReportedTwiceIsTakenOnce() throws Exception {
        Path inboxFile = drop(SOURCE, "交易明细_20261128_twice.csv", export("XJM2611280601"));
        NotifyBuilder both = new NotifyBuilder(camel).fromRoute("file-intake")
                .filter(header(IntakeHeaders.FILE_PATH).isEqualTo(inboxFile.toString())).whenDone(2).create();

        send(SOURCE, inboxFile);
        send(SOURCE, inboxFile);

        assertThat(both.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("both reports handled").isTrue();
        Map<String, Object> batch = onlyBatch(SOURCE, "交易明细_20261128_twice.csv");
        assertThat(batch).containsEntry("status", "RECEIVED");
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector((String) batch.get("id")))).isNotNull();
    }

    @Test
    void fileThatCannotBeArchivedStaysInTheInboxAndIsTakenInLaterUnderTheSameBatch() throws Exception {
        byte[] content = export("XJM2611280701");
        Path inboxFile = drop(SOURCE, "交易明细_20261128_blocked.csv", content);
        // the archive's date folder cannot be created: a file stands where it belongs
        Path day = dataDir.resolve("archive/2026/11/28");
        Path aside = dataDir.resolve("archive/2026/11/28.aside");
        Files.createDirectories(day);
        Files.move(day, aside);
        Files.writeString(day, "in the way");
        Path taken;
        try {
            NotifyBuilder gaveUp = new NotifyBuilder(camel).fromRoute("file-intake")
                    .filter(header(IntakeHeaders.FILE_PATH).isEqualTo(inboxFile.toString())).whenDone(1).create();
            send(SOURCE, inboxFile);
            assertThat(gaveUp.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("intake retried, then gave up").isTrue();

            taken = onlyTakenFolder(SOURCE);
            assertThat(inboxFile).doesNotExist();
            assertThat(Files.readAllBytes(taken.resolve("交易明细_20261128_blocked.csv"))).as("held unchanged in the inbox")
                    .isEqualTo(content);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM batch WHERE file_name = ?").param("交易明细_20261128_blocked.csv")
                    .query(Long.class).single()).isZero();
        } finally {
            Files.delete(day);
            Files.move(aside, day);
        }

        // the intake sweep tries again, with the batch id the file got when it was taken
        String batchId = taken.getFileName().toString();
        await().atMost(WAIT).until(() -> batches.findById(batchId).isPresent());
        Map<String, Object> batch = onlyBatch(SOURCE, "交易明细_20261128_blocked.csv");
        assertThat(batch).containsEntry("id", batchId).containsEntry("status", "RECEIVED");
        assertThat(Files.readAllBytes(dataDir.resolve((String) batch.get("archive_path")))).isEqualTo(content);
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId))).isNotNull();
        await().atMost(WAIT).until(() -> !Files.exists(taken));
    }

    @Test
    void anIntakeTheDatabaseRefusesIsLoggedWithTheTakenFilesNameAndWhereItLies() throws Exception {
        String name = "交易明细_20261128_refused.csv";
        TakenFile taken = staging.take(SOURCE, drop(SOURCE, name, export("XJM2611281101")), name, Transport.SFTP).orElseThrow();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routesLog = (Logger) LoggerFactory.getLogger("org.tracehub.routes");
        routesLog.addAppender(log);
        // the database refuses the batch row: no row to find the file by, only the log line
        jdbc.sql("ALTER TABLE batch ADD CONSTRAINT test_fault CHECK (file_name <> '" + name + "')").update();
        String gaveUp;
        try {
            handOverByBatchId(taken);
            gaveUp = await().atMost(WAIT).until(() -> errorLine(log, "batch=" + taken.batchId()), line -> line != null);
        } finally {
            jdbc.sql("ALTER TABLE batch DROP CONSTRAINT test_fault").update();
            routesLog.detachAppender(log);
        }

        assertThat(gaveUp).contains("gave up: source=" + SOURCE + " file=" + name + " (" + taken.file() + ")");
        // once the database takes rows again, the sweep takes the file in under its batch id
        await().atMost(WAIT).until(() -> batches.findById(taken.batchId()).isPresent());
        await().atMost(WAIT).until(() -> !Files.exists(taken.folder()));
    }

    @Test
    void filesReceivedWhileTheDiskIsBelowItsFloorStayTakenUncopiedAreToldOnceAndAreTakenInOnceSpaceIsBack() throws Exception {
        List<TakenFile> taken = new ArrayList<>();
        for (String voucher : List.of("XJM2611281201", "XJM2611281202")) {
            String name = "交易明细_20261128_" + voucher + ".csv";
            taken.add(staging.take(SOURCE, drop(SOURCE, name, export(voucher)), name, Transport.SFTP).orElseThrow());
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routesLog = (Logger) LoggerFactory.getLogger("org.tracehub.routes");
        routesLog.addAppender(log);
        SettableDiskSpace.FREE.set(SettableDiskSpace.FLOOR - 1);
        try {
            NotifyBuilder sweeps = new NotifyBuilder(camel).fromRoute("file-intake")
                    .filter(header(IntakeHeaders.BATCH_ID).in(taken.get(0).batchId(), taken.get(1).batchId())).whenDone(6).create();
            taken.forEach(this::handOverByBatchId);
            assertThat(sweeps.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("handed back by the sweep again and again").isTrue();

            for (TakenFile file : taken) {
                assertThat(file.file()).as("held where it was received").exists();
                assertThat(batches.findById(file.batchId())).isEmpty();
                assertThat(storage.dataDir().resolve(storage.archiveFolder(file.receivedAt(), file.batchId()))).as("no copy begun")
                        .doesNotExist();
            }
        } finally {
            SettableDiskSpace.FREE.set(Long.MAX_VALUE);
            routesLog.detachAppender(log);
        }
        assertThat(errorLines(log, "平台数据盘空间不足")).as("one problem, told once for both files and every sweep").hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("below hub.intake.min-disk-free"));
        assertThat(errorLines(log, "gave up: source=" + SOURCE + " file=交易明细_20261128_XJM26112812"))
                .as("not retried and given up as a failure of its own").isEmpty();

        for (TakenFile file : taken) {
            await().atMost(WAIT).until(() -> batches.findById(file.batchId()).isPresent());
            await().atMost(WAIT).until(() -> !Files.exists(file.folder()));
            // its announcement taken off the queue, which has no consumer here and a small size limit
            assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(file.batchId()))).isNotNull();
        }
    }

    @Test
    void aTakenFileWhoseIntakeKeepsFailingIsLoggedAtErrorOnceNotAtEverySweep() throws Exception {
        String name = "交易明细_20261128_refused_again.csv";
        TakenFile taken = staging.take(SOURCE, drop(SOURCE, name, export("XJM2611281102")), name, Transport.SFTP).orElseThrow();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routesLog = (Logger) LoggerFactory.getLogger("org.tracehub.routes");
        routesLog.addAppender(log);
        jdbc.sql("ALTER TABLE batch ADD CONSTRAINT test_fault_again CHECK (file_name <> '" + name + "')").update();
        try {
            NotifyBuilder sweeps = new NotifyBuilder(camel).fromRoute("file-intake")
                    .filter(header(IntakeHeaders.BATCH_ID).isEqualTo(taken.batchId())).whenDone(4).create();
            handOverByBatchId(taken);
            assertThat(sweeps.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the sweep handed it back again and again").isTrue();
        } finally {
            jdbc.sql("ALTER TABLE batch DROP CONSTRAINT test_fault_again").update();
            routesLog.detachAppender(log);
        }

        assertThat(errorLines(log, "batch=" + taken.batchId())).as("told once (and again once a day), not at every sweep").hasSize(1);
        await().atMost(WAIT).until(() -> batches.findById(taken.batchId()).isPresent());
    }

    @Test
    void retryAfterACrashBehindTheArchiveCopyReusesTheBatchsOwnArchiveFolder() throws Exception {
        byte[] content = export("XJM2611280801");
        TakenFile taken = staging.take(SOURCE, drop(SOURCE, "交易明细_20261128_crash1.csv", content), "交易明细_20261128_crash1.csv",
                Transport.SFTP).orElseThrow();
        // what the try that died left: its verified archive copy, but no batch row
        Path folder = dataDir.resolve("archive/2026/11/28").resolve(taken.batchId());
        archiver.archive(taken.file(), folder, "交易明细_20261128_crash1.csv");

        takeInTaken(SOURCE, taken.batchId());

        assertThat(onlyBatch(SOURCE, "交易明细_20261128_crash1.csv")).containsEntry("id", taken.batchId())
                .containsEntry("status", "RECEIVED");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("交易明细_20261128_crash1.csv");
        }
        assertThat(Files.readAllBytes(folder.resolve("交易明细_20261128_crash1.csv"))).isEqualTo(content);
        assertThat(taken.folder()).doesNotExist();
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(taken.batchId()))).isNotNull();
    }

    @Test
    void retryAfterACrashBehindTheBatchRowRecognisesItsOwnBatchInsteadOfCallingItADuplicate() throws Exception {
        byte[] content = export("XJM2611280901");
        TakenFile taken = staging.take(SOURCE, drop(SOURCE, "交易明细_20261128_crash2.csv", content), "交易明细_20261128_crash2.csv",
                Transport.SFTP).orElseThrow();
        // what the try that died left: the archive copy and the batch row, but the taken file was not removed
        Path folder = dataDir.resolve("archive/2026/11/28").resolve(taken.batchId());
        Archiver.Archived archived = archiver.archive(taken.file(), folder, "交易明细_20261128_crash2.csv");
        assertThat(batches.insertReceived(new NewBatch(taken.batchId(), SOURCE, "交易明细_20261128_crash2.csv",
                "交易明细_20261128_crash2.csv", "archive/2026/11/28/" + taken.batchId() + "/交易明细_20261128_crash2.csv",
                archived.size(), archived.sha256(), Transport.SFTP, taken.receivedAt()))).isEmpty();

        takeInTaken(SOURCE, taken.batchId());

        assertThat(onlyBatch(SOURCE, "交易明细_20261128_crash2.csv")).containsEntry("id", taken.batchId())
                .containsEntry("status", "RECEIVED").containsEntry("duplicate_of", null);
        assertThat(taken.folder()).doesNotExist();
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(taken.batchId()))).isNotNull();
    }

    @Test
    void aTakenFileARestoreBroughtBackWithoutItsArchiveCopyIsArchivedAgainBeforeItIsReleased() throws Exception {
        String name = "交易明细_20261128_restored.csv";
        byte[] content = export("XJM2611281301"); // content no other test of this class sends: a repeat would be a DUPLICATE
        TakenFile taken = staging.take(SOURCE, drop(SOURCE, name, content), name, Transport.SFTP).orElseThrow();
        // last night's copy of the data dir: the file still taken, not archived yet
        Path backup = Files.createDirectories(dataDir.resolve("backup-of-taken").resolve(taken.batchId()));
        try (Stream<Path> files = Files.list(taken.folder())) {
            for (Path file : files.toList()) {
                Files.copy(file, backup.resolve(file.getFileName()));
            }
        }
        takeInTaken(SOURCE, taken.batchId());
        Map<String, Object> batch = onlyBatch(SOURCE, name);
        Path archived = dataDir.resolve((String) batch.get("archive_path"));
        assertThat(archived).exists();
        assertThat(taken.folder()).doesNotExist();
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(taken.batchId()))).isNotNull();

        // the machine is lost and its data dir restored from that copy, while the database (PostgreSQL) is current
        Files.delete(archived);
        Files.delete(archived.getParent());
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routesLog = (Logger) LoggerFactory.getLogger("org.tracehub.routes");
        routesLog.addAppender(log);
        try {
            Files.createDirectories(taken.folder().getParent());
            Files.move(backup, taken.folder()); // one rename: the sweep never sees it half copied

            await().atMost(WAIT).until(() -> !Files.exists(taken.folder()));
        } finally {
            routesLog.detachAppender(log);
        }

        assertThat(archived).as("the last copy of the original is archived again, not thrown away").exists();
        assertThat(Archiver.sha256Of(archived)).isEqualTo(batch.get("sha256"));
        assertThat(Files.readAllBytes(archived)).isEqualTo(content);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains(taken.batchId(), "has been restored from its taken file"));
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(taken.batchId())))
                .as("still RECEIVED: finished as a retry, announced again").isNotNull();
    }

    @Test
    void takenFileWhoseBatchIdIsAnotherFilesBatchIsTakenInUnderANewIdInsteadOfBeingThrownAway() throws Exception {
        byte[] content = export("XJM2611281001");
        TakenFile taken = staging.take(SOURCE, drop(SOURCE, "交易明细_20261128_clash.csv", content), "交易明细_20261128_clash.csv",
                Transport.SFTP).orElseThrow();
        // two random ids of one day met: the id is already another source's batch, recorded while this file was taken
        assertThat(batches.insertReceived(new NewBatch(taken.batchId(), RoutesTestApplication.OTHER_SOURCE, "其他来源.csv", "其他来源.csv",
                "archive/2026/11/28/" + taken.batchId() + "/其他来源.csv", 3, "cc".repeat(32), Transport.SFTP,
                taken.receivedAt()))).isEmpty();

        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(IntakeHeaders.SOURCE_ID, SOURCE,
                IntakeHeaders.BATCH_ID, taken.batchId(), IntakeHeaders.TRANSPORT, Transport.SFTP.name()));

        await().atMost(WAIT).until(() -> !jdbc.sql("SELECT id FROM batch WHERE source_id = ? AND file_name = ?")
                .params(SOURCE, "交易明细_20261128_clash.csv").query().listOfRows().isEmpty());
        Map<String, Object> batch = onlyBatch(SOURCE, "交易明细_20261128_clash.csv");
        String newId = (String) batch.get("id");
        assertThat(newId).isNotEqualTo(taken.batchId()).startsWith("20261128-");
        assertThat(batch).containsEntry("status", "RECEIVED");
        assertThat(Files.readAllBytes(dataDir.resolve((String) batch.get("archive_path")))).isEqualTo(content);
        assertThat(batches.findById(taken.batchId())).get().extracting(b -> b.sourceId()).isEqualTo(RoutesTestApplication.OTHER_SOURCE);
        await().atMost(WAIT).until(() -> !Files.exists(taken.folder()));
        assertThat(queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(newId))).isNotNull();
    }

    @Test
    void batchIdCollisionIsAnErrorNotADuplicate() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-28T00:30+08:00");
        NewBatch first = new NewBatch("20261128-00000000aa", SOURCE, "a.csv", "a.csv", "archive/a.csv", 1, "aa".repeat(32),
                Transport.SFTP, at);
        NewBatch sameId = new NewBatch("20261128-00000000aa", SOURCE, "b.csv", "b.csv", "archive/b.csv", 1, "bb".repeat(32),
                Transport.SFTP, at);
        assertThat(batches.insertReceived(first)).isEmpty();

        assertThatThrownBy(() -> batches.insertReceived(sameId)).isInstanceOf(DuplicateKeyException.class);
        assertThat(batches.findById("20261128-00000000aa")).get().extracting(b -> b.fileName()).isEqualTo("a.csv");
    }

    @Test
    void receivedBatchWhoseAnnouncementNeverLeftIsAnnouncedAgain() throws Exception {
        String batchId = "20261127-00000000bb";
        // received two hours before the hub's clock, never announced (the broker refused until the last retry)
        assertThat(batches.insertReceived(new NewBatch(batchId, SOURCE, "交易明细_20261127_stuck.csv", "交易明细_20261127_stuck.csv",
                "archive/2026/11/27/" + batchId + "/交易明细_20261127_stuck.csv", 10, "ee".repeat(32), Transport.SFTP,
                OffsetDateTime.parse("2026-11-27T22:30+08:00")))).isEmpty();

        Message message = queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId));

        assertThat(message).as("announced again by batch-redispatch").isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) message).getText()).isEqualTo(batchId);
        await().atMost(WAIT).until(() -> column(batchId, "dispatched_at") != null);
        assertThat(noWait().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId)))
                .as("announced once, not on every sweep").isNull();
    }

    @Test
    void receivedBatchWhoseAnnouncementWasLostOnTheWayIsAnnouncedAgain() throws Exception {
        String batchId = "20261127-00000000bd";
        OffsetDateTime announced = OffsetDateTime.parse("2026-11-27T22:31+08:00");
        // announced two hours ago, and still RECEIVED: the import listener's redeliveries ran out while the database was
        // down, and the broker moved the message to its dead-letter queue (one transaction: the sweep sees it so or not at all)
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(batches.insertReceived(new NewBatch(batchId, SOURCE, "交易明细_20261127_dlq.csv", "交易明细_20261127_dlq.csv",
                    "archive/2026/11/27/" + batchId + "/交易明细_20261127_dlq.csv", 10, "ed".repeat(32), Transport.SFTP,
                    OffsetDateTime.parse("2026-11-27T22:30+08:00")))).isEmpty();
            jdbc.sql("UPDATE batch SET dispatched_at = ? WHERE id = ?").params(announced, batchId).update();
        });

        Message message = queue.receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId));

        assertThat(message).as("announced again by batch-redispatch").isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) message).getText()).isEqualTo(batchId);
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT dispatched_at FROM batch WHERE id = ?").param(batchId)
                .query(OffsetDateTime.class).single().isAfter(announced));
        assertThat(noWait().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId)))
                .as("announced once more, not on every sweep").isNull();
    }

    @Test
    void batchWhoseReceiptWentMissingGetsItDeliveredAgain() throws Exception {
        String batchId = "20261127-00000000cc";
        batches.insertTerminal(new NewBatch(batchId, SOURCE, "交易明细_20261127_lost.csv", "交易明细_20261127_lost.csv",
                "archive/2026/11/27/" + batchId + "/交易明细_20261127_lost.csv", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Transport.SFTP, OffsetDateTime.parse("2026-11-27T22:30+08:00")), BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
        // it became EMPTY two hours ago, and its receipt never reached the outbox
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.parse("2026-11-27T22:30+08:00"), batchId).update();

        await().atMost(WAIT).until(() -> "EMPTY".equals(column(batchId, "receipt_status")));

        List<CSVRecord> receipt = receiptCsv(SOURCE, "交易明细_20261127_lost.csv");
        assertThat(receipt.get(2).values()).containsExactly("批次号", batchId);
        assertThat(receipt.get(3).values()).containsExactly("状态", "空文件，未处理", "EMPTY");
        assertThat(column(batchId, "receipt_attempt")).isEqualTo(0);
    }

    @Test
    void aReceiptThatLeftTheLookbackUndeliveredIsReportedOnceWithItsBatchAndSource() throws Exception {
        String batchId = "20261119-00000000ce";
        batches.insertTerminal(new NewBatch(batchId, SOURCE, "交易明细_20261119_lapsed.csv", "交易明细_20261119_lapsed.csv",
                "archive/2026/11/19/" + batchId + "/交易明细_20261119_lapsed.csv", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b857",
                Transport.SFTP, OffsetDateTime.parse("2026-11-19T22:30+08:00")), BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routesLog = (Logger) LoggerFactory.getLogger("org.tracehub.routes");
        routesLog.addAppender(log);
        try {
            // it became EMPTY eight days ago, its receipt never reached the outbox, and the sweep looks back seven
            jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.parse("2026-11-19T22:30+08:00"), batchId).update();

            await().atMost(WAIT).until(() -> errorLine(log, batchId) != null);
            assertThat(errorLine(log, batchId)).contains(SOURCE).contains("no longer delivered again");
            // later sweeps say it no more
            long reported = lines(log, batchId);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> lines(log, batchId) == reported);
            assertThat(reported).isEqualTo(1);
        } finally {
            routesLog.detachAppender(log);
        }
        assertThat(column(batchId, "receipt_given_up_at")).isNotNull();
        assertThat(column(batchId, "receipt_status")).as("not delivered by the sweep").isNull();
    }

    @Test
    void aSourceWhoseOutboxKeepsRefusingReceiptsIsLoggedAtErrorOnceNotAtEveryDelivery() throws Exception {
        String source = "outbox-refusing";
        List<String> batchIds = List.of("20261127-00000000d1", "20261127-00000000d2");
        for (String batchId : batchIds) {
            batches.insertTerminal(new NewBatch(batchId, source, batchId + ".csv", batchId + ".csv",
                    "archive/2026/11/27/" + batchId + "/" + batchId + ".csv", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    Transport.SFTP, OffsetDateTime.parse("2026-11-27T22:30+08:00")), BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
        }
        // a file where the outbox folder should be: no receipt of the source can be written
        Path outbox = storage.outbox(source);
        Files.createDirectories(outbox.getParent());
        Files.writeString(outbox, "not a folder");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger routesLog = (Logger) LoggerFactory.getLogger("org.tracehub.routes");
        routesLog.addAppender(log);
        ProducerTemplate template = camel.createProducerTemplate();
        try {
            for (String batchId : batchIds) {
                template.send(IntakeEndpoints.RECEIPT, exchange -> {
                    exchange.getIn().setBody(batchId);
                    exchange.getIn().setHeader(IntakeHeaders.BATCH_ID, batchId);
                });
            }
        } finally {
            routesLog.detachAppender(log);
            template.close();
            Files.delete(outbox);
        }
        assertThat(errorLines(log, "gave up for now").stream().filter(line -> batchIds.stream().anyMatch(line::contains)))
                .as("told once for the source (and again once a day), not for each receipt").hasSize(1);
    }

    private static long lines(ListAppender<ILoggingEvent> log, String text) {
        synchronized (log) {
            return log.list.stream().filter(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().contains(text)).count();
        }
    }

    @Test
    void batchChangedAfterItsReceiptInTheSameStatusGetsItsNewReceiptDeliveredAgain() throws Exception {
        String batchId = "20261127-00000000cd";
        batches.insertTerminal(new NewBatch(batchId, SOURCE, "交易明细_20261127_again.csv", "交易明细_20261127_again.csv",
                "archive/2026/11/27/" + batchId + "/交易明细_20261127_again.csv", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b856",
                Transport.SFTP, OffsetDateTime.parse("2026-11-27T22:00+08:00")), BatchStatus.EMPTY, null, "FILE_EMPTY", "第二次的原因");
        // the sender got a receipt for this status and attempt at 22:00; the batch changed again at 22:30 (as a retry that
        // failed once more, for another reason, does) and the receipt of that change never reached the outbox
        OffsetDateTime firstReceipt = OffsetDateTime.parse("2026-11-27T22:00+08:00");
        jdbc.sql("UPDATE batch SET receipt_status = 'EMPTY', receipt_attempt = 0, receipt_at = ?, updated_at = ? WHERE id = ?")
                .params(firstReceipt, OffsetDateTime.parse("2026-11-27T22:30+08:00"), batchId).update();

        await().atMost(WAIT).until(() -> jdbc.sql("SELECT receipt_at FROM batch WHERE id = ?").param(batchId)
                .query(OffsetDateTime.class).single().isAfter(firstReceipt));

        assertThat(receiptCsv(SOURCE, "交易明细_20261127_again.csv").get(2).values()).containsExactly("批次号", batchId);
    }

    @Test
    void aRejectedReprocesssReceiptSaysTheEarlierAttemptsDataStillStands() throws Exception {
        String batchId = "20261128-0123abcdef";
        String name = "交易明细_20261128_reprocessed.csv";
        int first = convertingBatch(batchId, name, "a7");
        batches.markStaged(batchId, first, new BatchCounts(10, 8, 2, 0, 0), "GB18030");
        assertThat(attempts.markLoaded(batchId, first)).isTrue();
        // an admin reprocesses with a changed spec, and the reprocess is refused
        int second = batches.startAttempt(batchId);
        batches.markStaged(batchId, second, new BatchCounts(10, 2, 8, 0, 0), "GB18030");
        batches.markFailed(batchId, second, "REJECT_THRESHOLD", "被拒绝的行数（8/10）超过本来源允许的比例50%。本次重新处理（第2次）的结果未入库…");

        receipts.deliver(batchId);

        List<CSVRecord> receipt = receiptCsv(SOURCE, name);
        assertThat(receipt.get(3).values()).containsExactly("状态", "处理失败", "FAILED");
        assertThat(line(receipt, "库中数据").values()).containsExactly("库中数据", "第1次处理入库的数据仍然有效；本次（第2次）处理的结果未入库", "1");
        assertThat(Files.readString(storage.outbox(SOURCE).resolve(name + ".receipt.xml")))
                .contains("<loadedAttempt attempt=\"1\">第1次处理入库的数据仍然有效；本次（第2次）处理的结果未入库</loadedAttempt></receipt>");
    }

    @Test
    void aRefusedReprocesssReceiptSaysWhichPartOfAFirstLoadStoppedHalfWayIsInTheStore() throws Exception {
        String batchId = "20261128-0123abcdf0";
        String name = "交易明细_20261128_half_loaded.csv";
        int first = convertingBatch(batchId, name, "a8");
        batches.markStaged(batchId, first, new BatchCounts(10, 8, 2, 0, 0), "GB18030");
        // the first load committed its first page of three events, then failed
        assertThat(attempts.claimStore(batchId, first)).isTrue();
        for (int row = 3; row <= 5; row++) {
            jdbc.sql("INSERT INTO trace_event (event_id, source_id, record_key, trace_code, category, step, event_time, batch_id, "
                            + "attempt, row_no, payload, loaded_at) VALUES (?, ?, ?, ?, 'MEAT', 'WHOLESALE', ?, ?, 1, ?, '<event/>', ?)")
                    .params(Integer.toString(row).repeat(32), SOURCE, "k" + row, "XJM-HALF-" + row,
                            OffsetDateTime.parse("2026-11-27T09:00+08:00"), batchId, row, OffsetDateTime.parse("2026-11-28T00:31+08:00"))
                    .update();
        }
        batches.markFailed(batchId, first, "PROCESSING_ERROR", "平台处理时出错，管理员将排查并重试，您无需重新发送");
        // the admin's reprocess is refused
        int second = batches.startAttempt(batchId);
        batches.markStaged(batchId, second, new BatchCounts(10, 2, 8, 0, 0), "GB18030");
        batches.markFailed(batchId, second, "REJECT_THRESHOLD", "被拒绝的行数（8/10）超过本来源允许的比例50%，本次（第2次）处理的结果未入库…");

        receipts.deliver(batchId);

        String text = "第1次处理中途停止时已入库的部分数据（3条，不完整）仍在库中、可被查询到，直到此文件以后的某次处理完整入库；"
                + "本次（第2次）处理的结果未入库";
        assertThat(line(receiptCsv(SOURCE, name), "库中数据").values()).containsExactly("库中数据", text, "1");
        assertThat(Files.readString(storage.outbox(SOURCE).resolve(name + ".receipt.xml")))
                .contains("<loadedAttempt attempt=\"1\" complete=\"false\" events=\"3\">" + text + "</loadedAttempt></receipt>");
    }

    @Test
    void theFailedReceiptOfAFirstLoadThatStoppedHalfWaySaysWhichPartOfTheFileIsInTheStore() throws Exception {
        String batchId = "20261128-0123abcdf1";
        String name = "交易明细_20261128_half_failed.csv";
        int first = convertingBatch(batchId, name, "a9");
        batches.markStaged(batchId, first, new BatchCounts(10, 8, 2, 0, 0), "GB18030");
        // the first load committed its first page of two events, then failed; no reprocess yet
        assertThat(attempts.claimStore(batchId, first)).isTrue();
        for (int row = 3; row <= 4; row++) {
            jdbc.sql("INSERT INTO trace_event (event_id, source_id, record_key, trace_code, category, step, event_time, batch_id, "
                            + "attempt, row_no, payload, loaded_at) VALUES (?, ?, ?, ?, 'MEAT', 'WHOLESALE', ?, ?, 1, ?, '<event/>', ?)")
                    .params(Integer.toString(row + 4).repeat(32), SOURCE, "h" + row, "XJM-HALF-FAILED-" + row,
                            OffsetDateTime.parse("2026-11-27T09:00+08:00"), batchId, row, OffsetDateTime.parse("2026-11-28T00:31+08:00"))
                    .update();
        }
        batches.markFailed(batchId, first, "PROCESSING_ERROR", "平台处理时出错，管理员将排查并重试，您无需重新发送");

        receipts.deliver(batchId);

        String text = "本次（第1次）处理中途停止，已入库的部分数据（2条，不完整）可被查询到；平台管理员重试或重新处理后将完整入库";
        assertThat(line(receiptCsv(SOURCE, name), "库中数据").values()).containsExactly("库中数据", text, "1");
        assertThat(Files.readString(storage.outbox(SOURCE).resolve(name + ".receipt.xml")))
                .contains("<loadedAttempt attempt=\"1\" complete=\"false\" events=\"2\">" + text + "</loadedAttempt></receipt>");
    }

    @Test
    void batchReportedOnTheCompletedTopicGetsAReceiptWithItsCountsAndProblemRows() throws Exception {
        String batchId = "20261128-abcdef0123";
        int attempt = convertingBatch(batchId, "交易明细_20261128_staged.csv", "cd");
        errors.replaceRow(batchId, attempt, 5, List.of(new RowProblem(5, "买方信用代码", "counterparty.uscc", "ERROR", "USCC_CHARACTER",
                "统一社会信用代码含有非法字符", "9131000O6316963820")), "[\"4\"]");
        errors.replaceRow(batchId, attempt, 10, List.of(new RowProblem(10, "重量(斤)", "quantity", "ERROR", "QUANTITY_NOT_POSITIVE",
                "数量必须大于零", "-35")), "[\"9\"]");
        batches.markStaged(batchId, attempt, new BatchCounts(10, 8, 2, 1, 0), "GB18030");
        awaitSubscriberOn(BatchMessaging.BATCH_COMPLETED_TOPIC);
        NotifyBuilder delivered = new NotifyBuilder(camel).fromRoute("batch-completed-receipt").whenDone(1).create();

        reportStaged(batchId);

        assertThat(delivered.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("receipt route ran").isTrue();
        List<CSVRecord> receipt = receiptCsv(SOURCE, "交易明细_20261128_staged.csv");
        assertThat(receipt.get(2).values()).containsExactly("批次号", batchId);
        assertThat(receipt.get(3).values()).containsExactly("状态", "已校验，等待入库", "STAGED");
        assertThat(line(receipt, "读取行数").get(1)).isEqualTo("10");
        assertThat(line(receipt, "接受行数").get(1)).isEqualTo("8");
        assertThat(line(receipt, "拒绝行数").get(1)).isEqualTo("2");
        assertThat(line(receipt, "跳过行数").get(1)).isEqualTo("1");
        int header = receipt.indexOf(line(receipt, "行号"));
        assertThat(receipt.subList(header + 1, receipt.size())).extracting(r -> List.of(r.values())).containsExactly(
                List.of("5", "买方信用代码", "counterparty.uscc", "错误", "USCC_CHARACTER", "统一社会信用代码含有非法字符", "9131000O6316963820"),
                List.of("10", "重量(斤)", "quantity", "错误", "QUANTITY_NOT_POSITIVE", "数量必须大于零", "'-35"));
        String xml = Files.readString(storage.outbox(SOURCE).resolve("交易明细_20261128_staged.csv.receipt.xml"));
        assertThat(xml).contains("xmlns=\"urn:shanghai:trace:receipt:1\"", "<batchId>" + batchId + "</batchId>",
                "read=\"10\"", "accepted=\"8\"", "rejected=\"2\"", "row=\"5\"", "row=\"10\"");
        try (Stream<Path> files = Files.list(storage.outbox(SOURCE))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing half-written is left beside the receipts")
                    .noneMatch(name -> name.startsWith("."));
        }
        assertThat(column(batchId, "receipt_status")).isEqualTo("STAGED");
        assertThat(column(batchId, "receipt_attempt")).isEqualTo(1);
    }

    @Test
    void nodesOnOneBrokerShareTheCompletedTopicSoEachReportIsDeliveredAsAReceiptByOneNodeOnly() throws Exception {
        String batchId = "20261128-abcdef0456";
        int attempt = convertingBatch(batchId, "交易明细_20261128_shared.csv", "ef");
        batches.markStaged(batchId, attempt, new BatchCounts(10, 10, 0, 0, 0), "GB18030");
        awaitSubscriberOn(BatchMessaging.BATCH_COMPLETED_TOPIC);
        int reports = 6;
        // how many reports this node's route delivers is known only once the other node has taken its share
        List<NotifyBuilder> deliveredHere = new ArrayList<>();
        for (int n = 0; n <= reports; n++) {
            deliveredHere.add(new NotifyBuilder(camel).fromRoute("batch-completed-receipt").whenExactlyDone(n).create());
        }

        // another node's receipt route: the same shared subscription on the same broker, on a connection of its own (the
        // caching factory's shared connection and consumers outlive close(): the consumer would take later tests' reports)
        ConnectionFactory ownConnections = connectionFactory instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : connectionFactory;
        try (Connection otherNode = ownConnections.createConnection()) {
            Session session = otherNode.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer otherRoute = session.createSharedConsumer(session.createTopic(BatchMessaging.BATCH_COMPLETED_TOPIC),
                    BatchMessaging.RECEIPT_SUBSCRIPTION);
            otherNode.start();
            for (int i = 0; i < reports; i++) {
                reportStaged(batchId);
            }
            int takenByTheOtherNode = 0;
            while (otherRoute.receive(Duration.ofSeconds(2).toMillis()) != null) {
                takenByTheOtherNode++;
            }
            int takenHere = reports - takenByTheOtherNode;
            // each report reached one of the two nodes: a subscription of its own per node would have given each all six
            assertThat(takenByTheOtherNode).isLessThan(reports);
            assertThat(deliveredHere.get(takenHere).matches(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("this node delivered the %d reports the other did not take, each once", takenHere).isTrue();
            if (takenHere > 0) {
                assertThat(column(batchId, "receipt_status")).isEqualTo("STAGED");
            }
        }
    }

    // --- helpers

    /** A batch of the source received over SFTP and started (attempt 1), as intake and the import job leave it; its hash repeats {@code hashPart}. */
    private int convertingBatch(String batchId, String fileName, String hashPart) {
        NewBatch received = new NewBatch(batchId, SOURCE, fileName, fileName, "archive/2026/11/28/" + batchId + "/" + fileName, 1234,
                hashPart.repeat(32), Transport.SFTP, OffsetDateTime.parse("2026-11-28T00:30+08:00"));
        assertThat(batches.insertReceived(received)).isEmpty();
        return batches.startAttempt(batchId);
    }

    /** Reports the batch STAGED on the completed topic, as the import job's BatchReporter does. */
    private void reportStaged(String batchId) {
        JmsTemplate topic = new JmsTemplate(connectionFactory);
        topic.setPubSubDomain(true);
        topic.send(BatchMessaging.BATCH_COMPLETED_TOPIC, session -> {
            TextMessage message = session.createTextMessage("{\"batchId\":\"" + batchId + "\",\"status\":\"STAGED\"}");
            message.setStringProperty(BatchMessaging.BATCH_ID_PROPERTY, batchId);
            message.setStringProperty(BatchMessaging.STATUS_PROPERTY, "STAGED");
            return message;
        });
    }

    /** A small GB18030 export of the meat market; the trace code makes its content unique to the test. */
    private static byte[] export(String traceCode) {
        return ("西郊国际农产品交易中心 交易明细\r\n"
                + "序号,交易凭证号,交易时间,追溯码,品名,重量(斤),买方名称\r\n"
                + "1,XJ20261128001,2026/11/28 3:15," + traceCode + ",白条猪,256.5,上海某某肉类经营部\r\n").getBytes(GB18030);
    }

    /** The first ERROR line logged that contains the text, or null. */
    private static String errorLine(ListAppender<ILoggingEvent> log, String text) {
        return errorLines(log, text).stream().findFirst().orElse(null);
    }

    private static List<String> errorLines(ListAppender<ILoggingEvent> log, String text) {
        List<ILoggingEvent> events;
        synchronized (log) { // the appender adds under its own lock
            events = new ArrayList<>(log.list);
        }
        return events.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text)).toList();
    }

    /** As the drop-box hands over a file it took itself: by its batch id, without a path. */
    private void handOverByBatchId(TakenFile taken) {
        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                IntakeHeaders.SOURCE_ID, taken.sourceId(),
                IntakeHeaders.BATCH_ID, taken.batchId(),
                IntakeHeaders.TRANSPORT, Transport.SFTP.name()));
    }

    private Path drop(String source, String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(storage.inbox(source));
        return Files.write(inbox.resolve(name), content);
    }

    private Path inboxCopy(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dataDir, "copy", ".csv"), content);
    }

    /** Hands the file to intake as the drop-box does and waits until intake has finished with it. */
    private void takeIn(String source, Path file) {
        // matched by a marker of this send, not by the file's path: a file sent again under the same path must not be
        // taken for done by a late completion event of the exchange that took it the first time
        String drop = UUID.randomUUID().toString();
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("file-intake")
                .filter(header(TEST_DROP).isEqualTo(drop)).whenDone(1).create();
        send(source, file, drop);
        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("intake of %s finished", file.getFileName()).isTrue();
    }

    /** Hands an already taken file to intake as the sweep does, and waits until intake has finished with it. */
    private void takeInTaken(String source, String batchId) {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("file-intake")
                .filter(header(IntakeHeaders.BATCH_ID).isEqualTo(batchId)).whenDone(1).create();
        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                IntakeHeaders.SOURCE_ID, source,
                IntakeHeaders.BATCH_ID, batchId,
                IntakeHeaders.TRANSPORT, Transport.SFTP.name()));
        assertThat(done.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("intake of batch %s finished", batchId).isTrue();
    }

    private Path onlyTakenFolder(String source) throws IOException {
        try (Stream<Path> folders = Files.list(storage.inbox(source).resolve(IntakeStaging.TAKEN_FOLDER))) {
            List<Path> all = folders.toList();
            assertThat(all).as("taken files of %s", source).hasSize(1);
            return all.get(0);
        }
    }

    private Object column(String batchId, String column) {
        return jdbc.sql("SELECT " + column + " FROM batch WHERE id = ?").param(batchId).query().listOfRows().get(0).values()
                .iterator().next();
    }

    private void send(String source, Path file) {
        send(source, file, UUID.randomUUID().toString());
    }

    private void send(String source, Path file, String drop) {
        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                IntakeHeaders.SOURCE_ID, source,
                IntakeHeaders.FILE_PATH, file.toString(),
                IntakeHeaders.TRANSPORT, Transport.SFTP.name(),
                TEST_DROP, drop));
    }

    private Map<String, Object> onlyBatch(String source, String fileName) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM batch WHERE source_id = ? AND file_name = ?")
                .params(source, fileName).query().listOfRows();
        assertThat(rows).as("batches of %s from %s", fileName, source).hasSize(1);
        return lowerCaseKeys(rows.get(0));
    }

    private Map<String, Object> batch(String source, String fileName, String status) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM batch WHERE source_id = ? AND file_name = ? AND status = ?")
                .params(source, fileName, status).query().listOfRows();
        assertThat(rows).as("%s batches of %s", status, fileName).hasSize(1);
        return lowerCaseKeys(rows.get(0));
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> map = new HashMap<>();
        row.forEach((column, value) -> map.put(column.toLowerCase(Locale.ROOT), value));
        return map;
    }

    /** The CSV receipt, read back in the sender's encoding (GB18030 for every source here). */
    private List<CSVRecord> receiptCsv(String source, String fileName) throws IOException {
        Path csv = storage.outbox(source).resolve(fileName + ".receipt.csv");
        assertThat(csv).exists();
        assertThat(storage.outbox(source).resolve(fileName + ".receipt.xml")).exists();
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).as("written in GB18030").startsWith("回执,".getBytes(GB18030));
        return CSVFormat.DEFAULT.parse(new StringReader(new String(bytes, GB18030))).getRecords();
    }

    private static CSVRecord line(List<CSVRecord> lines, String first) {
        return lines.stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + first + " in " + lines));
    }

    private static String selector(String batchId) {
        return BatchMessaging.BATCH_ID_PROPERTY + " = '" + batchId + "'";
    }

    private JmsTemplate noWait() {
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setReceiveTimeout(JmsTemplate.RECEIVE_TIMEOUT_NO_WAIT);
        return template;
    }

    /** A topic keeps nothing for absent subscribers: publish only once the receipt route listens. */
    private void awaitSubscriberOn(String topic) {
        await().atMost(WAIT).until(() -> !broker.getActiveMQServer().bindingQuery(SimpleString.of(topic)).getQueueNames().isEmpty());
    }
}
