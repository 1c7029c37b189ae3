package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.progress.BatchProgressService;
import org.tracehub.jobs.recovery.InterruptedJobRecovery;
import org.tracehub.jobs.sync.NightlySyncLauncher;
import org.tracehub.jobs.sync.NightlySyncParameters;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;

/**
 * A first load in several transactions and a reprocess in one. With pages of 3 (the tests' chunk size)
 * and {@code hub.jobs.load-transaction-size=3}, the sample's seven events load in three transactions:
 * rows [3, 4, 6], [7, 9, 11] and [12]. The fault is real: a check constraint makes the store refuse
 * row 11's event (XJM2611270009), in the second page.
 */
@TestPropertySource(properties = "hub.jobs.load-transaction-size=3")
class PagedLoadTests extends ImportJobTestSupport {

    @Autowired
    BatchProgressService progress;

    @Autowired
    BatchAttempts attempts;

    @Autowired
    NightlySyncLauncher sync;

    @Autowired
    InterruptedJobRecovery recovery;

    @Test
    void aFirstLoadCommitsPageByPageAndItsRestartLoadsOnlyThePagesNotYetCommitted() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            StepExecution load = step(e, ImportJobConfiguration.LOAD_STEP);
            assertThat(load.getWriteCount()).as("the first page committed").isEqualTo(3);
            assertThat(load.getCommitCount()).isEqualTo(1);
        });
        JobExecution failed = lastExecution(batchId, 1);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(provenance(batchId)).as("the first page stays in the store, the second was rolled back")
                .containsExactly(List.of(3L, 1L), List.of(4L, 1L), List.of(6L, 1L));
        assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", batchId))
                .as("the first page claimed the store for its attempt").isEqualTo(1);
        assertThat(progress.of(batchId).orElseThrow()).satisfies(p -> {
            assertThat(p.phase()).isEqualTo("FAILED");
            assertThat(p.rowsToLoad()).isEqualTo(7L);
            assertThat(p.rowsLoaded()).as("what the committed transaction wrote, not the whole batch").isEqualTo(3L);
        });

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).as("only the four events after the committed page").isEqualTo(4);
            assertThat(s.getWriteCount()).isEqualTo(4);
            assertThat(s.getCommitCount()).as("pages [7, 9, 11] and [12]").isEqualTo(2);
        });
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).failureCode()).isNull();
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isEqualTo(8);
    }

    /**
     * A first load killed after its first transaction: the attempt's load is its import's (committed with that
     * transaction). A nightly sync that runs before the hub is back (the source switched to load at night meanwhile, or
     * another node's) leaves the batch to it; start-up recovery restarts the import, which loads the rest, each row once.
     */
    @Test
    void aFirstLoadACrashLeftHalfWayIsLeftByTheNightlySyncAndRecoveredAtStartUp() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        assertThat(attempts.loadJob(batchId)).as("the first transaction took the attempt's load").contains(ImportJobParameters.JOB_NAME);
        // what a hub killed in the second transaction leaves: the run and its load step STARTED, the batch STAGED
        JobExecution killed = lastExecution(batchId, 1);
        looksLikeAKilledProcess(killed, batchId);
        jdbc.sql("UPDATE batch SET status = 'STAGED', source_id = ? WHERE id = ?")
                .params(org.tracehub.jobs.ImportJobTestApplication.NIGHTLY_SOURCE, batchId).update();

        JobExecution run = sync.run(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusMinutes(900),
                NightlySyncParameters.ALL_SOURCES).orElseThrow();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobInstance(ImportJobParameters.LOAD_JOB_NAME, params(batchId, 1))).isNull();
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);
        assertThat(provenance(batchId)).containsExactly(List.of(3L, 1L), List.of(4L, 1L), List.of(6L, 1L));

        InterruptedJobRecovery.Report report = recovery.recover(LocalDateTime.now(), OffsetDateTime.now(clock).plusSeconds(1));

        assertThat(report.restarted()).containsExactly(killed.getId());
        JobExecution restarted = lastExecution(batchId, 1);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, ImportJobConfiguration.LOAD_STEP).getWriteCount()).as("the four rows after the committed page")
                .isEqualTo(4);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsWarned()))
                .containsExactly(10L, 7L, 3L, 1L);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ? AND code = 'RECORD_REPEATED'", batchId)).isZero();
    }

    @Test
    void aFirstLoadThatFailsHalfWayCountsTheWarningsOfThePagesItCommitted() throws Exception {
        // row 5 repeats row 3's record: the first page [3, 4, 5] commits with RECORD_REPEATED on row 5; page [6, 7, 8] fails
        String batchId = receive(FILE_NAME, utf8(export(record(1), record(2), "3" + record(1).substring(1), record(4), record(5),
                record(6))));
        withConstraint("trace_event", "trace_code <> 'XJM2611279005'", () ->
                assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));

        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        assertThat(batch(batchId).rowsWarned()).as("row 5, warned by the committed page").isEqualTo(1);
    }

    private static String record(int n) {
        return record(n, "100", "310012345" + n, "31001261127000" + n);
    }

    @Test
    void aReprocessReplacesTheAttemptInTheStoreInOneTransactionWhateverTheTransactionSize() throws Exception {
        String batchId = receiveSample();
        // attempt 1 fails half-way through its load: its first page is in the store
        withConstraint("trace_event", REFUSE_ROW_11, () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        // and an event of attempt 1 that attempt 2 does not produce again (as after a change of the spec)
        String stale = addStaleEventOfAttempt1(batchId);

        JobExecution reprocess = importNewAttempt(batchId);

        assertThat(reprocess.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(reprocess, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
            assertThat(s.getWriteCount()).isEqualTo(7);
            assertThat(s.getCommitCount()).as("all three pages and the removal in one transaction").isEqualTo(1);
        });
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
        assertThat(count("SELECT COUNT(*) FROM trace_event WHERE event_id = ?", stale)).isZero();
        assertThat(count("SELECT COUNT(*) FROM trace_link WHERE event_id = ?", stale)).isZero();
        assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", batchId)).isEqualTo(2);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    @Test
    void aReprocessWhileItLoadsLeavesTheBatchRowToOtherWriters() throws Exception {
        String batchId = receiveSample();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the reprocess's one load transaction held as it replaces the first stored event
        PausingTrigger.install(jdbc, "trace_event", "BEFORE UPDATE", Map.of("attempt", 2));
        CompletableFuture<JobExecution> reprocess = CompletableFuture.supplyAsync(() -> {
            try {
                return importNewAttempt(batchId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            PausingTrigger.awaitReached();
            // what the receipt redelivery or an admin's action writes meanwhile: it must not wait for the whole load
            assertThat(jdbc.sql("UPDATE batch SET receipt_status = receipt_status WHERE id = ?").param(batchId).update()).isEqualTo(1);
        } finally {
            PausingTrigger.release();
        }
        JobExecution done = reprocess.get(60, TimeUnit.SECONDS);
        // dropped once no statement runs it (H2 refuses a trigger dropped under a running statement)
        PausingTrigger.remove(jdbc);
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", batchId)).isEqualTo(2);
    }

    @Test
    void aRefusedReprocessOfAFileWhoseFirstLoadStoppedHalfWaySaysWhichPartOfTheFileStaysInTheStore() throws Exception {
        String batchId = receiveSample();
        // attempt 1's load stops after its first page: three of the seven events are in the store, loaded_attempt 1
        withConstraint("trace_event", REFUSE_ROW_11, () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        assertThat(attempts.loadedAttempt(batchId)).contains(1);
        Files.write(storage.resolve(batch(batchId).archivePath()), "标题\r\n序号,品名\r\n1,白条猪\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);

        assertThat(attempts.wholeLoadedAttempt(batchId)).isEmpty();
        assertThat(attempts.partiallyLoadedAttempt(batchId)).contains(new BatchAttempts.PartialLoad(1, 3));
        assertThat(batch(batchId).failureMessage())
                .startsWith("第1次处理中途停止时，已有部分数据（3条，不完整）入库，目前仍可被查询到；这部分数据会一直保留，直到此文件以后的某次处理完整入库。"
                        + "本次（第2次）处理时发现：表头")
                .doesNotContain("仍然有效", "您无需重新发送此文件");
        assertThat(provenance(batchId)).as("attempt 1's first page, served as before").hasSize(3);
    }

    @Test
    void aReprocessOverTheRejectThresholdAfterAFirstLoadStoppedHalfWaySaysWhichPartOfTheFileStaysInTheStore() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        // attempt 2 refuses every row (as a changed spec would)
        Files.write(storage.resolve(batch(batchId).archivePath()), utf8(export(
                record(1, "-1", "3100123456", "310012611270001"),
                record(2, "-1", "3100123457", "310012611270002"))));

        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(batch(batchId).failureCode()).isEqualTo("REJECT_THRESHOLD");
        assertThat(batch(batchId).failureMessage()).contains("，本次（第2次）处理的结果未入库；请修正后重新发送。"
                        + "第1次处理中途停止时，已有部分数据（3条，不完整）入库，目前仍可被查询到")
                .doesNotContain("整个文件未入库");
    }
}
