package org.tracehub.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.files.FileStoreMonitor;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * A broker whose disk is full (below its minimum free space, as the hub's embedded broker is below
 * {@code hub.broker.min-disk-free}) takes no message and answers nothing: the Artemis client waits for producer credits
 * for ever. A job's send gives up after {@code hub.jobs.send-timeout} and fails its step, saying why, instead of holding
 * the step and its database transaction for ever; once the disk has room again the next send goes.
 */
class BrokerDiskFullTests extends ImportJobTestSupport {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void brokerOnDisk(DynamicPropertyRegistry registry) {
        // the broker watches the free space of its journal's disk only when it keeps a journal
        registry.add("spring.artemis.embedded.persistent", () -> "true");
        registry.add("hub.jobs.send-timeout", SEND_TIMEOUT::toString);
    }

    /** The broker's disk limit as the hub sets it (hub.broker.min-disk-free): an amount of free space, not a share. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MinDiskFree {

        @Bean
        ArtemisConfigurationCustomizer minDiskFree() {
            return configuration -> configuration.setMaxDiskUsage(100).setMinDiskFree(1);
        }
    }

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    NightlySyncLauncher sync;

    @AfterEach
    void diskFreedAgain() {
        diskFull(false);
    }

    @Test
    void aSyncWhoseSummaryTheBrokerDoesNotTakeFailsWithinTheSendTimeoutSayingWhyAndTheNextRunSendsIt() throws Exception {
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(300);
        diskFull(true);

        Instant started = Instant.now();
        JobExecution run = sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();

        assertThat(Duration.between(started, Instant.now())).isLessThan(SEND_TIMEOUT.plusSeconds(20));
        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(run, NightlySyncParameters.SUMMARY_STEP)).satisfies(summary -> {
            assertThat(summary.getStatus()).as("failed, its transaction rolled back and recorded").isEqualTo(BatchStatus.FAILED);
            assertThat(summary.getExitStatus().getExitDescription()).contains("MessageNotSentException",
                    BatchMessaging.SYNC_COMPLETED_TOPIC, "hub.jobs.send-timeout", "hub.broker.min-disk-free");
        });

        // room again: the next run's summary goes out
        diskFull(false);
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer topic = session.createConsumer(session.createTopic(BatchMessaging.SYNC_COMPLETED_TOPIC));
            connection.start();

            JobExecution next = sync.run(runAt.plusMinutes(1), NightlySyncParameters.ALL_SOURCES).orElseThrow();

            assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            TextMessage summary = (TextMessage) topic.receive(Duration.ofSeconds(30).toMillis());
            assertThat(summary).isNotNull();
            assertThat(summary.getText()).contains(runAt.plusMinutes(1).toString());
        }
    }

    @Test
    void anImportWhoseReportTheBrokerDoesNotTakeEndsWithinTheSendTimeoutWithItsBatchLoadedAndTheNextReportGoesOnceThereIsRoom()
            throws Exception {
        String batchId = receiveSample();
        diskFull(true);

        Instant started = Instant.now();
        JobExecution run = importNewAttempt(batchId);

        // the import thread (a JMS consumer of hub.batch.received) is free again; the receipt redelivery sends the receipt
        assertThat(Duration.between(started, Instant.now())).isLessThan(SEND_TIMEOUT.plusSeconds(30));
        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(run, ImportJobConfiguration.RECEIPT_STEP).getExitStatus().getExitDescription())
                .contains(BatchMessaging.BATCH_COMPLETED_TOPIC, "hub.jobs.send-timeout");
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);

        // room again: the next batch's report goes out on the same topic
        diskFull(false);
        String next = receive(FILE_NAME, utf8(sampleText().replace("XJM26112700", "XJM26112799").replace("XJ202611270", "XJ202611299")));
        try (CompletedTopic reports = subscribe(next)) {
            assertThat(importNewAttempt(next).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(reports.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }
    }

    /** Sets the broker's minimum free disk space beyond (or below) what the disk has, and waits until it says so. */
    private void diskFull(boolean full) {
        FileStoreMonitor monitor = ((ActiveMQServerImpl) broker.getActiveMQServer()).getMonitor();
        assertThat(monitor).as("the broker's disk monitor").isNotNull();
        monitor.setMinDiskFree(full ? Long.MAX_VALUE : 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            monitor.tick();
            assertThat(broker.getActiveMQServer().getPagingManager().isDiskFull()).isEqualTo(full);
        });
    }
}
