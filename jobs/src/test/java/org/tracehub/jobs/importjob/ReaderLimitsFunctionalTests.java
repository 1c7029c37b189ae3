package org.tracehub.jobs.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import jakarta.jms.TextMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The convert step reads archived files within the configured {@code hub.jobs.readers.*} limits,
 * not only the CLI's defaults: here a 1 KB bound, below the sample export's 1,742 bytes.
 */
@TestPropertySource(properties = "hub.jobs.readers.max-file-size=1KB")
class ReaderLimitsFunctionalTests extends ImportJobTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    ReaderSettings settings;

    @Test
    void bindsTheLimitsFromConfiguration() {
        assertThat(settings.limits().maxFileBytes()).isEqualTo(1024);
        assertThat(settings.limits().maxXlsBytes()).isEqualTo(20L * 1024 * 1024);
    }

    @Test
    void fileAboveTheConfiguredSizeFailsTheBatchWithFileTooLargeAndAChineseReason() throws Exception {
        String batchId = receiveSample();

        try (CompletedTopic topic = subscribe(batchId)) {
            JobExecution execution = importNewAttempt(batchId);

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
            Batch batch = batch(batchId);
            assertThat(batch.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
            assertThat(batch.failureCode()).isEqualTo(ErrorCodes.FILE_TOO_LARGE);
            assertThat(batch.failureMessage()).isEqualTo("文件大小为1.7KB，超过上限1KB，文件已拒收；请按日期或品类拆分成较小的文件后重新发送");
            assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", batchId)).isZero();
            assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", batchId)).isZero();
            assertThat(traceEvents()).isZero();

            TextMessage message = topic.next(TIMEOUT);
            assertThat(message.getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
            assertThat(JsonPath.parse(message.getText()).read("$.failureCode", String.class)).isEqualTo(ErrorCodes.FILE_TOO_LARGE);
        }
    }

    @Test
    void fileWithinTheConfiguredSizeIsConvertedAndLoaded() throws Exception {
        // the sample's first record (row 3, accepted) alone: a few hundred bytes
        String firstRecord = sampleText().lines().skip(2).findFirst().orElseThrow();
        byte[] content = utf8(export(firstRecord));
        assertThat(content.length).isLessThan(1024);
        String batchId = receive(FILE_NAME, content);

        JobExecution execution = importNewAttempt(batchId);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(traceEvents()).isEqualTo(1);
    }
}
