package org.tracehub.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.jobs.recovery.MissedRuns;
import org.tracehub.jobs.recovery.ScheduledStarts;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * The nightly sync against real parts: batches of a source that loads nightly stop at STAGED after
 * their import (receipt sent, nothing in the store); the sync loads each with its own load job,
 * sends the follow-up receipts, asks routes for the due pulls, and reports per source.
 */
class NightlySyncJobFunctionalTests extends ImportJobTestSupport {

    private static final String NIGHTLY = ImportJobTestApplication.NIGHTLY_SOURCE;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The on-arrival sample source has a pull from a legacy server; a second pull is switched off. */
    @DynamicPropertySource
    static void pulls(DynamicPropertyRegistry registry) {
        registry.add("hub.pull.sources." + SOURCE + ".host", () -> "legacy-sftp.invalid");
        registry.add("hub.pull.sources.vegetable-off.enabled", () -> "false");
    }

    @Autowired
    NightlySyncLauncher sync;

    @Autowired
    BatchActions actions;

    @Autowired
    JmsTemplate jmsTemplate;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SyncSources syncSources;

    @Autowired
    MissedRuns missedRuns;

    @Autowired
    ScheduledStarts starts;

    @Test
    void loadsTheStagedBatchesOfNightlySourcesWithFollowUpReceiptsAndReportsPerSource() throws Exception {
        String first = receiveSample(NIGHTLY);
        String second = receive(NIGHTLY, FILE_NAME, secondExport());
        String onArrival = receiveSample(SOURCE);
        for (String id : List.of(first, second)) {
            JobExecution imported = importNewAttempt(id);
            assertThat(stepNames(imported)).containsExactly(ImportJobConfiguration.CONVERT_STEP, ImportJobConfiguration.STAGE_STEP,
                    ImportJobConfiguration.RECEIPT_STEP);
            assertThat(batch(id).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
            assertThat(store.countByBatch(id)).isZero();
        }
        assertThat(importNewAttempt(onArrival).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        double loadedBefore = meters.counter("hub.sync.loaded", "source", NIGHTLY).count();
        // a run time of its own per test (runs of one time are one job instance), far enough apart that tests a minute
        // apart never share one
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(200);

        JobExecution run;
        String summary;
        try (CompletedTopic firstReceipt = subscribe(first); CompletedTopic secondReceipt = subscribe(second);
             Subscription syncTopic = new Subscription(connectionFactory, BatchMessaging.SYNC_COMPLETED_TOPIC)) {
            run = sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();
            assertThat(firstReceipt.next(TIMEOUT).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
            assertThat(secondReceipt.next(TIMEOUT).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
            summary = syncTopic.next(TIMEOUT);
        }

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stepNames(run)).containsExactly(NightlySyncParameters.LOAD_STAGED_STEP, NightlySyncParameters.REQUEST_PULLS_STEP,
                NightlySyncParameters.SUMMARY_STEP);
        assertThat(step(run, NightlySyncParameters.LOAD_STAGED_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).isEqualTo(2);
            assertThat(s.getWriteCount()).isEqualTo(2);
        });
        for (String id : List.of(first, second)) {
            Batch b = batch(id);
            assertThat(b.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(b.attempt()).isEqualTo(1);
            assertThat(store.countByBatch(id)).isEqualTo(7);
            assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", id)).isEqualTo(1);
            JobExecution load = jobRepository.getLastJobExecution(ImportJobParameters.LOAD_JOB_NAME, params(id, 1));
            assertThat(load.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(traceEvents()).isEqualTo(21);

        DocumentContext json = JsonPath.parse(summary);
        assertThat(json.read("$.runAt", String.class)).isEqualTo(runAt.toString());
        // a line per source that sent files, loads nightly or was pulled; only these two sent anything
        assertThat(json.read("$.perSource[*].sourceId", List.class)).contains(SOURCE, NIGHTLY);
        assertThat(json.read("$.perSource[?(@.files > 0)].sourceId", List.class)).containsExactly(SOURCE, NIGHTLY);
        assertThat(line(json, NIGHTLY)).containsEntry("files", 2).containsEntry("rows", 20).containsEntry("rejects", 6)
                .containsEntry("failures", 0).containsEntry("staged", 0).containsEntry("loaded", 2).containsEntry("loadFailures", 0)
                .containsEntry("pullRequested", false);
        assertThat(line(json, SOURCE)).containsEntry("files", 1).containsEntry("rows", 10).containsEntry("rejects", 3)
                .containsEntry("loaded", 0).containsEntry("pullRequested", true);
        assertThat(json.read("$.totals.files", Integer.class)).isEqualTo(3);
        assertThat(meters.counter("hub.sync.loaded", "source", NIGHTLY).count() - loadedBefore).isEqualTo(2.0);

        // the due pull went to routes; the switched-off one did not
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
        jmsTemplate.setReceiveTimeout(200);
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isNull();

        // the same scheduled run fired again (a second node, a restart within the minute) runs nothing
        assertThat(sync.run(runAt, NightlySyncParameters.ALL_SOURCES)).isEmpty();
    }

    @Test
    void aFailedNightlyLoadFailsOnlyItsBatchSaysSoInAFollowUpReceiptAndARetryLoadsIt() throws Exception {
        String good = receiveSample(NIGHTLY);
        String bad = receive(NIGHTLY, FILE_NAME, secondExport());
        importNewAttempt(good);
        importNewAttempt(bad);
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(300);

        // the store refuses one event of the second file: its load (one transaction) fails as a whole
        jdbc.sql("ALTER TABLE trace_event ADD CONSTRAINT test_fault CHECK (trace_code <> 'XJM2611280009')").update();
        String summary;
        try (CompletedTopic badReceipt = subscribe(bad);
             Subscription syncTopic = new Subscription(connectionFactory, BatchMessaging.SYNC_COMPLETED_TOPIC)) {
            JobExecution run = sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            TextMessage followUp = badReceipt.next(TIMEOUT);
            assertThat(followUp.getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            assertThat(JsonPath.parse(followUp.getText()).read("$.failureCode", String.class)).isEqualTo("PROCESSING_ERROR");
            summary = syncTopic.next(TIMEOUT);
        } finally {
            jdbc.sql("ALTER TABLE trace_event DROP CONSTRAINT test_fault").update();
        }
        assertThat(batch(good).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(bad).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(store.countByBatch(bad)).isZero();
        assertThat(line(JsonPath.parse(summary), NIGHTLY)).containsEntry("loaded", 1).containsEntry("loadFailures", 1)
                .containsEntry("failures", 1);

        // "the database is fixed": the admin retries; the failed load job runs again, same attempt
        try (CompletedTopic receipt = subscribe(bad)) {
            BatchActions.Started retry = actions.retry(bad);
            JobExecution restarted = retry.completion().get(60, TimeUnit.SECONDS);
            assertThat(restarted.getJobInstance().getJobName()).isEqualTo(ImportJobParameters.LOAD_JOB_NAME);
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(receipt.next(TIMEOUT).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("LOADED");
        }
        Batch b = batch(bad);
        assertThat(b.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(b.attempt()).isEqualTo(1);
        assertThat(b.failureCode()).isNull();
        assertThat(b.failureMessage()).isNull();
        assertThat(store.countByBatch(bad)).isEqualTo(7);
        assertThat(traceEvents()).isEqualTo(14);
    }

    @Test
    void aBatchReprocessedWhileTheSyncRunsIsNotCountedAsALoadFailure() throws Exception {
        String first = receive(NIGHTLY, FILE_NAME, sampleText().replace("XJM26112700", "XJM26112500")
                .replace("XJ202611270", "XJ202611250").getBytes(StandardCharsets.UTF_8));
        String reprocessed = receive(NIGHTLY, FILE_NAME, sampleText().replace("XJM26112700", "XJM26112400")
                .replace("XJ202611270", "XJ202611240").getBytes(StandardCharsets.UTF_8));
        importNewAttempt(first);
        importNewAttempt(reprocessed);
        double failuresBefore = meters.counter("hub.sync.load.failures", "source", NIGHTLY).count();
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(400);

        // the sync has listed both and loads the older one first: held as its load step begins
        PausingTrigger.install(jdbc, "BATCH_STEP_EXECUTION", "BEFORE INSERT", Map.of("STEP_NAME", "loadStep"));
        String summary;
        try (Subscription syncTopic = new Subscription(connectionFactory, BatchMessaging.SYNC_COMPLETED_TOPIC)) {
            CompletableFuture<JobExecution> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PausingTrigger.awaitReached();
            // meanwhile an admin reprocesses the other one (a corrected spec): attempt 2 supersedes the attempt the sync listed
            BatchActions.Started reprocess = actions.reprocess(reprocessed);
            assertThat(reprocess.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            PausingTrigger.release();
            assertThat(running.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            summary = syncTopic.next(TIMEOUT);
        } finally {
            PausingTrigger.remove(jdbc);
        }

        assertThat(batch(first).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        Batch b = batch(reprocessed);
        assertThat(b.attempt()).isEqualTo(2);
        assertThat(b.status()).as("attempt 2 waits for the next night").isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        assertThat(b.failureCode()).isNull();
        assertThat(line(JsonPath.parse(summary), NIGHTLY)).containsEntry("loaded", 1).containsEntry("loadFailures", 0);
        assertThat(meters.counter("hub.sync.load.failures", "source", NIGHTLY).count()).isEqualTo(failuresBefore);
    }

    @Test
    void aBatchStagedForTheNightOfASourceThatNoLongerLoadsAtNightIsLoadedByTheNextSync() throws Exception {
        String stranded = receive(NIGHTLY, FILE_NAME, sampleText().replace("XJM26112700", "XJM26112900")
                .replace("XJ202611270", "XJ202611290").getBytes(StandardCharsets.UTF_8));
        importNewAttempt(stranded);
        assertThat(batch(stranded).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        // its source's spec has since been changed to load on arrival: the batch now belongs to a source the sync does not
        // load at night, and nothing else would ever load it
        jdbc.sql("UPDATE batch SET source_id = ? WHERE id = ?").params(SOURCE, stranded).update();
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(500);

        JobExecution run = sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(stranded).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(stranded)).isEqualTo(7);
        // the run's due pull, which the other tests count on finding alone
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
    }

    @Test
    void aNightlyLoadWhoseJobInstanceACrashLeftWithoutAnExecutionIsLoadedByTheNextSync() throws Exception {
        String batchId = receive(NIGHTLY, FILE_NAME, sampleText().replace("XJM26112700", "XJM26113000")
                .replace("XJ202611270", "XJ202611300").getBytes(StandardCharsets.UTF_8));
        importNewAttempt(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        // last night's sync was killed inside jobOperator.start of this batch's load: the instance was committed, its
        // execution never created
        jobRepository.createJobInstance(ImportJobParameters.LOAD_JOB_NAME, ImportJobParameters.of(batchId, 1));
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(600);

        JobExecution run = sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();

        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
        assertThat(jobRepository.getLastJobExecution(ImportJobParameters.LOAD_JOB_NAME, params(batchId, 1)).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        // the run's due pull, which the other tests count on finding alone
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
    }

    @Test
    void aNightlySyncMissedWhileTheHubWasDownRunsOnceAtStartAndNotAgainOnceItRan() throws Exception {
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        // the sync ran at 02:00 on 4 March (years after every run the other tests record); then the hub was down for a
        // week, and starts again at 07:45 on the 11th, with a file of a nightly source staged since that run
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(sync.run(OffsetDateTime.parse("2031-03-04T02:00+08:00"), NightlySyncParameters.ALL_SOURCES)).isPresent();
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
        String waiting = receive(NIGHTLY, FILE_NAME, sampleText().replace("XJM26112700", "XJM26120100")
                .replace("XJ202611270", "XJ202612010").getBytes(StandardCharsets.UTF_8));
        importNewAttempt(waiting);
        assertThat(batch(waiting).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        NightlySyncScheduler scheduler = scheduler(Clock.fixed(Instant.parse("2031-03-10T23:45:00Z"), shanghai));

        List<JobExecution> caughtUp = scheduler.catchUp();

        // one run, for the last night it missed, not one per night
        assertThat(caughtUp).singleElement().satisfies(run -> {
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(run.getJobParameters().getString(NightlySyncParameters.RUN_AT)).isEqualTo("2031-03-11T02:00+08:00");
            assertThat(run.getJobParameters().getString(NightlySyncParameters.SOURCES)).isEqualTo(NightlySyncParameters.ALL_SOURCES);
        });
        assertThat(batch(waiting).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(waiting)).isEqualTo(7);
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);

        // started again the same morning: the run is recorded now, nothing runs
        assertThat(scheduler.catchUp()).isEmpty();
        // the next night the scheduler ran late, at 02:01: that is the night's run, nothing runs at a start after it
        assertThat(sync.run(OffsetDateTime.parse("2031-03-12T02:01+08:00"), NightlySyncParameters.ALL_SOURCES)).isPresent();
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
        assertThat(scheduler(Clock.fixed(Instant.parse("2031-03-11T23:45:00Z"), shanghai)).catchUp()).isEmpty();
        // a schedule that never ran (a new installation) has missed nothing
        assertThat(missedRuns.lastMissed(NightlySyncParameters.JOB_NAME, NightlySyncParameters.RUN_AT,
                Map.of(NightlySyncParameters.SOURCES, "a-source-of-its-own"), "0 0 2 * * *", shanghai, Duration.ofDays(1),
                Clock.fixed(Instant.parse("2031-03-11T23:45:00Z"), shanghai))).isEmpty();
    }

    /**
     * An import loads a batch of a source an admin has just switched to load at night (the import read the spec before),
     * and the nightly sync runs meanwhile: the batch is STAGED until its load ends, and the sync used to load the same
     * attempt a second time beside the import — every row then RECORD_REPEATED, counted as warned. The import's load
     * step waits for the store behind another batch's load, held half-way by a trigger; the sync lists the batch and
     * waits there too, behind it.
     */
    @Test
    void aNightlySyncRunningWhileAnImportLoadsTheBatchLeavesItToTheImport() throws Exception {
        String other = receive(SOURCE, FILE_NAME, reExport("XJM26120800"));
        String batchId = receive(SOURCE, FILE_NAME, reExport("XJM26120900"));
        double failuresBefore = meters.counter("hub.sync.load.failures", "source", NIGHTLY).count();
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(700);
        PausingTrigger.install(jdbc, "trace_event", "BEFORE INSERT", Map.of("batch_id", other));
        try {
            CompletableFuture<JobExecution> otherImport = new CompletableFuture<>();
            running("other-import", () -> jobOperator.start(importJob, params(other, batches.startAttempt(other))), otherImport);
            PausingTrigger.awaitReached();
            CompletableFuture<JobExecution> imported = new CompletableFuture<>();
            int attempt = batches.startAttempt(batchId);
            Thread importing = running("import", () -> jobOperator.start(importJob, params(batchId, attempt)), imported);
            await().atMost(TIMEOUT).until(() -> waitingForTheStore(importing));
            Batch staged = batch(batchId);
            assertThat(staged.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
            // the admin switches the source to load at night: the batch is now one of a nightly source
            jdbc.sql("UPDATE batch SET source_id = ? WHERE id = ?").params(NIGHTLY, batchId).update();

            CompletableFuture<JobExecution> synced = new CompletableFuture<>();
            Thread syncing = running("sync", () -> sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow(), synced);
            await().atMost(TIMEOUT).until(() -> waitingForTheStore(syncing));
            PausingTrigger.release();

            assertThat(otherImport.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(imported.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            JobExecution run = synced.get(60, TimeUnit.SECONDS);
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);

            Batch loaded = batch(batchId);
            assertThat(loaded.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(store.countByBatch(batchId)).isEqualTo(7);
            assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ? AND code = 'RECORD_REPEATED'", batchId)).isZero();
            assertThat(loaded.rowsWarned()).as("the rows the file warned of, no more").isEqualTo(staged.rowsWarned());
            assertThat(List.of(loaded.rowsRead(), loaded.rowsAccepted(), loaded.rowsRejected())).containsExactly(10L, 7L, 3L);
            assertThat(step(run, NightlySyncParameters.LOAD_STAGED_STEP).getWriteCount()).isZero();
            assertThat(jobRepository.getJobInstance(ImportJobParameters.LOAD_JOB_NAME, params(batchId, attempt)))
                    .as("no load job of the attempt the import loads").isNull();
            assertThat(meters.counter("hub.sync.load.failures", "source", NIGHTLY).count()).isEqualTo(failuresBefore);
        } finally {
            PausingTrigger.remove(jdbc);
        }
        // the run's due pull, which the other tests count on finding alone
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
    }

    /**
     * The sync's claim of a staged batch waits for a load that holds the store, here an import's held half-way by a
     * trigger. It waited inside its transaction, a pooled connection held for the other load's whole length; with the
     * loads, pulls and purge beside it that ran the pool dry. It now waits first and takes its connection after.
     */
    @Test
    void aNightlySyncsClaimWaitingForAnotherLoadHoldsNoConnection() throws Exception {
        String staged = receive(NIGHTLY, FILE_NAME, reExport("XJM26121300"));
        assertThat(importNewAttempt(staged).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(staged).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        String other = receive(SOURCE, FILE_NAME, reExport("XJM26121400"));
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1300);
        PausingTrigger.install(jdbc, "trace_event", "BEFORE INSERT", Map.of("batch_id", other));
        try {
            CompletableFuture<JobExecution> otherImport = new CompletableFuture<>();
            running("other-import", () -> jobOperator.start(importJob, params(other, batches.startAttempt(other))), otherImport);
            PausingTrigger.awaitReached();
            int heldByTheOther = activeConnections();

            CompletableFuture<JobExecution> synced = new CompletableFuture<>();
            Thread syncing = running("sync", () -> sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow(), synced);
            await().atMost(TIMEOUT).until(() -> waitingForTheStore(syncing));

            assertThat(activeConnections()).as("connections in use while the sync's claim waits").isEqualTo(heldByTheOther);

            PausingTrigger.release();
            assertThat(otherImport.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
            JobExecution run = synced.get(60, TimeUnit.SECONDS);
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(batch(staged).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(store.countByBatch(staged)).isEqualTo(7);
        } finally {
            PausingTrigger.remove(jdbc);
        }
        // the run's due pull, which the other tests count on finding alone
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
    }

    /**
     * The other way round: the import has begun its load step when the sync runs, and the sync takes the attempt first
     * and loads it; the import's load then leaves the attempt to it instead of loading it again.
     */
    @Test
    void anImportWhoseBatchTheNightlySyncLoadedMeanwhileDoesNotLoadItAgain() throws Exception {
        String batchId = receive(SOURCE, FILE_NAME, reExport("XJM26121000"));
        OffsetDateTime runAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(800);
        PausingTrigger.install(jdbc, "BATCH_STEP_EXECUTION", "BEFORE INSERT", Map.of("STEP_NAME", "loadStep"));
        try {
            int attempt = batches.startAttempt(batchId);
            CompletableFuture<JobExecution> imported = new CompletableFuture<>();
            running("import", () -> jobOperator.start(importJob, params(batchId, attempt)), imported);
            PausingTrigger.awaitReached();
            Batch staged = batch(batchId);
            jdbc.sql("UPDATE batch SET source_id = ? WHERE id = ?").params(NIGHTLY, batchId).update();

            JobExecution run = sync.run(runAt, NightlySyncParameters.ALL_SOURCES).orElseThrow();
            assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            PausingTrigger.release();

            JobExecution importRun = imported.get(60, TimeUnit.SECONDS);
            assertThat(importRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(step(importRun, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
                assertThat(s.getWriteCount()).isZero();
                assertThat(s.getExitStatus().getExitDescription()).contains(ImportJobParameters.LOAD_JOB_NAME);
            });
            Batch loaded = batch(batchId);
            assertThat(loaded.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(store.countByBatch(batchId)).isEqualTo(7);
            assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ? AND code = 'RECORD_REPEATED'", batchId)).isZero();
            assertThat(loaded.rowsWarned()).isEqualTo(staged.rowsWarned());
        } finally {
            PausingTrigger.remove(jdbc);
        }
        jmsTemplate.setReceiveTimeout(TIMEOUT.toMillis());
        assertThat(jmsTemplate.receiveAndConvert(BatchMessaging.PULL_REQUESTED_QUEUE)).isEqualTo(SOURCE);
    }

    // -----------------------------------------------------------------------------------------

    /** The scheduler as the hub starts it, with its schedules on, at the given time. */
    private NightlySyncScheduler scheduler(Clock at) {
        NightlySyncSettings on = new NightlySyncSettings(true, "0 0 2 * * *", "Asia/Shanghai", Duration.ofDays(1), Map.of(),
                Duration.ofDays(1));
        return new NightlySyncScheduler(on, syncSources, sync, missedRuns, starts, at);
    }

    /** The sample re-exported as UTF-8 with other vouchers and trace codes (XJM26112800…): ten more records. */
    private static byte[] secondExport() {
        return sampleText().replace("XJM26112700", "XJM26112800").replace("XJ202611270", "XJ202611280")
                .getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(DocumentContext json, String sourceId) {
        List<Map<String, Object>> lines = json.read("$.perSource[?(@.sourceId == '" + sourceId + "')]", List.class);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** A non-durable subscription to a topic on its own connection; subscribe before the run. */
    private static final class Subscription implements AutoCloseable {

        private final Connection connection;
        private final MessageConsumer consumer;

        Subscription(ConnectionFactory factory, String topic) throws Exception {
            ConnectionFactory target = factory instanceof SingleConnectionFactory single
                    && single.getTargetConnectionFactory() != null ? single.getTargetConnectionFactory() : factory;
            connection = target.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            consumer = session.createConsumer(session.createTopic(topic));
            connection.start();
        }

        String next(Duration timeout) throws Exception {
            var message = consumer.receive(timeout.toMillis());
            assertThat(message).as("a message on the topic").isInstanceOf(TextMessage.class);
            return ((TextMessage) message).getText();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
