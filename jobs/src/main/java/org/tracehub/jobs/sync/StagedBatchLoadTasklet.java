package org.tracehub.jobs.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.jobs.importjob.AttemptExecutions;
import org.tracehub.jobs.importjob.AttemptJobStarts;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.staging.StoreLoadLock;

/**
 * Loads every STAGED batch of the run's nightly sources, oldest first, each with its own load job
 * (one job instance per batch attempt, so a failed load can be retried on its own and is never run
 * twice). A batch whose load fails is FAILED with a follow-up receipt; the others go on. Counts per
 * source go into the step's context for the summary.
 *
 * <p>Also a STAGED batch of another source the run covers whose import ended waiting for the night and that no job is
 * working on: its source loaded at night when it was staged, and its spec has since been changed to {@code on-arrival}
 * or removed. Nothing else would ever load it (the staged events need no spec any more).
 *
 * <p>A batch stays STAGED while it loads. Before its load job starts, the run takes the attempt's load for it
 * ({@link BatchAttempts#claimStagedLoad}); a batch whose import is loading it (its source switched to nightly after that import
 * read the spec) or has loaded it since the list was read is left to it.
 */
class StagedBatchLoadTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagedBatchLoadTasklet.class);
    /** How long a claim waits, holding no connection, before it looks again whether another node's load still has the store. */
    private static final Duration OTHER_NODES_LOAD_POLL = Duration.ofSeconds(1);

    private final Set<String> sources;
    private final SyncSources syncSources;
    private final BatchAttempts attempts;
    private final BatchRepository batches;
    private final JobOperator jobOperator;
    private final Job loadJob;
    private final JobRepository jobRepository;
    private final StoreLoadLock loadLock;
    private final TransactionTemplate claims;
    private final TransactionTemplate reads;

    StagedBatchLoadTasklet(Set<String> sources, SyncSources syncSources, BatchAttempts attempts, BatchRepository batches,
                           JobOperator jobOperator, Job loadJob, JobRepository jobRepository, StoreLoadLock loadLock,
                           PlatformTransactionManager transactionManager) {
        this.jobRepository = jobRepository;
        this.loadLock = loadLock;
        // the claim waits for this node's loads before it takes a connection: waiting inside, it held one for a load's
        // whole length, as many as the pool has with the loads, pulls and purge beside it
        this.claims = new TransactionTemplate(loadLock.turnFirst(transactionManager));
        // a statement run in the step's own scope (no transaction, but synchronised) kept its connection bound to the step
        // until the step ended: one held for the whole night's loads and through every claim's wait. In a transaction of
        // its own, each read gives its connection back at once
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
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
        List<Batch> waiting = reads.execute(status -> waiting());
        for (Batch batch : waiting) {
            if (stopRequested(contribution)) {
                // the hub is stopping (RunningJobsStop): the rest stay STAGED, and the stopped sync ends at this step; the
                // next start's catch-up restarts it here (MissedRuns)
                log.info("hub stopping: the nightly load stops before batch {}; the batches left stay STAGED", batch.id());
                break;
            }
            // the list was read at the start, and a load may take minutes: an admin may have reprocessed a batch since
            if (superseded(batch)) {
                continue;
            }
            if (!claimed(batch)) {
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

    /** The batches to load, oldest first. */
    private List<Batch> waiting() {
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
        return waiting;
    }

    /**
     * Whether the sync was asked to stop: the hub's stop ({@code RunningJobsStop}) marks the running step to terminate and
     * leaves the job's status to the job's thread; a {@code JobOperator.stop} records the job STOPPED (or STOPPING) too.
     */
    private static boolean stopRequested(StepContribution contribution) {
        BatchStatus job = contribution.getStepExecution().getJobExecution().getStatus();
        return contribution.getStepExecution().isTerminateOnly() || job == BatchStatus.STOPPING || job == BatchStatus.STOPPED;
    }

    /**
     * Whether a reprocess started a newer attempt of the batch after the sync listed it: the listed attempt's load then
     * fails by design (the newer attempt owns the batch and loads by its own way), which is no load failure of the night.
     */
    private boolean superseded(Batch listed) {
        boolean superseded = reads.execute(status -> batches.findById(listed.id()))
                .map(b -> b.attempt() != listed.attempt()).orElse(true);
        if (superseded) {
            log.info("batch {} attempt {} was superseded by a reprocess after the sync listed it; not loaded, not a failure",
                    listed.id(), listed.attempt());
        }
        return superseded;
    }

    /**
     * Whether this run may load the listed attempt: it takes the attempt's load for the load job while the batch is still
     * STAGED, unless another job (the import's load) has it. Under the store's load lock, which the import's load holds for
     * each of its transactions: it waits for the one running to end instead of for the batch row it holds (H2 gives up on
     * a row lock after seconds). It holds no connection while it waits: for this node's loads it waits before its
     * transaction begins ({@link StoreLoadLock#turnFirst}); a load of another node sharing the database it does not wait
     * for in the database, but ends its transaction and looks again a moment later. The claim itself is one conditional
     * update, so of two nodes' syncs one takes the load.
     */
    private boolean claimed(Batch listed) {
        Optional<Boolean> claimed;
        while ((claimed = claims.execute(status -> loadLock.tryAcquireForCurrentTransaction()
                ? Optional.of(attempts.claimStagedLoad(listed.id(), listed.attempt(), ImportJobParameters.LOAD_JOB_NAME))
                : Optional.<Boolean>empty())).isEmpty()) {
            try {
                Thread.sleep(OTHER_NODES_LOAD_POLL.toMillis());
            } catch (InterruptedException e) {
                // the hub is stopping: the batch stays STAGED for the next run
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (!claimed.get()) {
            log.info("batch {} attempt {} is being or has been loaded by its {}; left to it", listed.id(), listed.attempt(),
                    reads.execute(status -> attempts.loadJob(listed.id())).orElse("import, or no longer staged"));
        }
        return claimed.get();
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
