package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * What a failed execution leaves on the batch row. The execution is the one the job would hand the
 * listener after its receipt step failed (the broker unreachable); the batch row and the store are real.
 */
class ImportFailureListenerTests extends ImportJobTestSupport {

    @Autowired
    ImportFailureListener listener;

    @Test
    void aFileTheStageStepRefusedStaysRefusedWhenOnlyItsReportFailed() {
        String batchId = receiveSample();
        int attempt = batches.startAttempt(batchId);
        String reason = "被拒绝的行数（6/10）超过本来源允许的比例50%，整个文件未入库；请修正后重新发送";
        batches.markFailed(batchId, attempt, ErrorCodes.REJECT_THRESHOLD, reason);

        listener.afterJob(failedExecution(batchId, attempt));

        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo(ErrorCodes.REJECT_THRESHOLD);
        assertThat(batch.failureMessage()).isEqualTo(reason);
    }

    @Test
    void aBatchTheJobLeftHalfWayBecomesAProcessingErrorTheAdminsCanRetry() {
        String batchId = receiveSample();
        int attempt = batches.startAttempt(batchId);

        listener.afterJob(failedExecution(batchId, attempt));

        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
    }

    @Test
    void anImportTheJobRepositoryRefusesToStartFailsItsBatchInsteadOfLeavingItConverting() throws Exception {
        String batchId = receiveSample();
        long lastInstance = jdbc.sql("SELECT COALESCE(MAX(JOB_INSTANCE_ID), 0) FROM BATCH_JOB_INSTANCE").query(Long.class).single();

        try (CompletedTopic topic = subscribe(batchId)) {
            // the job repository refuses every new job instance, as a full disk or a lost connection would
            withConstraint("BATCH_JOB_INSTANCE", "JOB_INSTANCE_ID <= " + lastInstance, () ->
                    assertThatThrownBy(() -> launcher.onBatchReceived(batchId)).isNotNull());
            assertThat(topic.next(Duration.ofSeconds(10)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
        }

        Batch batch = batch(batchId);
        assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(batch.attempt()).isEqualTo(1);
        assertThat(batch.failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
    }

    private static JobExecution failedExecution(String batchId, int attempt) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, ImportJobParameters.JOB_NAME),
                ImportJobParameters.of(batchId, attempt));
        execution.setStatus(BatchStatus.FAILED);
        execution.addFailureException(new IllegalStateException("AMQ219010: Connection is destroyed"));
        return execution;
    }
}
