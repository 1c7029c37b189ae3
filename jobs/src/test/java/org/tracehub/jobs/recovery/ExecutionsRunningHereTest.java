package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

class ExecutionsRunningHereTest {

    private static final Duration GRACE = Duration.ofMinutes(10);

    @Test
    void aRunCountsFromItsStartUntilTheGracePeriodAfterItsEndAndARunNeverStartedHereDoesNot() {
        ExecutionsRunningHere here = new ExecutionsRunningHere();
        JobExecution run = new JobExecution(1L, new JobInstance(1L, "importJob"), new JobParameters());
        run.setCreateTime(LocalDateTime.now().minusHours(5));

        here.started(run);
        assertThat(here.isRunning(1)).isTrue();
        assertThat(here.mayBeRunning(1, GRACE)).as("a long run").isTrue();

        // Spring Batch set its end; its update of the execution may still be waiting for the database
        run.setEndTime(LocalDateTime.now().minus(GRACE).plusSeconds(30));
        assertThat(here.isRunning(1)).isFalse();
        assertThat(here.mayBeRunning(1, GRACE)).isTrue();
        run.setEndTime(LocalDateTime.now().minus(GRACE).minusSeconds(1));
        assertThat(here.mayBeRunning(1, GRACE)).isFalse();

        assertThat(here.mayBeRunning(2, GRACE)).as("a former process's run").isFalse();
    }
}
