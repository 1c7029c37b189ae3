package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.actions.BackgroundJobs;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobLauncher;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.testing.LoggedEvents;

/**
 * An outage of the database while the hub keeps running. An announcement of a batch handled meanwhile is set aside, not
 * failed back to the broker, which would run it through its redeliveries into the dead-letter queue in milliseconds.
 * What the outage leaves on the node: a run whose end could not be recorded (the step's and
 * Spring Batch's updates refused, and with the latter the failure listener never ran), still STARTED in the job
 * repository with its batch CONVERTING; a batch left CONVERTING by a start whose failure could not be recorded either.
 * Before, only the next start of the hub took them up: the takeover skipped this node's own runs, and reprocess and retry
 * answered BATCH_BUSY. The database is made unreachable by refusing every new connection ({@link SwitchableDatabase}); the node's
 * timeout, which is also how long a run that ended here may still be recording its end, is 3 s here (10 min in the hub).
 */
@Import(SwitchableDatabase.class)
@TestPropertySource(properties = "hub.jobs.recovery.node-timeout=PT3S")
class DatabaseOutageTests extends ImportJobTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Where the embedded broker moves a message its consumers failed {@code max-delivery-attempts} (10) times. */
    private static final String DEAD_LETTER_QUEUE = "DLQ";

    @Autowired
    InterruptedJobRecovery recovery;

    @Autowired
    HubNodes nodes;

    @Autowired
    HubNode self;

    @Autowired
    DataSource dataSource;

    @Autowired
    JmsTemplate jmsTemplate;

    @Autowired
    BackgroundJobs background;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLaunchersLog() {
        log.start();
        launcherLogger().addAppender(log);
    }

    @AfterEach
    void databaseBack() {
        launcherLogger().detachAppender(log);
        database().up();
        PausingTrigger.remove(jdbc);
    }

    @Test
    void anAnnouncementHandledWhileTheDatabaseIsDownIsSetAsideNotDeadLetteredAndTheBatchLoadsWhenAnnouncedAgain() throws Exception {
        String batchId = receiveSample();
        database().down();
        try {
            jmsTemplate.convertAndSend(BatchMessaging.BATCH_RECEIVED_QUEUE, batchId);

            await().atMost(TIMEOUT).until(() -> !waiting(DEAD_LETTER_QUEUE, batchId).isEmpty() || !setAside(batchId).isEmpty());
        } finally {
            database().up();
        }
        assertThat(waiting(DEAD_LETTER_QUEUE, batchId)).isEmpty();
        assertThat(setAside(batchId)).satisfiesExactly(warning -> assertThat(warning).contains("batch-redispatch"));
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.RECEIVED);

        // batch-redispatch announces it again once it has waited redispatch-after
        try (CompletedTopic receipt = subscribe(batchId)) {
            jmsTemplate.convertAndSend(BatchMessaging.BATCH_RECEIVED_QUEUE, batchId);

            assertThat(receipt.next(TIMEOUT).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
    }

    @Test
    void aRunWhoseEndTheDatabaseRefusedIsRecoveredByItsOwnNodeOnceTheDatabaseIsBack() throws Exception {
        String batchId = receiveSample();
        // the convert step held at row 9; the database then goes away: the next chunk, the step's and the job's records
        // of the failure and the failure listener are all refused
        CompletableFuture<JobExecution> run = importHeldAtRow9(batchId);
        database().down();
        PausingTrigger.release();
        await().atMost(TIMEOUT).until(run::isDone);
        database().up();
        PausingTrigger.remove(jdbc);

        JobExecution lost = lastExecution(batchId, 1);
        assertThat(lost.getStatus()).as("what the outage left").isEqualTo(BatchStatus.STARTED);
        assertThat(lost.getEndTime()).isNull();
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.CONVERTING);
        assertThat(nodes.ownerOf(lost.getId())).contains(new HubNodes.Owner(self.id(), 0));

        try (CompletedTopic receipt = subscribe(batchId)) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> recovery.takeOverLostRuns().restarted().contains(lost.getId()));

            assertThat(receipt.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }
        JobExecution marked = jobRepository.getJobExecution(lost.getId());
        assertThat(marked.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(marked.getEndTime()).isNotNull();
        assertThat(marked.getExitStatus().getExitDescription()).startsWith(InterruptedJobRecovery.LOST);
        assertThat(InterruptedJobRecovery.wasInterrupted(marked)).as("an outage is no run that takes the hub down").isFalse();
        JobExecution restart = lastExecution(batchId, 1);
        assertThat(restart.getId()).isNotEqualTo(lost.getId());
        assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restart, ImportJobConfiguration.CONVERT_STEP).getReadCount()).as("resumed after its last chunk")
                .isLessThan(10);
        Batch loaded = batch(batchId);
        assertThat(loaded.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(loaded.rowsRead(), loaded.rowsAccepted(), loaded.rowsRejected(), loaded.rowsSkipped(), loaded.rowsWarned()))
                .containsExactly(10L, 7L, 3L, 1L, 1L);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(recovery.takeOverLostRuns().recovered()).as("taken once").isEmpty();
    }

    @Test
    void aRunThisProcessIsRunningIsNeverTakenHoweverOldItAndItsBatchLook() throws Exception {
        String batchId = receiveSample();
        CompletableFuture<JobExecution> run = importHeldAtRow9(batchId);
        JobExecution running = lastExecution(batchId, 1);
        // as old as any lost run, and its batch unchanged as long
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ? WHERE JOB_EXECUTION_ID = ?")
                .params(LocalDateTime.now().minusHours(1), running.getId()).update();
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusHours(1), batchId).update();

        InterruptedJobRecovery.Report recorded = recovery.takeOverLostRuns();
        // a run no node recorded (its owner's insert failed) is not taken either while it runs here
        jdbc.sql("DELETE FROM job_execution_node WHERE job_execution_id = ?").param(running.getId()).update();
        InterruptedJobRecovery.Report unrecorded = recovery.takeOverLostRuns();

        assertThat(List.of(recorded, unrecorded)).allSatisfy(report -> {
            assertThat(report.recovered()).isEmpty();
            assertThat(report.batchesTakenUp()).isEmpty();
        });
        assertThat(jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(nodes.ownerOf(running.getId())).isEmpty();

        PausingTrigger.release();
        assertThat(run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobExecutions(running.getJobInstance())).hasSize(1);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
    }

    @Test
    void aBatchLeftConvertingWithoutAJobIsStartedOnceUnchangedForTheNodeTimeout() throws Exception {
        String batchId = receiveSample();
        // what a start the job repository refused leaves when the launcher could not record the failure either
        int attempt = batches.startAttempt(batchId);

        assertThat(recovery.takeOverLostRuns().batchesTakenUp()).as("its start may still be under way").doesNotContain(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.CONVERTING);

        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusSeconds(4), batchId).update();
        try (CompletedTopic receipt = subscribe(batchId)) {
            assertThat(recovery.takeOverLostRuns().batchesTakenUp()).containsExactly(batchId);

            assertThat(receipt.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).attempt()).isEqualTo(attempt);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
    }

    @Test
    void aBatchWhoseReprocessWaitsInThisNodesQueueIsLeftToItHoweverLongItWaits() throws Exception {
        String batchId = receiveSample();
        int attempt = batches.startAttempt(batchId);
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusHours(1), batchId).update();
        // an admin's run queued for a thread: the batch is CONVERTING without a job until a thread takes it
        CountDownLatch queueMoves = new CountDownLatch(1);
        CompletableFuture<JobExecution> queuedRun = background.submit("a queued reprocess", batchId, attempt, () -> {
            queueMoves.await();
            return jobOperator.start(importJob, ImportJobParameters.of(batchId, attempt));
        }, refused -> { });
        try {
            assertThat(recovery.takeOverLostRuns().batchesTakenUp()).doesNotContain(batchId);
            assertThat(lastExecution(batchId, attempt)).as("no run started beside the queued one").isNull();
        } finally {
            queueMoves.countDown();
        }
        assertThat(queuedRun.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    /** The batch's import started on another thread and held in its convert step before staging row 9. */
    private CompletableFuture<JobExecution> importHeldAtRow9(String batchId) throws InterruptedException {
        PausingTrigger.install(jdbc, "staged_event", "BEFORE INSERT", Map.of("batch_id", batchId, "row_no", 9));
        CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.run(batchId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PausingTrigger.awaitReached();
        return run;
    }

    /** The messages on the queue that carry the batch id (browsing takes nothing off it). */
    private List<String> waiting(String queue, String batchId) {
        List<String> bodies = jmsTemplate.browse(queue, (session, browser) -> {
            List<String> found = new java.util.ArrayList<>();
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                if (e.nextElement() instanceof TextMessage text && batchId.equals(text.getText())) {
                    found.add(text.getText());
                }
            }
            return found;
        });
        return bodies == null ? List.of() : bodies;
    }

    private List<String> setAside(String batchId) {
        return LoggedEvents.of(log).stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(batchId) && m.contains("set aside")).toList();
    }

    private static Logger launcherLogger() {
        return (Logger) LoggerFactory.getLogger(ImportJobLauncher.class);
    }

    private SwitchableDatabase.Switch database() {
        return (SwitchableDatabase.Switch) dataSource;
    }
}
