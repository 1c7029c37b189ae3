package org.tracehub.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.files.FileStoreMonitor;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.BatchActionCodes;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.jobs.recovery.InterruptedJobRecovery;
import org.tracehub.platform.batch.Batch;
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

    @Autowired
    BatchActions actions;

    @Autowired
    InterruptedJobRecovery recovery;

    @AfterEach
    void diskFreedAgain() {
        diskFull(false);
        // a session keeps the producer credits an address granted it, and sends on them however full the disk is: the next
        // test's sends must ask the broker again (the hub's sessions hold credits too, which only delay the block)
        if (connectionFactory instanceof SingleConnectionFactory cached) {
            cached.resetConnection();
        }
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

    @Test
    void aNightlyImportWhoseReportTheBrokerDoesNotTakeLeavesItsBatchStagedAndTheNightlyLoadLoadsIt() throws Exception {
        String batchId = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);
        diskFull(true);

        JobExecution run = importNewAttempt(batchId);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(steps(run)).filteredOn(s -> s.getStatus() != BatchStatus.COMPLETED)
                .extracting(StepExecution::getStepName).containsExactly(ImportJobConfiguration.RECEIPT_STEP);
        // the file was good: FAILED, it would wait for an admin and its sender would read 处理失败
        Batch staged = batch(batchId);
        assertThat(staged.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        assertThat(staged.failureCode()).isNull();
        assertThat(staged.rowsAccepted()).isEqualTo(7);
        assertThatThrownBy(() -> actions.retry(batchId)).isInstanceOfSatisfying(BatchActionRefused.class,
                refused -> assertThat(refused.code()).isEqualTo(BatchActionCodes.BATCH_NOT_FAILED));

        diskFull(false);
        // a start's recovery finds nothing interrupted: the batch waits for its night
        assertThat(recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)).batchesTakenUp()).isEmpty();
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);

        try (CompletedTopic reports = subscribe(batchId)) {
            OffsetDateTime night = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(600);
            assertThat(sync.run(night, NightlySyncParameters.ALL_SOURCES).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);

            assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(store.countByBatch(batchId)).isEqualTo(7);
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
