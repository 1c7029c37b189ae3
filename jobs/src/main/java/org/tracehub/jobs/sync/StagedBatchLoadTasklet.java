package org.tracehub.jobs.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.jobs.importjob.AttemptExecutions;
import org.tracehub.jobs.importjob.AttemptJobStarts;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Loads every STAGED batch of the run's nightly sources, oldest first, each with its own load job
 * (one job instance per batch attempt, so a failed load can be retried on its own and is never run
 * twice). A batch whose load fails is FAILED with a follow-up receipt; the others go on. Counts per
 * source go into the step's context for the summary.
 *
 * <p>Also a STAGED batch of another source the run covers whose import ended waiting for the night and that no job is
 * working on: its source loaded at night when it was staged, and its spec has since been changed to {@code on-arrival}
 * or removed. Nothing else would ever load it (the staged events need no spec any more).
 */
class StagedBatchLoadTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagedBatchLoadTasklet.class);

    private final Set<String> sources;
    private final SyncSources syncSources;
    private final BatchAttempts attempts;
    private final BatchRepository batches;
    private final JobOperator jobOperator;
    private final Job loadJob;
    private final JobRepository jobRepository;

    StagedBatchLoadTasklet(Set<String> sources, SyncSources syncSources, BatchAttempts attempts, BatchRepository batches,
                           JobOperator jobOperator, Job loadJob, JobRepository jobRepository) {
        this.jobRepository = jobRepository;
        this.batches = batches;
        this.sources = sources;
        this.syncSources = syncSources;
        this.attempts = attempts;
        this.jobOperator = jobOperator;
        this.loadJob = loadJob;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        Set<String> nightly = syncSources.nightlyLoading(sources);
        List<Batch> waiting = new ArrayList<>(attempts.findInStatus(org.tracehub.platform.batch.BatchStatus.STAGED, nightly));
        for (Batch batch : attempts.findInStatus(org.tracehub.platform.batch.BatchStatus.STAGED, null)) {
            if (!nightly.contains(batch.sourceId()) && syncSources.covers(sources, batch.sourceId()) && leftWaiting(batch)) {
                log.warn("batch {} of {} was staged to load at night, and its source no longer loads at night; loading it now",
                        batch.id(), batch.sourceId());
                waiting.add(batch);
            }
        }
        waiting.sort(Comparator.comparing(Batch::receivedAt).thenComparing(Batch::id));
        for (Batch batch : waiting) {
            // the list was read at the start, and a load may take minutes: an admin may have reprocessed a batch since
            if (superseded(batch)) {
                continue;
            }
            contribution.incrementReadCount();
            try {
                // a load whose instance a crash left without an execution would otherwise fail here every night
                JobExecution execution = AttemptJobStarts.start(jobOperator, jobRepository, loadJob,
                        ImportJobParameters.of(batch.id(), batch.attempt()));
                if (execution.getStatus() == BatchStatus.COMPLETED) {
                    contribution.incrementWriteCount(1);
                    increment(context, NightlySyncParameters.LOADED_PREFIX + batch.sourceId());
                } else if (!superseded(batch)) {
                    increment(context, NightlySyncParameters.LOAD_FAILED_PREFIX + batch.sourceId());
                }
            } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException e) {
                // a retry by an admin, or a node that got there first
                log.info("batch {} attempt {} is being or has been loaded elsewhere: {}", batch.id(), batch.attempt(), e.getMessage());
            } catch (Exception e) {
                if (!superseded(batch)) {
                    log.error("could not load batch {} attempt {}", batch.id(), batch.attempt(), e);
                    increment(context, NightlySyncParameters.LOAD_FAILED_PREFIX + batch.sourceId());
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Whether a reprocess started a newer attempt of the batch after the sync listed it: the listed attempt's load then
     * fails by design (the newer attempt owns the batch and loads by its own way), which is no load failure of the night.
     */
    private boolean superseded(Batch listed) {
        boolean superseded = batches.findById(listed.id()).map(b -> b.attempt() != listed.attempt()).orElse(true);
        if (superseded) {
            log.info("batch {} attempt {} was superseded by a reprocess after the sync listed it; not loaded, not a failure",
                    listed.id(), listed.attempt());
        }
        return superseded;
    }

    /**
     * Its import ended (waiting for the night; or it failed only to send its STAGED report, which the receipt redelivery
     * sends) and no load of it has run or runs: the import's run is its newest.
     */
    private boolean leftWaiting(Batch batch) {
        return AttemptExecutions.newest(jobRepository, batch.id(), batch.attempt())
                .filter(e -> ImportJobParameters.JOB_NAME.equals(e.getJobInstance().getJobName()))
                .filter(e -> e.getStatus() == BatchStatus.COMPLETED || AttemptExecutions.failedOnlyInReceipt(e))
                .isPresent();
    }

    private static void increment(ExecutionContext context, String key) {
        context.putLong(key, context.getLong(key, 0L) + 1);
    }
}
