package org.tracehub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.camel.builder.Builder.header;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.routes.receipt.ReceiptRedeliverySweep;

/**
 * A source whose outbox cannot be written holds up nobody with the retries of the other routes (6, from 1 s doubling:
 * about a minute): the receipt is tried once more after {@code hub.routes.redelivery-delay-ms}, then left to the redelivery
 * sweep with its reason on the batch, and intake, which waits for the receipt of a file that ends there (an HTTP upload
 * of a duplicate waits with it), goes on with the next file; the redelivery sweep tries one receipt of that outbox, not
 * each of them, and delivers the other sources' receipts.
 */
@SpringBootTest(classes = RoutesTestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.server-id=4712",
        "spring.artemis.embedded.queues=" + BatchMessaging.BATCH_RECEIVED_QUEUE,
        "spring.artemis.embedded.topics=" + BatchMessaging.BATCH_COMPLETED_TOPIC,
        // the shipped retries of every other route
        "hub.routes.max-redeliveries=6",
        "hub.routes.redelivery-delay-ms=1000",
        "hub.routes.intake-sweep-interval=1h",
        "hub.routes.redispatch-interval=1h",
        "hub.routes.receipt-redelivery-interval=1h",
        "camel.main.name=routes-broken-outbox-test",
        "logging.level.org.apache.activemq.audit=WARN"})
@DirtiesContext
class BrokenOutboxReceiptTest {

    private static final String SOURCE = "meat-wholesale-xj";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HubStorage storage;

    @Autowired
    BatchRepository batches;

    @Autowired
    ReceiptRedeliverySweep sweep;

    @Autowired
    Clock clock;

    @Test
    void aReceiptTheOutboxRefusesIsTriedOnceMoreThenLeftToTheSweepWithItsReasonAndIntakeGoesOn() throws Exception {
        // the outbox's place holds a file: no folder can be made there, as a full or read-only disk refuses it
        Path outbox = storage.outbox(SOURCE);
        Files.createDirectories(outbox.getParent());
        Files.writeString(outbox, "not a folder");

        Instant started = Instant.now();
        takeIn("交易明细_20261128_empty1.csv");
        assertThat(Duration.between(started, Instant.now())).as("intake waited for one quick retry, not a minute of back-off")
                .isLessThan(Duration.ofSeconds(15));
        takeIn("交易明细_20261128_empty2.csv");

        Map<String, Object> batch = jdbc.sql("SELECT status, receipt_status, receipt_tried_at, receipt_failure FROM batch "
                + "WHERE file_name = ?").param("交易明细_20261128_empty1.csv").query().singleRow();
        assertThat(batch.get("STATUS")).isEqualTo("EMPTY");
        assertThat(batch.get("RECEIPT_STATUS")).as("not delivered").isNull();
        assertThat(batch.get("RECEIPT_TRIED_AT")).as("the sweep takes the least recently tried first").isNotNull();
        assertThat((String) batch.get("RECEIPT_FAILURE")).contains("FileAlreadyExistsException");
    }

    @Test
    void aSweepTriesOneReceiptOfASourceWhoseOutboxFailsAndDeliversTheOtherSourcesReceipts() throws Exception {
        Path outbox = storage.outbox("broken-outbox");
        Files.createDirectories(outbox.getParent());
        Files.writeString(outbox, "not a folder");
        // receipts that went missing an hour ago: three of the broken outbox, changed first, and two of a healthy one
        OffsetDateTime changed = OffsetDateTime.now(clock).minusHours(1);
        for (int i = 1; i <= 3; i++) {
            overdue("20261128-00000000b" + i, "broken-outbox", changed.plusMinutes(i));
        }
        for (int i = 1; i <= 2; i++) {
            overdue("20261128-00000000c" + i, "healthy-outbox", changed.plusMinutes(10 + i));
        }

        sweep.run();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch WHERE source_id = 'broken-outbox' AND receipt_tried_at IS NOT NULL")
                .query(Integer.class).single()).as("one failed, the others wait for the next sweep").isEqualTo(1);
        assertThat(jdbc.sql("SELECT receipt_status FROM batch WHERE source_id = 'healthy-outbox'").query(String.class).list())
                .containsExactly("EMPTY", "EMPTY");
    }

    private void overdue(String id, String source, OffsetDateTime changed) {
        String name = "交易明细_" + id + ".csv";
        batches.insertTerminal(new NewBatch(id, source, name, name, "archive/" + id + "/" + name, 0,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Transport.SFTP, changed),
                BatchStatus.EMPTY, null, "FILE_EMPTY", "文件为空（0字节）");
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(changed, id).update();
    }

    /** Hands an empty file (it ends at intake, with a receipt) to intake as the drop-box does, and waits until intake is done. */
    private void takeIn(String name) throws Exception {
        Path inbox = Files.createDirectories(storage.inbox(SOURCE));
        Path file = Files.write(inbox.resolve(name), new byte[0]);
        String drop = UUID.randomUUID().toString();
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("file-intake")
                .filter(header("TraceHubTestDrop").isEqualTo(drop)).whenDone(1).create();
        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                IntakeHeaders.SOURCE_ID, SOURCE,
                IntakeHeaders.FILE_PATH, file.toString(),
                IntakeHeaders.TRANSPORT, Transport.SFTP.name(),
                "TraceHubTestDrop", drop));
        assertThat(done.matches(30, TimeUnit.SECONDS)).as("intake of %s finished", name).isTrue();
    }
}
