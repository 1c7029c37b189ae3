package org.tracehub.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.samples.SampleCorpus;

/**
 * The external-broker profile (production's topology): the hub starts no broker of its own and announces, consumes
 * and completes a batch through an Artemis broker it reaches over TCP, as every node of a cluster would.
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("external-broker")
@DirtiesContext
class ExternalBrokerProfileIntegrationTests {

    private static final String SOURCE = "meat-wholesale-xj";
    private static final String SAMPLE = "meat/meat-wholesale-xj/input/交易明细_20261127.csv";

    @TempDir
    static Path dataDir;

    private static final int BROKER_PORT = freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        registry.add("spring.artemis.broker-url", () -> "tcp://127.0.0.1:" + BROKER_PORT);
    }

    /**
     * The broker outside the hub, in this test a bean of the context only so that it stops after the hub's JMS
     * listeners have (a context closes its listeners before it destroys its beans).
     */
    @TestConfiguration
    static class OutsideBroker {

        @Bean(initMethod = "start", destroyMethod = "stop")
        EmbeddedActiveMQ outsideBroker() throws Exception {
            return new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                    .setPersistenceEnabled(false).setSecurityEnabled(false)
                    .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + BROKER_PORT));
        }
    }

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    HubStorage storage;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBatchIsAnnouncedConsumedAndLoadedThroughTheBrokerOutsideTheHub() throws Exception {
        Path inbox = Files.createDirectories(storage.inbox(SOURCE));
        Path file = Files.write(inbox.resolve("交易明细_20261127.csv"), SampleCorpus.bytes(SAMPLE));
        producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(IntakeHeaders.SOURCE_ID, SOURCE,
                IntakeHeaders.FILE_PATH, file.toString(), IntakeHeaders.TRANSPORT, Transport.SFTP.name()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT status FROM batch WHERE source_id = ?").param(SOURCE).query(String.class).list()).containsExactly("LOADED"));
        // the announcement went through the outside broker, and the hub kept no journal of its own
        assertThat(broker.getActiveMQServer().getAddressInfo(SimpleString.of("hub.batch.received"))).isNotNull();
        assertThat(broker.getActiveMQServer().getAddressInfo(SimpleString.of("hub.batch.completed"))).isNotNull();
        assertThat(dataDir.resolve("broker")).doesNotExist();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
