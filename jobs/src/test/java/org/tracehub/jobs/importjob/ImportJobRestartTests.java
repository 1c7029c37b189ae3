package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Restarting a failed execution of the same attempt. The fault is a real one, deterministic and
 * outside the code under test: a check constraint makes the database refuse one row's write, so
 * the chunk holding it rolls back and the step fails; once the constraint is dropped ("the
 * database is fixed") the execution is restarted. With chunks of 3 the sample's rows span
 * several transactions, so the restart has to resume after the last committed one.
 */
class ImportJobRestartTests extends ImportJobTestSupport {

    @Test
    void restartAfterAFailedConvertChunkResumesAfterTheLastCommittedRowWithExactCounts() throws Exception {
        String batchId = receiveSample();
        // staging refuses row 11: records 3-5 and 6-8 are committed, the chunk 9-11 rolls back
        withConstraint("staged_event", "row_no <> 11", () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(stepNames(e)).containsExactly(ImportJobConfiguration.CONVERT_STEP);
            // the convert step's items are runs of rows, a chunk each (PreparedRows): two runs of three committed
            assertThat(step(e, ImportJobConfiguration.CONVERT_STEP).getWriteCount()).isEqualTo(2);
            assertThat(step(e, ImportJobConfiguration.CONVERT_STEP).getExecutionContext().getLong(ConvertingReader.CONSUMED)).isEqualTo(6);
        });
        JobExecution failed = lastExecution(batchId, 1);
        Batch afterFailure = batch(batchId);
        assertThat(afterFailure.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(afterFailure.failureCode()).isEqualTo("PROCESSING_ERROR");
        // rows 5 and 8's problems are committed under counts still 0: the receipt must call them the problems found so far
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row).containsExactly(5L, 8L);
        assertThat(afterFailure.countsNotFinal()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", batchId)).isEqualTo(4);   // rows 3, 4, 6, 7
        assertThat(traceEvents()).isZero();

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        // the reader skipped the six committed records instead of converting them again: two runs, rows 9-11 and 12
        assertThat(step(restarted, ImportJobConfiguration.CONVERT_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).isEqualTo(2);
            assertThat(s.getWriteCount()).isEqualTo(2);
        });
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected(), batch.rowsSkipped(), batch.rowsWarned()))
                .containsExactly(10L, 7L, 3L, 1L, 1L);
        assertThat(batch.countsNotFinal()).isFalse();
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row).containsExactly(5L, 8L, 10L, 11L);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", batchId)).isEqualTo(3);
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(traceEvents()).isEqualTo(7);
    }

    /** The skipped rows' reasons are saved with the skip count: a restart neither loses nor counts again those before it. */
    @Test
    void restartKeepsTheReasonsOfTheRowsSkippedBeforeTheFailureAndCountsThemOnce() throws Exception {
        // line 3 blank and line 5 a totals row, both before the chunk that fails (lines 8-10: staging refuses line 9)
        String batchId = receive(FILE_NAME, utf8(export(",,,,,,,,,,,,", record(1, "100", "3100123451", "310012611270001"),
                "合计,,,,,,,100,,,,,", record(2, "100", "3100123452", "310012611270002"),
                record(3, "100", "3100123453", "310012611270003"), record(4, "100", "3100123454", "310012611270004"),
                record(5, "100", "3100123455", "310012611270005"), record(6, "100", "3100123456", "310012611270006"))));
        withConstraint("staged_event", "row_no <> 9", () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(step(e, ImportJobConfiguration.CONVERT_STEP).getExecutionContext().getLong(ConvertingReader.SKIPPED)).isEqualTo(2);
        });

        assertThat(jobOperator.restart(lastExecution(batchId, 1)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        Batch batch = batch(batchId);
        assertThat(List.of(batch.rowsRead(), batch.rowsSkipped())).containsExactly(6L, 2L);
        assertThat(batch.skipReasons().entries()).containsExactly(new SkipReasons.Entry("空行", 1), new SkipReasons.Entry("序号=合计", 1));
    }

    /** The restarted reader skips records by count and numbers the rest by their lines, as the first run did. */
    @Test
    void restartOfAnXmlExportResumesAfterTheLastCommittedRecordNumberingRowsByTheirLinesAlike() throws Exception {
        String batchId = receiveXml(xmlSampleText());
        // staging refuses the record on line 101 (the 7th): records 1-3 and 4-6 are committed, the chunk 7-9 rolls back
        withConstraint("staged_event", "row_no <> 101", () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(step(e, ImportJobConfiguration.CONVERT_STEP).getExecutionContext().getLong(ConvertingReader.CONSUMED)).isEqualTo(6);
        });
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row).containsExactly(56L, 71L, 86L);

        JobExecution restarted = jobOperator.restart(lastExecution(batchId, 1));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted, ImportJobConfiguration.CONVERT_STEP).getReadCount()).as("runs of 3 records").isEqualTo(2);
        Batch batch = batch(batchId);
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(12L, 9L, 3L);
        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::row).containsExactly(56L, 71L, 86L, 116L, 146L);
        assertThat(provenance(batchId)).extracting(p -> p.get(0)).containsExactly(11L, 26L, 41L, 56L, 71L, 101L, 131L, 161L, 176L);
    }

    /** A warning of the whole file (a path in no record) is kept with the batch, once: a restart gives it to no record. */
    @Test
    void restartOfAnXmlExportKeepsTheFilesWarningOnceWithTheBatchInsteadOfGivingItToTheFirstRecordItResumesAt() throws Exception {
        String batchId = receiveXml(xmlSampleText().replace("emergency_code>", "emergency_no>"));
        withConstraint("staged_event", "row_no <> 101", () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(step(e, ImportJobConfiguration.CONVERT_STEP).getExecutionContext().getLong(ConvertingReader.CONSUMED)).isEqualTo(6);
        });

        assertThat(jobOperator.restart(lastExecution(batchId, 1)).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(errors.problemsOf(batchId, 1)).extracting(RowProblem::code).doesNotContain(ErrorCodes.XML_PATH_ABSENT);
        assertThat(batch(batchId).fileWarnings().entries()).extracting(FileWarnings.Entry::code, FileWarnings.Entry::column)
                .containsExactly(tuple(ErrorCodes.XML_PATH_ABSENT, "emergency_code"));
        assertThat(batch(batchId).rowsRead()).isEqualTo(12L);
    }

    @Test
    void aFailedLoadLeavesTheStoreUntouchedAndItsRestartLoadsEveryEventExactlyOnce() throws Exception {
        String batchId = receiveSample();
        // the store refuses XJM2611270009 (row 11), the sixth of seven events: the seven fit one load transaction
        // (hub.jobs.load-transaction-size; PagedLoadTests loads them in several)
        withConstraint("trace_event", REFUSE_ROW_11, () -> {
            JobExecution e = importNewAttempt(batchId);
            assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(stepNames(e)).containsExactly(ImportJobConfiguration.CONVERT_STEP, ImportJobConfiguration.STAGE_STEP,
                    ImportJobConfiguration.LOAD_STEP);
            assertThat(step(e, ImportJobConfiguration.LOAD_STEP).getWriteCount()).isZero();
        });
        JobExecution failed = lastExecution(batchId, 1);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        // the five events written before the refusal were rolled back with it
        assertThat(provenance(batchId)).isEmpty();
        assertThat(traceEvents()).isZero();
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isZero();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND loaded_attempt IS NULL", batchId)).isEqualTo(1);

        JobExecution restarted = jobOperator.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // completed steps are not run again; the load runs again as a whole
        assertThat(stepNames(restarted)).containsExactly(ImportJobConfiguration.LOAD_STEP, ImportJobConfiguration.RECEIPT_STEP);
        assertThat(step(restarted, ImportJobConfiguration.LOAD_STEP)).satisfies(s -> {
            assertThat(s.getReadCount()).isEqualTo(7);
            assertThat(s.getWriteCount()).isEqualTo(7);
            assertThat(s.getCommitCount()).isEqualTo(1);
        });
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).failureCode()).isNull();
        assertThat(provenance(batchId)).containsExactlyElementsOf(acceptedRowsOf(1));
        assertThat(traceEvents()).isEqualTo(7);
        assertThat(count("SELECT COUNT(*) FROM trace_link")).isEqualTo(8);
        assertThat(count("SELECT loaded_attempt FROM batch WHERE id = ?", batchId)).isEqualTo(1);
    }

    @Test
    void aRestartThatBeginsAtTheStageStepStagesWithTheConvertStepOfTheEarlierExecution() throws Exception {
        String batchId = receiveSample();
        withConstraint("trace_event", REFUSE_ROW_11, () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        // what a hub killed right after the convert step leaves (seen with H2, whose last writes before a SIGKILL are
        // lost): the convert step COMPLETED, the stage step FAILED by start-up recovery, no load step
        JobExecution failed = lastExecution(batchId, 1);
        long stage = step(failed, ImportJobConfiguration.STAGE_STEP).getId();
        long load = step(failed, ImportJobConfiguration.LOAD_STEP).getId();
        jdbc.sql("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED' WHERE STEP_EXECUTION_ID = ?").param(stage).update();
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID = ?").param(load).update();
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION WHERE STEP_EXECUTION_ID = ?").param(load).update();

        JobExecution restarted = jobOperator.restart(lastExecution(batchId, 1));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stepNames(restarted)).containsExactly(ImportJobConfiguration.STAGE_STEP, ImportJobConfiguration.LOAD_STEP,
                ImportJobConfiguration.RECEIPT_STEP);
        assertThat(step(restarted, ImportJobConfiguration.STAGE_STEP).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).rowsAccepted()).as("staged again from the convert step of the earlier execution").isEqualTo(7);
        assertThat(traceEvents()).isEqualTo(7);
    }

    @Test
    void aStageStepThatFailsFailsTheJobAndItsRestartStagesAndLoads() throws Exception {
        String batchId = receiveSample();
        // the batch row refuses the status STAGED: the stage step's write fails after a complete conversion
        withConstraint("batch", "status <> 'STAGED'", () -> {
            try (CompletedTopic topic = subscribe(batchId)) {
                JobExecution e = importNewAttempt(batchId);
                assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
                assertThat(stepNames(e)).containsExactly(ImportJobConfiguration.CONVERT_STEP, ImportJobConfiguration.STAGE_STEP);
                assertThat(step(e, ImportJobConfiguration.STAGE_STEP).getStatus()).isEqualTo(BatchStatus.FAILED);
                // the sender's receipt says FAILED (before the fix: no failure, the batch left CONVERTING)
                assertThat(topic.next(Duration.ofSeconds(10)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            }
        });
        // the admins can restart it
        Batch afterFailure = batch(batchId);
        assertThat(afterFailure.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(afterFailure.failureCode()).isEqualTo("PROCESSING_ERROR");
        assertThat(traceEvents()).isZero();

        JobExecution restarted = jobOperator.restart(lastExecution(batchId, 1));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stepNames(restarted)).containsExactly(ImportJobConfiguration.STAGE_STEP, ImportJobConfiguration.LOAD_STEP,
                ImportJobConfiguration.RECEIPT_STEP);
        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch.failureCode()).isNull();
        assertThat(List.of(batch.rowsRead(), batch.rowsAccepted(), batch.rowsRejected())).containsExactly(10L, 7L, 3L);
        assertThat(traceEvents()).isEqualTo(7);
    }
}
