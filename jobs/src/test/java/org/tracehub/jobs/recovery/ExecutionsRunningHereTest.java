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
        ExecutionsRunningHere here = new ExecutionsRunningHere(GRACE);
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

    @Test
    void runsEndedLongerAgoThanTheGracePeriodAreForgottenAsTheNextRunStartsSoTheProcessDoesNotKeepEveryRun() {
        ExecutionsRunningHere here = new ExecutionsRunningHere(GRACE);
        for (long id = 1; id <= 1000; id++) {
            JobExecution run = new JobExecution(id, new JobInstance(id, "importJob"), new JobParameters());
            here.started(run);
            run.setEndTime(LocalDateTime.now().minus(GRACE).minusMinutes(1));
        }
        JobExecution running = new JobExecution(1001L, new JobInstance(1001L, "importJob"), new JobParameters());
        JobExecution justEnded = new JobExecution(1002L, new JobInstance(1002L, "importJob"), new JobParameters());
        here.started(running);
        here.started(justEnded);
        justEnded.setEndTime(LocalDateTime.now());

        here.started(new JobExecution(1003L, new JobInstance(1003L, "importJob"), new JobParameters()));

        assertThat(here.held()).as("the two running and the one ended within the grace period").isEqualTo(3);
        assertThat(here.isRunning(1001)).isTrue();
        assertThat(here.mayBeRunning(1002, GRACE)).isTrue();
    }
}
