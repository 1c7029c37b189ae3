package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.importjob.ImportFailureListener;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Start-up recovery on the state a crash leaves behind. The state is made real in the job repository
 * and the batch table: a run that failed half-way (a check constraint refused a row) is turned back
 * into what a killed process leaves, an execution and its step STARTED without an end, the batch
 * CONVERTING. The hub-level test {@code JobCrashRecoveryIntegrationTests} kills a real process.
 */
class InterruptedJobRecoveryTests extends ImportJobTestSupport {

    @Autowired
    InterruptedJobRecovery recovery;

    @Autowired
    HubNodes nodes;

    @Autowired
    org.tracehub.platform.batch.BatchAttempts attempts;

    @Autowired
    BatchActions actions;

    @Autowired
    ImportFailureListener failureListener;

    /**
     * On the embedded H2 database (one process alone can open its file) the node is alone whatever {@code hub_node} says:
     * a container recreated under a new host name finds its runs recorded under its former name, heartbeat still fresh,
     * and takes them up at once instead of waiting for them to look silent.
     */
    @Test
    void onTheEmbeddedDatabaseARunRecordedUnderThisInstallationsFormerNameIsTakenUpAtOnce() throws Exception {
        String batchId = receive(FILE_NAME, reExport("XJM26120600"));
        JobExecution crashed = killedHalfWay(batchId);
        String formerName = "3f2a9c1e0b7d:/srv/hub/data";
        jdbc.sql("UPDATE job_execution_node SET node_id = ? WHERE job_execution_id = ?").params(formerName, crashed.getId()).update();
        nodes.beat(formerName, OffsetDateTime.now(clock));

        InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(nodes.shared()).isFalse();
        assertThat(report.recovered()).containsExactly(crashed.getId());
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        jdbc.sql("DELETE FROM hub_node WHERE node_id = ?").param(formerName).update();
    }

    @Test
    void anExecutionLeftStartedIsMarkedFailedAndRestartedWhereItsLastChunkEndedWithExactCounts() throws Exception {
        String interrupted = receiveSample();
        jdbc.sql("ALTER TABLE staged_event ADD CONSTRAINT test_fault CHECK (row_no <> 11)").update();
        try {
            importNewAttempt(interrupted);
        } finally {
            jdbc.sql("ALTER TABLE staged_event DROP CONSTRAINT test_fault").update();
        }
        JobExecution crashed = lastExecution(interrupted, 1);
        looksLikeAKilledProcess(crashed, interrupted);
        // the crash fell between starting an attempt and starting its job
        String neverStarted = receive(FILE_NAME, reExport("XJM26112800"));
        batches.startAttempt(neverStarted);
        // an execution of an attempt that a reprocess has superseded since
        String superseded = receive(FILE_NAME, reExport("XJM26112900"));
        importNewAttempt(superseded);
        JobExecution old = lastExecution(superseded, 1);
        looksLikeAKilledProcess(old, superseded);
        jdbc.sql("UPDATE batch SET attempt = 2 WHERE id = ?").param(superseded).update();

        InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(report.recovered()).containsExactly(crashed.getId(), old.getId());
        assertThat(report.restarted()).containsExactly(crashed.getId());
        assertThat(report.abandoned()).containsExactly(old.getId());
        // the superseding attempt 2 had not started its job either: it is started now
        assertThat(report.batchesTakenUp()).containsExactly(neverStarted, superseded);
        assertThat(jobRepository.findRunningJobExecutions(ImportJobParameters.JOB_NAME)).isEmpty();

        JobExecution marked = jobRepository.getJobExecution(crashed.getId());
        assertThat(marked.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(marked.getExitStatus().getExitDescription()).contains("interrupted");
        assertThat(marked.getEndTime()).isNotNull();
        JobExecution restarted = lastExecution(interrupted, 1);
        assertThat(restarted.getId()).isNotEqualTo(crashed.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, ImportJobConfiguration.CONVERT_STEP).getReadCount()).as("runs of rows: 9-11 and 12").isEqualTo(2);

        Batch batch = batch(interrupted);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsSkipped(), batch.rowsWarned()))
                .containsExactly(10L, 7L, 3L, 1L, 1L);
        assertThat(store.countByBatch(interrupted)).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", interrupted)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ?", interrupted)).isEqualTo(4);

        assertThat(batch(neverStarted).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(neverStarted).attempt()).isEqualTo(1);
        assertThat(store.countByBatch(neverStarted)).isEqualTo(7);
        assertThat(jobRepository.getJobExecution(old.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
        assertThat(batch(superseded).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(superseded).attempt()).isEqualTo(2);
        assertThat(provenance(superseded)).extracting(p -> p.get(1)).containsOnly(2L).hasSize(7);
    }

    @Test
    void aBatchARetryResumedAsStagedWhoseRestartNeverRanIsRestartedAndLoaded() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        // the admin's retry resumed the failed load as STAGED; its restart was queued and the hub stopped before it ran
        assertThat(attempts.resumeFailed(batchId, 1, org.tracehub.platform.batch.BatchStatus.STAGED)).isTrue();

        InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(report.batchesTakenUp()).containsExactly(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
        // a batch staged and waiting for its night, whose import ended as it should, is left alone
        String waiting = receive(org.tracehub.jobs.ImportJobTestApplication.NIGHTLY_SOURCE, FILE_NAME, reExport("XJM26113100"));
        importNewAttempt(waiting);
        assertThat(recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)).batchesTakenUp()).isEmpty();
        assertThat(batch(waiting).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
    }

    @Test
    void aLoadEndedUnknownByALostDatabaseConnectionIsFailedForItsSenderAndARetryLoadsIt() throws Exception {
        String batchId = receiveSample();
        JobExecution[] ran = new JobExecution[1];
        withConstraint("trace_event", REFUSE_ROW_11, () -> ran[0] = importNewAttempt(batchId));
        JobExecution lost = lastExecution(batchId, 1);
        // what a connection lost inside the load leaves (Spring Batch 6 could not roll back): the run and its step
        // UNKNOWN; here the listener meets it as the job ends
        lost.setStatus(BatchStatus.UNKNOWN);
        StepExecution load = step(lost, ImportJobConfiguration.LOAD_STEP);
        load.setStatus(BatchStatus.UNKNOWN);
        jobRepository.update(load);
        jdbc.sql("UPDATE batch SET status = 'STAGED', failure_code = NULL, failure_message = NULL WHERE id = ?").param(batchId).update();

        failureListener.afterJob(lost);
        jobRepository.update(lost);

        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        assertThat(jobRepository.getJobExecution(lost.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(jobRepository.getJobExecution(lost.getId()), ImportJobConfiguration.LOAD_STEP).getStatus())
                .isEqualTo(BatchStatus.FAILED);

        actions.retry(batchId);
        await().atMost(Duration.ofSeconds(30)).until(() -> batch(batchId).status() == org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
    }

    @Test
    void aRunLeftUnknownWhileTheDatabaseWasDownIsRestartedAtStartUp() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> importNewAttempt(batchId));
        JobExecution lost = lastExecution(batchId, 1);
        // the listener could not mark it either (the database was still down): the run UNKNOWN, the batch STAGED
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'UNKNOWN', EXIT_CODE = 'STOPPED' WHERE JOB_EXECUTION_ID = ?")
                .param(lost.getId()).update();
        jdbc.sql("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'UNKNOWN' WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?")
                .params(lost.getId(), ImportJobConfiguration.LOAD_STEP).update();
        jdbc.sql("UPDATE batch SET status = 'STAGED', failure_code = NULL, failure_message = NULL WHERE id = ?").param(batchId).update();

        InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(report.batchesTakenUp()).containsExactly(batchId);
        assertThat(jobRepository.getJobExecution(lost.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
    }

    @Test
    void aBatchLeftConvertingWithAJobInstanceButNoExecutionIsStartedAgainAndLoaded() throws Exception {
        String batchId = receiveSample();
        int attempt = batches.startAttempt(batchId);
        // what a hub killed inside jobOperator.start leaves: Spring Batch 6 commits the instance, then creates the
        // execution in a transaction of its own, which never came
        jobRepository.createJobInstance(ImportJobParameters.JOB_NAME, ImportJobParameters.of(batchId, attempt));

        InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(report.batchesTakenUp()).containsExactly(batchId);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).attempt()).isEqualTo(1);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
        assertThat(lastExecution(batchId, 1).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void aBatchWhoseJobCannotBeStartedAtStartUpIsFailedForAnAdminInsteadOfStayingConverting() throws Exception {
        String batchId = receiveSample();
        batches.startAttempt(batchId);
        // the job repository takes the new instance but refuses its execution, at every start
        long lastInstance = count("SELECT COALESCE(MAX(JOB_INSTANCE_ID), 0) FROM BATCH_JOB_INSTANCE");
        try (CompletedTopic receipt = subscribe(batchId)) {
            withConstraint("BATCH_JOB_EXECUTION", "JOB_INSTANCE_ID <= " + lastInstance,
                    () -> assertThat(recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1)).batchesTakenUp())
                            .isEmpty());
            assertThat(receipt.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
        }
        Batch failed = batch(batchId);
        assertThat(failed.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);

        // the admin reprocesses it once the database is fixed
        BatchActions.Started reprocess = actions.reprocess(batchId);
        assertThat(reprocess.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).attempt()).isEqualTo(2);
    }

    @Test
    void aRunInterruptedAThirdTimeIsNotRestartedAgainAndItsBatchFailsForAnAdmin() throws Exception {
        String batchId = receiveSample();
        // a batch whose every run takes the hub down with it (killed for its memory): each run here fails at the same
        // chunk and is then made to look killed
        withConstraint("staged_event", "row_no <> 11", () -> {
            importNewAttempt(batchId);
            for (int start = 1; start <= 2; start++) {
                JobExecution killed = lastExecution(batchId, 1);
                looksLikeAKilledProcess(killed, batchId);
                InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));
                assertThat(report.restarted()).as("start %d", start).containsExactly(killed.getId());
                assertThat(report.notRestarted()).isEmpty();
            }
            JobExecution killedAgain = lastExecution(batchId, 1);
            looksLikeAKilledProcess(killedAgain, batchId);
            try (CompletedTopic receipt = subscribe(batchId)) {
                InterruptedJobRecovery.Report third = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

                assertThat(third.recovered()).containsExactly(killedAgain.getId());
                assertThat(third.restarted()).isEmpty();
                assertThat(third.notRestarted()).containsExactly(killedAgain.getId());
                assertThat(receipt.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            }
        });
        Batch failed = batch(batchId);
        assertThat(failed.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
        assertThat(failed.failureMessage()).startsWith("平台处理此文件时已被意外中断3次").contains("管理员");
        assertThat(jobRepository.getJobExecutions(lastExecution(batchId, 1).getJobInstance())).hasSize(3)
                .allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED));

        // the admin retries it (here it no longer fails): the run resumes and loads
        BatchActions.Started retry = actions.retry(batchId);
        assertThat(retry.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(7);
    }

    /**
     * An import that failed after its batch was unchanged for {@code node-timeout} (a convert that long), looked at by the
     * takeover while its failure listener is still failing the batch: Spring Batch had written the run FAILED before its
     * listeners ran, and the takeover restarted the batch it read CONVERTING under a failed run beside the listener (two
     * runs of the attempt, two receipts). A real H2 trigger holds the listener's update of the batch.
     */
    @Test
    void aBatchWhoseImportFailedHereAMomentAgoIsLeftToItsFailureListenerByTheTakeover() throws Exception {
        String batchId = receiveSample();
        int attempt = batches.startAttempt(batchId);
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusHours(1), batchId).update();
        try (CompletedTopic receipt = subscribe(batchId)) {
            JobExecution run = failedImportHeldInItsFailureListener(batchId, attempt, () -> {
                JobExecution failing = lastExecution(batchId, attempt);
                assertThat(failing.getStatus()).as("what the job repository says meanwhile").isEqualTo(BatchStatus.FAILED);

                InterruptedJobRecovery.Report takeover = recovery.takeOverLostRuns();

                assertThat(takeover.batchesTakenUp()).doesNotContain(batchId);
            });
            assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(receipt.next(Duration.ofSeconds(30)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
        }
        assertThat(jobRepository.getJobExecutions(lastExecution(batchId, attempt).getJobInstance())).as("one run").hasSize(1);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
    }

    @Test
    void executionsThisProcessStartedAreLeftAlone() throws Exception {
        String running = receiveSample();
        importNewAttempt(running);
        JobExecution execution = lastExecution(running, 1);
        looksLikeAKilledProcess(execution, running);
        try {
            InterruptedJobRecovery.Report report = recovery.recover(execution.getCreateTime().minusSeconds(1),
                    batch(running).updatedAt().minusSeconds(1));

            assertThat(report.recovered()).isEmpty();
            assertThat(report.batchesTakenUp()).isEmpty();
            assertThat(jobRepository.getJobExecution(execution.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        } finally {
            jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = CURRENT_TIMESTAMP WHERE JOB_EXECUTION_ID = ?")
                    .param(execution.getId()).update();
        }
    }
}
