package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.importjob.ImportJobTestSupport;

/**
 * The purge's clock check with the shipped tolerance (three days): a run whose time is years ahead of the last run's (a
 * node whose clock jumped) deletes nothing and is recorded as refused, saying why; a hub without traffic is not refused;
 * an admin lets a refused time through once with {@code accept-clock-until}, and the next run is measured from it.
 */
@TestPropertySource(properties = {"hub.jobs.purge.clock-tolerance=P3D", "hub.jobs.purge.accept-clock-until=2045-06-01T03:30+08:00"})
class PurgeClockCheckTests extends ImportJobTestSupport {

    @Autowired
    PurgeLauncher purge;

    /** Each test as on a hub that never purged: the runs of the others are not its last run. */
    @BeforeEach
    void forgetEarlierPurgeRuns() {
        String executions = "SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
                + "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'purgeJob'";
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (SELECT STEP_EXECUTION_ID FROM "
                + "BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + "))").update();
        for (String table : new String[] {"BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_JOB_EXECUTION_PARAMS"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE JOB_EXECUTION_ID IN (" + executions + ")").update();
        }
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE "
                + "WHERE JOB_NAME = 'purgeJob')").update();
        jdbc.sql("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'purgeJob'").update();
    }

    @Test
    void aRunYearsAheadOfTheLastRunDeletesNothingAndIsRecordedAsRefusedWithItsReason() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        String batch = imported(receive(FILE_NAME, variant("01")));
        age(batch, now.minusYears(1));
        Path original = storage.resolve(batch(batch).archivePath());
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, outcome) VALUES (?, 'clock-check', 'ORIGINAL_DOWNLOAD', 200)")
                .param(now.minusYears(1)).update();
        assertThat(purge.run(now.minusDays(1)).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // the node's clock jumped 20 years ahead (past the accepted time too)
        JobExecution refused = purge.run(now.plusYears(20)).orElseThrow();

        assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.getExitStatus().getExitCode()).isEqualTo(PurgeParameters.CLOCK_AHEAD);
        assertThat(refused.getExitStatus().getExitDescription()).contains("上次清理的时间").contains("本次未删除任何数据")
                .contains("hub.jobs.purge.accept-clock-until=" + now.plusYears(20));
        assertThat(refused.getStepExecutions()).extracting(StepExecution::getStepName)
                .containsExactly(PurgeParameters.CLOCK_CHECK_STEP);
        assertThat(original).exists();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NULL", batch)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ?", batch)).isPositive();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE who = 'clock-check'")).isEqualTo(1);

        // and it stays refused the next night: a refused run is not the last run the next one is measured from
        assertThat(purge.run(now.plusYears(20).plusDays(1)).orElseThrow().getExitStatus().getExitCode())
                .isEqualTo(PurgeParameters.CLOCK_AHEAD);
        assertThat(original).exists();
    }

    @Test
    void aHubWithoutTrafficForWeeksIsNotRefusedWhileItsDailyRunsGoOn() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        String batch = imported(receive(FILE_NAME, variant("02")));
        age(batch, now.minusDays(60));
        assertThat(purge.run(now.minusDays(2)).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(purge.run(now.minusDays(1)).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        JobExecution today = purge.run(now).orElseThrow();

        assertThat(today.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(today.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
    }

    @Test
    void anAdminLetsTheRunAfterALongOutageThroughOnceAndTheNextIsMeasuredFromIt() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        assertThat(purge.run(now).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        OffsetDateTime accepted = OffsetDateTime.parse("2045-06-01T03:30+08:00");

        JobExecution letThrough = purge.run(accepted).orElseThrow();

        assertThat(letThrough.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(purge.run(accepted.plusDays(1)).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(purge.run(accepted.plusDays(30)).orElseThrow().getExitStatus().getExitCode()).isEqualTo(PurgeParameters.CLOCK_AHEAD);
    }

    private String imported(String batchId) throws Exception {
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return batchId;
    }

    private static byte[] variant(String n) {
        return sampleText().replace("XJM26112700", "XJM261127" + n).replace("XJ202611270", "XJ2026112" + n)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void age(String batchId, OffsetDateTime at) {
        jdbc.sql("UPDATE batch SET received_at = ?, updated_at = ? WHERE id = ?").params(at, at, batchId).update();
    }
}
