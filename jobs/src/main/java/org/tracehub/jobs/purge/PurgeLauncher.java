package org.tracehub.jobs.purge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.recovery.StartFailures;

/** Starts a purge run in the calling thread. */
@Component
public class PurgeLauncher {

    private static final Logger log = LoggerFactory.getLogger(PurgeLauncher.class);

    private final JobOperator jobOperator;
    private final Job purgeJob;
    private final Clock clock;

    public PurgeLauncher(JobOperator jobOperator, Job purgeJob, Clock clock) {
        this.jobOperator = jobOperator;
        this.purgeJob = purgeJob;
        this.clock = clock;
    }

    /**
     * Runs the purge as of now; empty when this minute's run already ran or runs (another node, logged at INFO:
     * {@link StartFailures#lostToAnotherStart}).
     */
    public Optional<JobExecution> run() throws Exception {
        return run(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES));
    }

    public Optional<JobExecution> run(OffsetDateTime runAt) throws Exception {
        try {
            JobExecution execution = jobOperator.start(purgeJob, parameters(runAt));
            log.info("purgeJob {} ended {}: {}", runAt, execution.getStatus(), execution.getStepExecutions().stream()
                    .map(s -> s.getStepName() + " " + s.getWriteCount()).toList());
            return Optional.of(execution);
        } catch (Exception e) {
            if (!StartFailures.lostToAnotherStart(e)) {
                throw e;
            }
            log.info("purgeJob {}: already run or running by another node ({})", runAt, StartFailures.howAnotherStartTookIt(e));
            return Optional.empty();
        }
    }

    public static JobParameters parameters(OffsetDateTime runAt) {
        return new JobParametersBuilder().addString(PurgeParameters.RUN_AT, runAt.toString()).toJobParameters();
    }
}
