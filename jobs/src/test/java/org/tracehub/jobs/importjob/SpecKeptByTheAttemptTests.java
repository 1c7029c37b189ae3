package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.tracehub.jobs.actions.BatchActionCodes;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.purge.PurgeLauncher;
import org.tracehub.mappings.catalog.SpecArchive;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchRepository;

/**
 * An attempt keeps the spec it started converting with (mappings/README.md, the external folder): the spec folder's
 * watcher replacing or dropping the spec while the batch converts, or before a half-converted attempt is restarted, as an
 * admin's edit does in the running hub. The external folder here is this class's own: its watcher owns the catalog's
 * external specs for the rest of the class (the context is closed after it).
 */
class SpecKeptByTheAttemptTests extends ImportJobTestSupport {

    /** A source of this class alone, whose spec the tests edit: the meat wholesale market's, under another id. */
    private static final String EDITED = "meat-wholesale-xj-edited";
    /** The sample rejects 3 of its 10 data rows (30 %): under version 1's threshold (0.5), over version 2's. */
    private static final String STRICTER = "rejectThreshold: 0.2";

    @Autowired
    SpecCatalog catalog;

    @Autowired
    BatchActions actions;

    @Autowired
    PurgeLauncher purge;

    private Path folder;
    private SpecFolderWatcher watcher;
    private SpecArchive archive;
    private String version1;

    @BeforeEach
    void specFolder() throws IOException {
        folder = Files.createTempDirectory(dataDir, "specs");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sources/" + SOURCE + ".yaml")) {
            version1 = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("source: " + SOURCE, "source: " + EDITED);
        }
        assertThat(version1).contains("rejectThreshold: 0.5", "product.name:                   { column: 品名 }");
        archive = new SpecArchive(dataDir.resolve("specs"), clock);
        watcher = new SpecFolderWatcher(catalog, folder, report -> { }, archive);
        writeSpec(version1);
    }

    @AfterEach
    void removeTrigger() {
        PausingTrigger.remove(jdbc);
    }

    @Test
    void aSpecEditedWhileTheBatchConvertsIsStagedWithTheThresholdItStartedWith() throws Exception {
        String batchId = receiveSample(EDITED);
        CompletableFuture<JobExecution> run = whileConvertingRow9(batchId,
                () -> writeSpec(version1.replace("rejectThreshold: 0.5", STRICTER)));

        JobExecution execution = run.get(60, TimeUnit.SECONDS);

        // before: the stage step took version 2 from the catalog and refused the file at 20 % (REJECT_THRESHOLD quoting it)
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stepNames(execution)).containsExactly(ImportJobConfiguration.CONVERT_STEP, ImportJobConfiguration.STAGE_STEP,
                ImportJobConfiguration.LOAD_STEP, ImportJobConfiguration.RECEIPT_STEP);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.failureCode()).isNull();
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(10L, 7L, 3L);
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(step(execution, ImportJobConfiguration.CONVERT_STEP).getExecutionContext().getString(ConvertStepKeys.SPEC_FINGERPRINT))
                .isNotEqualTo(catalog.source(EDITED).orElseThrow().fingerprint());
    }

    @Test
    void aSourceSwitchedToNightlyWhileItsBatchConvertsLoadsThatBatchOnArrivalAsItsSpecSaidWhenItStarted() throws Exception {
        String batchId = receiveSample(EDITED);
        CompletableFuture<JobExecution> run = whileConvertingRow9(batchId,
                () -> writeSpec(version1.replace("load: on-arrival", "load: nightly")));

        JobExecution execution = run.get(60, TimeUnit.SECONDS);

        // before: the stage step read load: nightly and left the batch STAGED (WAIT) for a night its rows were not converted for
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(traceEvents()).isEqualTo(7);
    }

    @Test
    void aSpecRemovedWhileTheBatchConvertsStillStagesAndLoadsTheBatchWithTheSpecItStartedWith() throws Exception {
        String batchId = receiveSample(EDITED);
        CompletableFuture<JobExecution> run = whileConvertingRow9(batchId, this::removeSpec);

        JobExecution execution = run.get(60, TimeUnit.SECONDS);

        // before: the stage step's catalog look-up threw NoSuchElementException, the batch FAILED PROCESSING_ERROR for good
        assertThat(catalog.source(EDITED)).isEmpty();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(traceEvents()).isEqualTo(7);
    }

    @Test
    void aHalfConvertedAttemptWhoseSpecChangedBeforeItsRestartIsNotFinishedWithTheNewSpecButRefusedForAReprocess() throws Exception {
        String batchId = receiveSample(EDITED);
        JobExecution failed = convertedUpToRow8(batchId);
        writeSpec(version1.replace("product.name:                   { column: 品名 }", "product.name:                   { value: 鲜猪肉 }"));

        try (CompletedTopic topic = subscribe(batchId)) {
            JobExecution restarted = jobOperator.restart(failed);

            // before: rows 3…8 stood staged with version 1 and rows 9…12 were staged with version 2, loaded as one attempt
            assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(topic.next(Duration.ofSeconds(10)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
        }
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo("SPEC_CHANGED");
        assertThat(batch.failureMessage()).contains("转换了6行后中断", "映射规范被修改", "重新处理", "您无需重新发送");
        assertThat(count("SELECT MAX(row_no) FROM staged_event WHERE batch_id = ?", batchId)).isEqualTo(7);
        assertThat(traceEvents()).isZero();
        // a retry would fail the same way: the admin is sent to reprocess
        assertThatThrownBy(() -> actions.retry(batchId)).isInstanceOfSatisfying(BatchActionRefused.class,
                r -> {
                    assertThat(r.code()).isEqualTo(BatchActionCodes.BATCH_NOT_RETRYABLE);
                    assertThat(r.getMessage()).contains("失败原因在映射规范（SPEC_CHANGED）", "重新处理").doesNotContain("文件本身");
                });

        JobExecution reprocessed = importNewAttempt(batchId);

        assertThat(reprocessed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(2));
        assertThat(jdbc.sql("SELECT DISTINCT product_name FROM trace_event WHERE batch_id = ?").param(batchId).query(String.class).list())
                .containsExactly("鲜猪肉");
    }

    @Test
    void aHalfConvertedAttemptWhoseSpecGainedOnlyCommentsAndBlankLinesBeforeItsRestartGoesOnWithIt() throws Exception {
        String batchId = receiveSample(EDITED);
        JobExecution failed = convertedUpToRow8(batchId);
        // every field's line moves: the fingerprint is of what the spec converts by, not of where its keys stand
        writeSpec("# 2026-12 核对：字段未改\n\n" + version1.replace("      product.name:", "      # 品名列\n\n      product.name:"));

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
    }

    @Test
    void aHalfConvertedAttemptTheReleaseBeforeCutShortGoesOnAfterTheUpgradeWithTheSameSpec() throws Exception {
        String batchId = receiveSample(EDITED);
        JobExecution failed = convertedUpToRow8(batchId);
        // that release kept a fingerprint that counted the fields' lines
        var convert = jobRepository.getLastStepExecution(failed.getJobInstance(), ImportJobConfiguration.CONVERT_STEP);
        assertThat(convert.getExecutionContext().getLong(ConvertStepKeys.CONSUMED)).isEqualTo(6);
        String kept = catalog.source(EDITED).orElseThrow().fingerprintWithFieldLines();
        assertThat(kept).isNotEqualTo(catalog.source(EDITED).orElseThrow().fingerprint());
        convert.getExecutionContext().putString(ConvertStepKeys.SPEC_FINGERPRINT, kept);
        jobRepository.updateExecutionContext(convert);

        JobExecution restarted = jobOperator.restart(failed);

        // before: FAILED SPEC_CHANGED, and a failure receipt to the sender for a good file
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).failureCode()).isNull();
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
    }

    @Test
    void aHalfConvertedAttemptWhoseSpecWasRemovedBeforeItsRestartFailsSayingTheSpecIsMissing() throws Exception {
        String batchId = receiveSample(EDITED);
        JobExecution failed = convertedUpToRow8(batchId);
        removeSpec();

        JobExecution restarted = jobOperator.restart(failed);

        // before: PROCESSING_ERROR (管理员将排查并重试), and every retry failed the same way
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
        Batch batch = batch(batchId);
        assertThat(batch.failureCode()).isEqualTo("SPEC_MISSING");
        assertThat(batch.failureMessage()).contains("没有来源“" + EDITED + "”的映射规范", "您无需重新发送");
        assertThat(traceEvents()).isZero();
    }

    @Test
    void aBatchWhoseSourceHasNoSpecWhenItsImportStartsFailsSayingTheSpecIsMissing() throws Exception {
        removeSpec();
        String batchId = receiveSample(EDITED);

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo("SPEC_MISSING");
        assertThat(batch(batchId).failureMessage()).contains("已被移除");
    }

    @Test
    void aReprocessAfterASpecEditRecordsTheNewSpecVersionAndTheOldVersionsTextStaysReadableAfterTheJobMetadataPurge() throws Exception {
        String batchId = receiveSample(EDITED);
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String version1Fingerprint = catalog.source(EDITED).orElseThrow().fingerprint();
        assertThat(batches.specVersions(batchId)).contains(new BatchRepository.SpecVersions(version1Fingerprint, version1Fingerprint));

        writeSpec(version1.replace("product.name:                   { column: 品名 }", "product.name:                   { value: 鲜猪肉 }"));
        String version2Fingerprint = catalog.source(EDITED).orElseThrow().fingerprint();
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(batches.specVersions(batchId)).contains(new BatchRepository.SpecVersions(version2Fingerprint, version2Fingerprint));
        // the job metadata, which held the fingerprint alone before, goes once its runs ended longer ago than its retention
        LocalDateTime longAgo = LocalDateTime.now().minusDays(400);
        for (int attempt = 1; attempt <= 2; attempt++) {
            jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, END_TIME = ? WHERE JOB_INSTANCE_ID = ?")
                    .params(longAgo, longAgo, longAgo,
                            jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(batchId, attempt)).getInstanceId())
                    .update();
        }
        runsAgedBehindThePurgesBack();
        assertThat(purge.run().orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(batchId, 1))).isNull();
        assertThat(jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(batchId, 2))).isNull();

        assertThat(batches.specVersions(batchId)).contains(new BatchRepository.SpecVersions(version2Fingerprint, version2Fingerprint));
        assertThat(archive.text(version2Fingerprint)).hasValueSatisfying(text -> assertThat(text).content().contains("{ value: 鲜猪肉 }"));
        assertThat(archive.text(version1Fingerprint)).as("the version attempt 1 was converted with, edited away since")
                .hasValueSatisfying(text -> assertThat(text).content().contains("{ column: 品名 }").doesNotContain("鲜猪肉"));
    }

    @Test
    void aRefusedReprocessWithAnEditedSpecLeavesTheVersionOfTheLoadedAttemptNamed() throws Exception {
        String batchId = receiveSample(EDITED);
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String version1Fingerprint = catalog.source(EDITED).orElseThrow().fingerprint();
        writeSpec(version1.replace("rejectThreshold: 0.5", STRICTER));
        String version2Fingerprint = catalog.source(EDITED).orElseThrow().fingerprint();

        importNewAttempt(batchId);

        assertThat(batch(batchId).failureCode()).isEqualTo("REJECT_THRESHOLD");
        assertThat(batches.specVersions(batchId)).contains(new BatchRepository.SpecVersions(version2Fingerprint, version1Fingerprint));
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Starts attempt 1 and runs {@code change} while its convert step is held writing row 9; then lets it go on. */
    private CompletableFuture<JobExecution> whileConvertingRow9(String batchId, Runnable change) throws InterruptedException {
        PausingTrigger.install(jdbc, "staged_event", "BEFORE INSERT", Map.of("batch_id", batchId, "row_no", 9));
        CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> {
            try {
                return importNewAttempt(batchId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PausingTrigger.awaitReached();
        change.run();
        PausingTrigger.release();
        return run;
    }

    /** Attempt 1 failed on row 11's chunk: records 3…8 committed (rows 3, 4, 6, 7 staged), the batch FAILED PROCESSING_ERROR. */
    private JobExecution convertedUpToRow8(String batchId) throws Exception {
        withConstraint("staged_event", "row_no <> 11", () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(step(e, ImportJobConfiguration.CONVERT_STEP).getExecutionContext().getLong(ConvertStepKeys.CONSUMED)).isEqualTo(6);
        });
        JobExecution failed = lastExecution(batchId, 1);
        assertThat(batch(batchId).failureCode()).isEqualTo("PROCESSING_ERROR");
        return failed;
    }

    private void writeSpec(String text) {
        try {
            Files.writeString(folder.resolve(EDITED + ".yaml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(watcher.refresh().loaded()).extracting(s -> s.source()).containsExactly(EDITED);
    }

    private void removeSpec() {
        try {
            Files.deleteIfExists(folder.resolve(EDITED + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        watcher.refresh();
        assertThat(catalog.source(EDITED)).isEmpty();
    }
}
