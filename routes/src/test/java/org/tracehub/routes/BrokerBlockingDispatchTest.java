package org.tracehub.routes;

import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.routes.intake.IntakeStaging;

/**
 * A broker that blocks producers — the import queue's address full, {@code address-full-policy} BLOCK, as an external
 * broker or a full disk does — takes no announcement and answers nothing: the Artemis client waits for producer credits
 * for ever. The announcement gives up after {@code hub.routes.send-timeout}, so intake goes on with the next file; the
 * file is archived and recorded (RECEIVED, not announced), and {@code batch-redispatch} announces it once there is room.
 */
@SpringBootTest(classes = RoutesTestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.server-id=" + BrokerBlockingDispatchTest.BROKER_ID,
        "spring.artemis.embedded.queues=" + BatchMessaging.BATCH_RECEIVED_QUEUE,
        "spring.artemis.embedded.topics=" + BatchMessaging.BATCH_COMPLETED_TOPIC,
        "hub.routes.max-redeliveries=1",
        "hub.routes.redelivery-delay-ms=10",
        "hub.routes.send-timeout=2s",
        "hub.routes.intake-sweep-interval=300ms",
        "hub.routes.redispatch-interval=300ms",
        "hub.routes.redispatch-after=1h",
        "hub.routes.receipt-redelivery-interval=1h",
        "camel.main.name=routes-broker-blocking-test",
        "logging.level.org.apache.activemq.audit=WARN"})
@Import(BrokerBlockingDispatchTest.TinyBlockingQueue.class)
@DirtiesContext
class BrokerBlockingDispatchTest {

    static final int BROKER_ID = 4711;
    private static final String SOURCE = "meat-wholesale-xj";
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
    }

    /** The import queue's address holds at most 10 KB, and a full address blocks its producers. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TinyBlockingQueue {

        @Bean
        ArtemisConfigurationCustomizer tinyBlockingQueue() {
            return configuration -> configuration.addAddressSetting(BatchMessaging.BATCH_RECEIVED_QUEUE,
                    new AddressSettings().setMaxSizeBytes(10 * 1024).setAddressFullMessagePolicy(AddressFullMessagePolicy.BLOCK));
        }
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
    ConnectionFactory connectionFactory;

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void announcementTheBrokerDoesNotTakeIsGivenUpWithinTheSendTimeoutAndSentOnceThereIsRoom() throws Exception {
        fillTheImportQueue();

        Instant started = Instant.now();
        String first = takeIn("交易明细_20261128_blocked1.csv", export("XJM2611289001"));
        assertThat(Duration.between(started, Instant.now())).as("intake gave the announcement up")
                .isLessThan(SEND_TIMEOUT.plusSeconds(10));
        // intake's single consumer is free again: the next file goes through intake too
        String second = takeIn("交易明细_20261128_blocked2.csv", export("XJM2611289002"));

        for (String batchId : List.of(first, second)) {
            Map<String, Object> batch = jdbc.sql("SELECT status, dispatched_at, archive_path FROM batch WHERE id = ?").param(batchId)
                    .query().singleRow();
            assertThat(batch.get("STATUS")).as("recorded, nothing lost").isEqualTo("RECEIVED");
            assertThat(batch.get("DISPATCHED_AT")).as("not announced").isNull();
            assertThat(dataDir.resolve((String) batch.get("ARCHIVE_PATH"))).exists();
        }

        // room again (the import job took the message that filled the address), and time passes: both are announced
        assertThat(plainJms().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector("filler"))).isNotNull();
        jdbc.sql("UPDATE batch SET received_at = ? WHERE id IN (?, ?)")
                .params(OffsetDateTime.parse("2026-11-27T22:30+08:00"), first, second).update();
        for (String batchId : List.of(first, second)) {
            Message message = plainJms().receiveSelected(BatchMessaging.BATCH_RECEIVED_QUEUE, selector(batchId));
            assertThat(message).as("%s announced by batch-redispatch", batchId).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) message).getText()).isEqualTo(batchId);
            await().atMost(WAIT).until(() -> jdbc.sql("SELECT dispatched_at FROM batch WHERE id = ?").param(batchId)
                    .query().singleValue() != null);
        }
    }

    /**
     * Fills the import queue's address beyond its limit from a connection of its own: a producer of the routes' cached
     * connection would keep the credits it was granted, and its next sends would not block.
     */
    private void fillTheImportQueue() throws Exception {
        try (ActiveMQConnectionFactory own = new ActiveMQConnectionFactory("vm://" + BROKER_ID);
             Connection connection = own.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer filler = session.createProducer(session.createQueue(BatchMessaging.BATCH_RECEIVED_QUEUE));
            TextMessage big = session.createTextMessage("x".repeat(20 * 1024));
            big.setStringProperty(BatchMessaging.BATCH_ID_PROPERTY, "filler");
            filler.send(big);
        }
        await().atMost(WAIT).until(() -> broker.getActiveMQServer().getPagingManager()
                .getPageStore(SimpleString.of(BatchMessaging.BATCH_RECEIVED_QUEUE)).isFull());
    }

    /** Drops a file as the drop-box does, waits until intake is done with it, and answers its batch id. */
    private String takeIn(String name, byte[] content) throws IOException {
        Path file = Files.write(Files.createDirectories(storage.inbox(SOURCE)).resolve(name), content);
        String drop = UUID.randomUUID().toString();
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("file-intake")
                .filter(header("TraceHubTestDrop").isEqualTo(drop)).whenDone(1).create();
        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                IntakeHeaders.SOURCE_ID, SOURCE,
                IntakeHeaders.FILE_PATH, file.toString(),
                IntakeHeaders.TRANSPORT, Transport.SFTP.name(),
                "TraceHubTestDrop", drop));
        assertThat(done.matches(SEND_TIMEOUT.plus(WAIT).toSeconds(), TimeUnit.SECONDS)).as("intake of %s finished", name).isTrue();
        assertThat(file).doesNotExist();
        assertThat(storage.inbox(SOURCE).resolve(IntakeStaging.TAKEN_FOLDER)).as("released once recorded").doesNotExist();
        return jdbc.sql("SELECT id FROM batch WHERE file_name = ?").param(name).query(String.class).single();
    }

    private JmsTemplate plainJms() {
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setReceiveTimeout(WAIT.toMillis());
        return template;
    }

    private static String selector(String batchId) {
        return BatchMessaging.BATCH_ID_PROPERTY + " = '" + batchId + "'";
    }

    private static byte[] export(String traceCode) {
        return ("西郊国际农产品交易中心 交易明细\r\n"
                + "序号,交易凭证号,交易时间,追溯码,品名,重量(斤),买方名称\r\n"
                + "1,XJ20261128001,2026/11/28 3:15," + traceCode + ",白条猪,256.5,上海某某肉类经营部\r\n").getBytes(GB18030);
    }
}
