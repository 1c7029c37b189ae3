package org.tracehub.jobs.sync;

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

/** Starts a sync run now, for every source ({@code *}) or the sources of one cron. */
@Component
public class NightlySyncLauncher {

    private static final Logger log = LoggerFactory.getLogger(NightlySyncLauncher.class);

    private final JobOperator jobOperator;
    private final Job nightlySyncJob;
    private final Clock clock;

    public NightlySyncLauncher(JobOperator jobOperator, Job nightlySyncJob, Clock clock) {
        this.jobOperator = jobOperator;
        this.nightlySyncJob = nightlySyncJob;
        this.clock = clock;
    }

    /**
     * Runs the sync in the calling thread; empty when this minute's run of these sources ran or runs already (another
     * node, logged at INFO: {@link StartFailures#lostToAnotherStart}).
     */
    public Optional<JobExecution> run(String sources) throws Exception {
        return run(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES), sources);
    }

    public Optional<JobExecution> run(OffsetDateTime runAt, String sources) throws Exception {
        try {
            JobExecution execution = jobOperator.start(nightlySyncJob, parameters(runAt, sources));
            log.info("nightlySyncJob {} for {} ended {}", runAt, sources, execution.getStatus());
            return Optional.of(execution);
        } catch (Exception e) {
            if (!StartFailures.lostToAnotherStart(e)) {
                throw e;
            }
            log.info("nightlySyncJob {} for {}: already run or running by another node ({})", runAt, sources, StartFailures.howAnotherStartTookIt(e));
            return Optional.empty();
        }
    }

    public static JobParameters parameters(OffsetDateTime runAt, String sources) {
        return new JobParametersBuilder()
                .addString(NightlySyncParameters.RUN_AT, runAt.toString())
                .addString(NightlySyncParameters.SOURCES, sources)
                .toJobParameters();
    }
}
