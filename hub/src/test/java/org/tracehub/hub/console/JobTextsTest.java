package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;

/** The console's words for Spring Batch's job, step and status names. */
class JobTextsTest {

    @Test
    void theBatchPagesJobsStepsAndStatusesAreChineseWithSpringBatchsNameBeside() {
        assertThat(JobTexts.job(ImportJobParameters.JOB_NAME)).isEqualTo("导入（importJob）");
        assertThat(JobTexts.job(ImportJobParameters.LOAD_JOB_NAME)).isEqualTo("入库（loadJob）");
        assertThat(JobTexts.step(ImportJobConfiguration.CONVERT_STEP)).isEqualTo("转换校验（convertStep）");
        assertThat(JobTexts.step(ImportJobConfiguration.LOAD_STEP)).isEqualTo("入库（loadStep）");
        assertThat(JobTexts.status("COMPLETED")).isEqualTo("已完成（COMPLETED）");
        assertThat(JobTexts.status("FAILED")).isEqualTo("失败（FAILED）");
        assertThat(JobTexts.status("STOPPED")).isEqualTo("已停止（STOPPED）");
        assertThat(JobTexts.status("ABANDONED")).isEqualTo("已放弃（ABANDONED）");
    }

    @Test
    void aNameTheConsoleDoesNotKnowIsShownAsItIs() {
        assertThat(JobTexts.job("someLaterJob")).isEqualTo("someLaterJob");
        assertThat(JobTexts.step("someLaterStep")).isEqualTo("someLaterStep");
        assertThat(JobTexts.status("SOME_EXIT_CODE")).isEqualTo("SOME_EXIT_CODE");
        assertThat(JobTexts.status(null)).isEmpty();
    }
}
