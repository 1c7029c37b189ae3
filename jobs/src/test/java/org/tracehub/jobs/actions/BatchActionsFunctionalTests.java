package org.tracehub.jobs.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.jobs.progress.BatchProgress;
import org.tracehub.jobs.progress.BatchProgressService;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchListFilter;
import org.tracehub.platform.batch.BulkReprocessItem;
import org.tracehub.platform.batch.BulkReprocessOutcome;
import org.tracehub.platform.batch.BulkReprocessRequest;
import org.tracehub.platform.batch.BulkReprocessState;
import org.tracehub.platform.batch.BulkReprocessStore;
import org.tracehub.jobs.recovery.HubNode;
import org.tracehub.platform.staging.StoreLoadLock;
import org.tracehub.samples.SampleCorpus;

/**
 * Reprocess and retry as an admin triggers them, the progress they show, and what they refuse.
 * A real H2 trigger holds a job's transaction half-way ({@link PausingTrigger}) so the tests can look
 * at the store and the progress from outside while the job runs.
 */
class BatchActionsFunctionalTests extends ImportJobTestSupport {

    @Autowired
    BatchActions actions;

    @Autowired
    BatchProgressService progress;

    @Autowired
    BatchJobHistory history;

    @Autowired
    StoreLoadLock loadLock;

    @Autowired
    BackgroundJobs background;

    @Autowired
    BatchAttempts attempts;

    @Autowired
    BulkReprocess bulk;

    @Autowired
    BulkReprocessStore bulkStore;

    @Autowired
    HubNode node;

    @Autowired
    SpecCatalog catalog;

    @Autowired
    @Qualifier(ImportJobParameters.LOAD_JOB_NAME)
    Job loadJob;

    /** The latch holding the background threads, if a test holds them: let go after each test, failed or not. */
    private CountDownLatch occupied = new CountDownLatch(0);

    /** A bulk request a failed test left unfinished would hold its source for the next test. */
    @AfterEach
    void forgetBulkRequests() {
        jdbc.sql("DELETE FROM bulk_reprocess_item").update();
        jdbc.sql("DELETE FROM bulk_reprocess").update();
    }

    @AfterEach
    void removeTrigger() {
        PausingTrigger.remove(jdbc);
        occupied.countDown();
    }

    @Test
    void reprocessLoadsTheNewAttemptInOneTransactionSoAQueryNeverSeesAMixOfAttempts() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String stale = addStaleEventOfAttempt1(batchId);
        // hold attempt 2's load while it writes row 9, the fifth of its seven events, in its second page of three
        // (the event is stored already: the load updates its row where it is)
        PausingTrigger.install(jdbc, "trace_event", "BEFORE UPDATE", Map.of("row_no", 9, "attempt", 2));

        BatchActions.Started started = actions.reprocess(batchId);
        assertThat(started.attempt()).isEqualTo(2);
        PausingTrigger.awaitReached();

        // half-way: the first page and part of the second are written but not committed; readers see attempt 1 whole
        assertThat(attemptsInStore(batchId)).containsExactly(List.of(1L, 8L));
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE event_id = ?", stale)).isEqualTo(1);
        assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", batchId)).isEqualTo(1);
        assertThat(loadLock.isLocked()).isTrue();
        BatchProgress during = progress.of(batchId).orElseThrow();
        assertThat(during.phase()).isEqualTo("LOADING");
        assertThat(during.running()).isTrue();
        assertThat(during.attempt()).isEqualTo(2);
        assertThat(during.rowsToLoad()).isEqualTo(7);
        assertThat(during.rowsLoaded()).as("progress counts whole pages written").isEqualTo(3);

        PausingTrigger.release();
        JobExecution execution = started.completion().get(60, TimeUnit.SECONDS);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(attemptsInStore(batchId)).containsExactly(List.of(2L, 7L));
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE event_id = ?", stale)).isZero();
        assertThat(count("SELECT COUNT(*) FROM trace_link WHERE event_id = ?", stale)).isZero();
        assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", batchId)).isEqualTo(2);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(2);
        assertThat(loadLock.isLocked()).isFalse();
        BatchProgress after = progress.of(batchId).orElseThrow();
        assertThat(after).isEqualTo(new BatchProgress(batchId, 2, "LOADED", "DONE", false, 10, 10L, 7L, 7L, 100));
        assertThat(history.of(batchId, 2)).extracting(BatchJobHistory.Execution::attempt, BatchJobHistory.Execution::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "COMPLETED"), org.assertj.core.groups.Tuple.tuple(2, "COMPLETED"));
    }

    @Test
    void progressWhileConvertingCountsTheRowsReadAndEstimatesTheTotalFromTheFileSize() throws Exception {
        String batchId = receiveSample();
        // chunks of 3: rows 3-5 and 6-8 are committed; the writer is held at row 9, the third chunk read
        PausingTrigger.install(jdbc, "staged_event", "BEFORE INSERT", Map.of("batch_id", batchId, "row_no", 9));
        int attempt = batches.startAttempt(batchId);
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return jobs.startJob(params(batchId, attempt));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PausingTrigger.awaitReached();

        BatchProgress during = progress.of(batchId).orElseThrow();
        assertThat(during.phase()).isEqualTo("CONVERTING");
        assertThat(during.status()).isEqualTo("CONVERTING");
        assertThat(during.running()).isTrue();
        assertThat(during.rowsRead()).isEqualTo(9);
        // 9 of 10 records read, in about 9/10 of the file's bytes (the title and the totals row are extra)
        assertThat(during.estimatedTotalRows()).isBetween(9L, 12L);
        assertThat(during.rowsToLoad()).isNull();
        assertThat(during.percent()).isBetween(75, 99);

        PausingTrigger.release();
        assertThat(running.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(progress.of(batchId).orElseThrow().estimatedTotalRows()).isEqualTo(10L);
    }

    @Test
    void retryResumesAFailedConvertWhereItStoppedWithTheSameAttemptAndClearsTheFailure() throws Exception {
        String batchId = receiveSample();
        jdbc.sql("ALTER TABLE staged_event ADD CONSTRAINT test_fault CHECK (row_no <> 11)").update();
        try {
            assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);
        } finally {
            jdbc.sql("ALTER TABLE staged_event DROP CONSTRAINT test_fault").update();
        }
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        assertThat(progress.of(batchId).orElseThrow().phase()).isEqualTo("FAILED");

        BatchActions.Started retry = actions.retry(batchId);
        assertThat(retry.attempt()).isEqualTo(1);
        JobExecution restarted = retry.completion().get(60, TimeUnit.SECONDS);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(retry.restartOf()).isNotEqualTo(restarted.getId());
        assertThat(step(restarted, ImportJobConfiguration.CONVERT_STEP).getReadCount()).as("runs of rows: 9-11 and 12").isEqualTo(2);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(batch.failureCode()).isNull();
        assertThat(batch.failureMessage()).isNull();
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(10L, 7L, 3L);
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", batchId)).isEqualTo(3);
        assertThat(history.of(batchId, 1)).extracting(BatchJobHistory.Execution::status).containsExactly("FAILED", "COMPLETED");
        // the console's and the API's step counts are rows, as before the convert step read runs of them: the restart's
        // four (9–12), and with the failed execution's every one of the ten rows handed on, once
        List<BatchJobHistory.Step> converts = history.of(batchId, 1).stream()
                .flatMap(e -> e.steps().stream())
                .filter(s -> s.name().equals(ImportJobConfiguration.CONVERT_STEP))
                .toList();
        assertThat(converts).extracting(BatchJobHistory.Step::readCount).last().isEqualTo(4L);
        assertThat(converts).extracting(BatchJobHistory.Step::writeCount).last().isEqualTo(4L);
        assertThat(converts.stream().mapToLong(BatchJobHistory.Step::writeCount).sum()).isEqualTo(10L);
    }

    @Test
    void aRetryWhoseRestartTheNightlySyncOvertookLeavesTheLoadedBatchLoaded() throws Exception {
        String batchId = receive(ImportJobTestApplication.NIGHTLY_SOURCE, FILE_NAME, SampleCorpus.bytes(SAMPLE));
        importNewAttempt(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        withConstraint("trace_event", REFUSE_ROW_11,
                () -> assertThat(jobOperator.start(loadJob, params(batchId, 1)).getStatus()).isEqualTo(BatchStatus.FAILED));
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        // both background threads busy: the admin's retry is resumed and its restart queued behind them
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started retry = actions.retry(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);

        // meanwhile the nightly sync starts the load job of the staged batch: it restarts the failed run and loads it
        assertThat(jobOperator.start(loadJob, params(batchId, 1)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        release.countDown();

        assertThatThrownBy(() -> retry.completion().get(60, TimeUnit.SECONDS)).as("the queued restart finds nothing to restart")
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
        Batch batch = batch(batchId);
        assertThat(batch.status()).as("not failed again by the retry that came too late").isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.failureCode()).isNull();
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
    }

    @Test
    void aQueuedRetryRefusedWhileTheNightlyLoadRunsLeavesTheBatchToThatLoad() throws Exception {
        String batchId = receive(ImportJobTestApplication.NIGHTLY_SOURCE, FILE_NAME, SampleCorpus.bytes(SAMPLE));
        importNewAttempt(batchId);
        withConstraint("trace_event", REFUSE_ROW_11,
                () -> assertThat(jobOperator.start(loadJob, params(batchId, 1)).getStatus()).isEqualTo(BatchStatus.FAILED));
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started retry = actions.retry(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);

        // the nightly sync starts the load job of the staged batch (restarting the failed run); held as its load step begins
        PausingTrigger.install(jdbc, "BATCH_STEP_EXECUTION", "BEFORE INSERT", Map.of("STEP_NAME", "loadStep"));
        var nightly = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return jobOperator.start(loadJob, params(batchId, 1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PausingTrigger.awaitReached();

        // the queued restart runs now, while the nightly load still runs, and is refused by the job repository
        release.countDown();
        assertThatThrownBy(() -> retry.completion().get(60, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasRootCauseInstanceOf(org.springframework.batch.core.launch.JobExecutionAlreadyRunningException.class);
        Batch during = batch(batchId);
        assertThat(during.status()).as("not failed under the load that runs").isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        assertThat(during.failureCode()).isNull();

        PausingTrigger.release();
        assertThat(nightly.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
    }

    @Test
    void aQueuedRetryWhoseFailedRunTheStagingPurgeAbandonedPutsTheBatchBackToFailedAndSaysWhy() throws Exception {
        String batchId = failedNightlyLoad();
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started retry = actions.retry(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);

        // what the staging purge leaves of a batch it took while the retry's restart waited: no staging, the run abandoned
        purgeStagingAndAbandonTheFailedLoad(batchId);
        release.countDown();

        assertThatThrownBy(() -> retry.completion().get(60, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .cause().isInstanceOfSatisfying(BatchActionRefused.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(BatchActionCodes.NOTHING_TO_RETRY);
                    assertThat(refusal.getMessage()).contains("失败的运行已在清理暂存数据时作废", "请改用重新处理");
                });
        assertBackToFailedWithNothingToRetry(batchId);
    }

    @Test
    void aRetryWhoseFailedRunTheStagingPurgeAbandonedAfterItWasReadIsRefusedAndTheBatchStaysFailed() throws Exception {
        String batchId = failedNightlyLoad();
        // the retry held as it resumes the batch: it has read the failed run already
        PausingTrigger.install(jdbc, "batch", "BEFORE UPDATE", Map.of("id", batchId, "status", "STAGED"));
        var retrying = java.util.concurrent.CompletableFuture.supplyAsync(() -> actions.retry(batchId));
        PausingTrigger.awaitReached();

        purgeStagingAndAbandonTheFailedLoad(batchId);
        PausingTrigger.release();

        assertThatThrownBy(() -> retrying.get(60, TimeUnit.SECONDS))
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .cause().isInstanceOfSatisfying(BatchActionRefused.class, refusal -> {
                    assertThat(refusal.code()).isEqualTo(BatchActionCodes.NOTHING_TO_RETRY);
                    assertThat(refusal.getMessage()).isEqualTo(BatchActions.RUN_ABANDONED);
                });
        assertBackToFailedWithNothingToRetry(batchId);
    }

    /** A batch of a source loaded at night, staged, whose load failed half-way. */
    private String failedNightlyLoad() throws Exception {
        String batchId = receive(ImportJobTestApplication.NIGHTLY_SOURCE, FILE_NAME, SampleCorpus.bytes(SAMPLE));
        importNewAttempt(batchId);
        withConstraint("trace_event", REFUSE_ROW_11,
                () -> assertThat(jobOperator.start(loadJob, params(batchId, 1)).getStatus()).isEqualTo(BatchStatus.FAILED));
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        return batchId;
    }

    private void purgeStagingAndAbandonTheFailedLoad(String batchId) throws Exception {
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ?").param(batchId).update();
        jobOperator.abandon(jobRepository.getLastJobExecution(
                jobRepository.getJobInstance(ImportJobParameters.LOAD_JOB_NAME, params(batchId, 1))));
    }

    private void assertBackToFailedWithNothingToRetry(String batchId) {
        Batch batch = batch(batchId);
        assertThat(batch.status()).as("not left STAGED with no run").isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo("PROCESSING_ERROR");
        assertThat(batch.failureMessage()).isNotBlank();
        assertRefused(() -> actions.retry(batchId), BatchActionCodes.NOTHING_TO_RETRY);
    }

    @Test
    void aQueuedReprocessWhoseAttemptAnotherRunStartedFirstLeavesTheLoadedBatchLoaded() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // both background threads busy: the reprocess's start waits in the queue, the batch CONVERTING at attempt 2
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started reprocess = actions.reprocess(batchId);
        assertThat(reprocess.attempt()).isEqualTo(2);

        // meanwhile another node's start-up recovery finds attempt 2 CONVERTING with no job and runs it to the end
        assertThat(jobOperator.start(importJob, params(batchId, 2)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        release.countDown();

        assertThatThrownBy(() -> reprocess.completion().get(60, TimeUnit.SECONDS)).as("the queued start finds the attempt complete")
                .isInstanceOf(java.util.concurrent.ExecutionException.class)
                .hasRootCauseInstanceOf(org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException.class);
        Batch batch = batch(batchId);
        assertThat(batch.status()).as("not failed for good by the start that came too late").isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(2);
        assertThat(batch.failureCode()).isNull();
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
    }

    @Test
    void aQueuedReprocessWhoseJobCannotStartFailsItsBatchForAnAdmin() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long lastInstance = count("SELECT COALESCE(MAX(JOB_INSTANCE_ID), 0) FROM BATCH_JOB_INSTANCE");
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started reprocess = actions.reprocess(batchId);

        // the job repository refuses every new job instance, as a full disk or a lost connection would
        withConstraint("BATCH_JOB_INSTANCE", "JOB_INSTANCE_ID <= " + lastInstance, () -> {
            release.countDown();
            assertThatThrownBy(() -> reprocess.completion().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class);
        });

        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.attempt()).isEqualTo(2);
        assertThat(batch.failureCode()).isEqualTo("PROCESSING_ERROR");
        assertThat(batch.failureMessage()).contains("重新处理未能启动");
    }

    @Test
    void anAdminReprocessTakesUpABatchLeftConvertingWithNoRunOnceItIsUnchangedForTheGracePeriod() throws Exception {
        String batchId = receiveSample();
        // CONVERTING at attempt 1 with no job: its queued start was dropped when the hub stopped gracefully
        batches.startAttempt(batchId);
        assertRefused(() -> actions.reprocess(batchId), BatchActionCodes.BATCH_BUSY);
        assertRefused(() -> actionsAt(Duration.ofMinutes(29)).reprocess(batchId), BatchActionCodes.BATCH_BUSY);
        assertThat(actionsAt(Duration.ofMinutes(29)).isStuck(batch(batchId))).isFalse();

        BatchActions halfAnHourLater = actionsAt(Duration.ofMinutes(31));
        assertThat(halfAnHourLater.isStuck(batch(batchId))).isTrue();
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started started = halfAnHourLater.reprocess(batchId);
        assertThat(started.attempt()).isEqualTo(2);
        // a second click while attempt 2 waits for a thread: CONVERTING again, but with a run queued
        assertRefused(() -> halfAnHourLater.reprocess(batchId), BatchActionCodes.BATCH_BUSY);
        release.countDown();

        assertThat(started.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(2);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
    }

    @Test
    void aBatchConvertingWithARunRunningOrQueuedIsBusyHoweverLongItIsUnchanged() throws Exception {
        BatchActions halfAnHourLater = actionsAt(Duration.ofMinutes(31));

        // running: the convert is held at row 9
        String converting = receiveSample();
        PausingTrigger.install(jdbc, "staged_event", "BEFORE INSERT", Map.of("batch_id", converting, "row_no", 9));
        int attempt = batches.startAttempt(converting);
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return jobs.startJob(params(converting, attempt));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PausingTrigger.awaitReached();
        assertRefused(() -> halfAnHourLater.reprocess(converting), BatchActionCodes.BATCH_BUSY);
        PausingTrigger.release();
        assertThat(running.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        PausingTrigger.remove(jdbc);

        // queued: a retry resumed the failed convert as CONVERTING and waits for a background thread
        String queued = receive(FILE_NAME, utf8(sampleText().replace("XJM26112700", "XJM26112600")));
        withConstraint("staged_event", "batch_id <> '" + queued + "' OR row_no <> 11", () -> assertThat(importNewAttempt(queued).getStatus()).isEqualTo(BatchStatus.FAILED));
        CountDownLatch release = occupyBackgroundThreads();
        BatchActions.Started retry = actions.retry(queued);
        assertThat(batch(queued).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.CONVERTING);
        assertRefused(() -> halfAnHourLater.reprocess(queued), BatchActionCodes.BATCH_BUSY);
        release.countDown();
        assertThat(retry.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(queued).attempt()).isEqualTo(1);
        assertThat(batch(queued).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    @Test
    void refusesWhatCannotBeDoneNowWithAStableCode() throws Exception {
        assertThatThrownBy(() -> actions.reprocess("20261127-0000000000"))
                .isInstanceOfSatisfying(BatchActionRefused.class, e -> assertThat(e.isNotFound()).isTrue());

        String loaded = receiveSample();
        importNewAttempt(loaded);
        assertRefused(() -> actions.retry(loaded), BatchActionCodes.BATCH_NOT_FAILED);
        // the console shows the refusal as it is: the status in Chinese, its code beside it
        assertThatThrownBy(() -> actions.retry(loaded)).hasMessage("只有处理失败的批次可以重试（当前状态：已入库，LOADED）");
        String duplicate = receive(FILE_NAME, reExport("XJM26112799"));
        jdbc.sql("UPDATE batch SET status = 'DUPLICATE' WHERE id = ?").param(duplicate).update();
        assertThatThrownBy(() -> actions.reprocess(duplicate)).hasMessage("批次状态为“重复文件，未处理”（DUPLICATE），不能重新处理");

        // a file-level failure: running it again cannot change anything
        byte[] gb = sampleText().getBytes(GB18030);
        byte[] withUtf8Bom = new byte[gb.length + 3];
        withUtf8Bom[0] = (byte) 0xEF;
        withUtf8Bom[1] = (byte) 0xBB;
        withUtf8Bom[2] = (byte) 0xBF;
        System.arraycopy(gb, 0, withUtf8Bom, 3, gb.length);
        String badEncoding = receive(FILE_NAME, withUtf8Bom);
        importNewAttempt(badEncoding);
        assertRefused(() -> actions.retry(badEncoding), BatchActionCodes.BATCH_NOT_RETRYABLE);

        // a batch that is being converted; and a second reprocess right after the first
        String received = receive(FILE_NAME, utf8(sampleText().replace("XJM26112700", "XJM26112900")));
        batches.startAttempt(received);
        assertRefused(() -> actions.reprocess(received), BatchActionCodes.BATCH_BUSY);

        // the original is gone from the archive, though no purge removed it: not the retention, ops must restore it
        String lost = receive(FILE_NAME, utf8(sampleText().replace("XJM26112700", "XJM26113000")));
        importNewAttempt(lost);
        Files.delete(storage.resolve(batch(lost).archivePath()));
        assertRefused(() -> actions.reprocess(lost), BatchActionCodes.ORIGINAL_MISSING);
        assertThatThrownBy(() -> actions.reprocess(lost)).hasMessageContaining("原始文件缺失").hasMessageContaining("运维人员").hasMessageNotContaining("保存期限");
        assertThat(batch(lost).attempt()).isEqualTo(1);
    }

    // -----------------------------------------------------------------------------------------

    private void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable action, String code) {
        assertThatThrownBy(action).isInstanceOfSatisfying(BatchActionRefused.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    /** The actions as they decide {@code after} from now, with the default grace period of 30 minutes. */
    private BatchActions actionsAt(Duration after) {
        return new BatchActions(batches, attempts, catalog, storage, jobOperator, jobRepository, importJob, background,
                Clock.offset(clock, after), Duration.ofMinutes(30));
    }

    /** Keeps both background threads busy until the latch is counted down: an action submitted now waits in the queue. */
    // --- bulk reprocess ---------------------------------------------------------------------------

    @Test
    void aBulkReprocessReprocessesThePeriodsBatchesOneAfterAnotherInReceivedOrderAndSkipsOneWhoseStateForbidsIt() throws Exception {
        String before = loadedBatch("XJM26112001", "2026-11-20T10:00+08:00");
        // made before the first, received after it: the order is the received one
        String second = loadedBatch("XJM26112602", "2026-11-26T09:00+08:00");
        String first = loadedBatch("XJM26112501", "2026-11-25T10:00+08:00");
        String duplicate = loadedBatch("XJM26112503", "2026-11-25T12:00+08:00");
        jdbc.sql("UPDATE batch SET status = 'DUPLICATE' WHERE id = ?").param(duplicate).update();
        String after = loadedBatch("XJM26112804", "2026-11-28T00:00+08:00");
        String otherSource = receive(ImportJobTestApplication.NIGHTLY_SOURCE, FILE_NAME, reExport("XJM26112505"));
        importNewAttempt(otherSource);
        receivedAt(otherSource, "2026-11-25T11:00+08:00");

        try (CompletedTopic firstReceipt = subscribe(first); CompletedTopic secondReceipt = subscribe(second)) {
            BulkReprocessRequest request = bulk.request(period(SOURCE), "2026-11-25", "2026-11-27", "admin");
            assertThat(request.selected()).isEqualTo(3);
            assertThat(request.requestedBy()).isEqualTo("admin");
            await().atMost(Duration.ofSeconds(90)).until(() -> bulk.progress(request.id()).request().state(),
                    s -> s == BulkReprocessState.COMPLETED);

            BulkReprocess.Progress progress = bulk.progress(request.id());
            assertThat(progress.items()).extracting(BulkReprocessItem::batchId, BulkReprocessItem::outcome, BulkReprocessItem::attempt,
                    BulkReprocessItem::code).containsExactly(
                    tuple(first, BulkReprocessOutcome.DONE, 2, null),
                    tuple(duplicate, BulkReprocessOutcome.SKIPPED, null, BatchActionCodes.BATCH_NOT_REPROCESSABLE),
                    tuple(second, BulkReprocessOutcome.DONE, 2, null));
            BulkReprocessRequest ended = progress.request();
            assertThat(List.of(ended.selected(), ended.done(), ended.failed(), ended.skipped())).containsExactly(3, 2, 0, 1);
            assertThat(ended.currentBatch()).isNull();
            assertThat(ended.endedAt()).isNotNull();
            assertThat(List.of(ended.fromDay(), ended.toDay())).containsExactly("2026-11-25", "2026-11-27");
            // one after another: the later-received batch's attempt started once the earlier one's had ended
            JobExecution firstRun = lastExecution(first, 2);
            JobExecution secondRun = lastExecution(second, 2);
            assertThat(firstRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(secondRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(secondRun.getCreateTime()).isAfterOrEqualTo(firstRun.getEndTime());
            assertThat(List.of(batch(first).status(), batch(second).status())).containsOnly(org.tracehub.platform.batch.BatchStatus.LOADED);
            // outside the period, of another source, or refused: untouched
            assertThat(List.of(batch(before).attempt(), batch(after).attempt(), batch(otherSource).attempt(), batch(duplicate).attempt()))
                    .containsOnly(1);
            // each reprocessed batch reported for its receipt, as a reprocess by hand is
            assertThat(firstReceipt.next(Duration.ofSeconds(30)).getText()).contains("\"batchId\":\"" + first + "\"").contains("\"attempt\":2");
            assertThat(secondReceipt.next(Duration.ofSeconds(30)).getText()).contains("\"batchId\":\"" + second + "\"").contains("\"attempt\":2");
        }
    }

    @Test
    void aSecondBulkReprocessOfTheSourceIsRefusedWhileOneRunsAndACancelLetsTheBatchUnderWayFinishAndStartsNoOther() throws Exception {
        String first = loadedBatch("XJM26112511", "2026-11-25T10:00+08:00");
        String second = loadedBatch("XJM26112512", "2026-11-25T11:00+08:00");
        PausingTrigger.install(jdbc, "staged_event", "BEFORE INSERT", Map.of("batch_id", first, "attempt", 2));
        BulkReprocessRequest request = bulk.request(period(SOURCE), "2026-11-25", "2026-11-27", "admin");
        PausingTrigger.awaitReached();
        assertThat(bulk.progress(request.id()).request().currentBatch()).isEqualTo(first);

        assertThatThrownBy(() -> bulk.request(period(SOURCE), "2026-11-25", "2026-11-27", "other-admin"))
                .isInstanceOfSatisfying(BulkReprocessRefused.class,
                        e -> assertThat(e.code()).isEqualTo(BulkReprocessCodes.BULK_REPROCESS_RUNNING))
                .hasMessageContaining(request.id());
        assertThat(bulk.cancel(request.id(), "admin").state()).isEqualTo(BulkReprocessState.CANCELLING);

        PausingTrigger.release();
        await().atMost(Duration.ofSeconds(60)).until(() -> bulk.progress(request.id()).request().state(),
                s -> s == BulkReprocessState.CANCELLED);
        BulkReprocess.Progress progress = bulk.progress(request.id());
        assertThat(progress.items()).extracting(BulkReprocessItem::batchId, BulkReprocessItem::outcome)
                .containsExactly(tuple(first, BulkReprocessOutcome.DONE), tuple(second, BulkReprocessOutcome.PENDING));
        assertThat(progress.request().changedBy()).isEqualTo("admin");
        assertThat(batch(first).attempt()).isEqualTo(2);
        assertThat(batch(first).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(second).attempt()).as("no batch started after the cancel").isEqualTo(1);
        assertThat(bulkStore.unfinishedOf(SOURCE)).as("the source is free for another request").isEmpty();
    }

    @Test
    void aBulkReprocessTheHubStoppedUnderIsInterruptedAndAResumeGoesOnWithTheBatchesNotReached() throws Exception {
        String first = loadedBatch("XJM26112521", "2026-11-25T10:00+08:00");
        String second = loadedBatch("XJM26112522", "2026-11-25T11:00+08:00");
        // made by a node that stopped while the first batch was under way (this node's runner leaves it alone)
        String stopped = "stopped-node";
        BulkReprocessRequest request = bulkStore.create(period(SOURCE), "2026-11-25", "2026-11-27", "admin", stopped).orElseThrow();
        assertThat(bulkStore.takeTurn(request.id(), bulkStore.nextPending(request.id()).orElseThrow())).isTrue();
        // its next start
        assertThat(bulkStore.interruptAll(stopped, java.time.OffsetDateTime.now(clock).plusSeconds(1), BulkReprocessRunner.INTERRUPTED))
                .isEqualTo(1);
        assertThat(bulk.progress(request.id()).request().state()).isEqualTo(BulkReprocessState.INTERRUPTED);
        assertThatThrownBy(() -> bulk.request(period(SOURCE), "2026-11-25", "2026-11-27", "admin"))
                .isInstanceOfSatisfying(BulkReprocessRefused.class,
                        e -> assertThat(e.code()).isEqualTo(BulkReprocessCodes.BULK_REPROCESS_RUNNING));

        assertThat(bulk.resume(request.id(), "admin").nodeId()).isEqualTo(node.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> bulk.progress(request.id()).request().state(),
                s -> s == BulkReprocessState.COMPLETED);
        assertThat(bulk.progress(request.id()).items()).extracting(BulkReprocessItem::batchId, BulkReprocessItem::outcome)
                .containsExactly(tuple(first, BulkReprocessOutcome.INTERRUPTED), tuple(second, BulkReprocessOutcome.DONE));
        assertThat(batch(second).attempt()).isEqualTo(2);
        assertThatThrownBy(() -> bulk.resume(request.id(), "admin")).isInstanceOfSatisfying(BulkReprocessRefused.class,
                e -> assertThat(e.code()).isEqualTo(BulkReprocessCodes.BULK_REPROCESS_NOT_INTERRUPTED));
    }

    /** The source's batches received from 2026-11-25 to 2026-11-27 in Shanghai, as the API makes it of the two days. */
    private static BatchListFilter period(String source) {
        return new BatchListFilter(source, null, java.time.OffsetDateTime.parse("2026-11-25T00:00+08:00"),
                java.time.OffsetDateTime.parse("2026-11-28T00:00+08:00"));
    }

    /** A loaded batch of the sample with its own codes, received at the given time. */
    private String loadedBatch(String codePrefix, String receivedAt) throws Exception {
        String batchId = receive(SOURCE, FILE_NAME, reExport(codePrefix));
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        receivedAt(batchId, receivedAt);
        return batchId;
    }

    private void receivedAt(String batchId, String at) {
        jdbc.sql("UPDATE batch SET received_at = ? WHERE id = ?").params(java.time.OffsetDateTime.parse(at), batchId).update();
    }

    private CountDownLatch occupyBackgroundThreads() {
        CountDownLatch release = new CountDownLatch(1);
        occupied = release;
        for (int i = 0; i < 2; i++) {
            background.submit("busy", () -> {
                release.await();
                throw new IllegalStateException("only keeping the thread busy");
            }, refusal -> { });
        }
        return release;
    }

    /** (attempt, events) of the batch in the store, as any reader sees it now. */
    private List<List<Long>> attemptsInStore(String batchId) {
        return jdbc.sql("SELECT attempt, COUNT(*) FROM trace_event WHERE batch_id = ? GROUP BY attempt ORDER BY attempt")
                .param(batchId).query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).list();
    }
}
