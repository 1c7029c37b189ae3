package org.tracehub.jobs.purge;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Removes Spring Batch's records of job instances whose every execution ended before the cutoff:
 * through {@link JobRepository#deleteJobInstance}, which deletes step contexts, step executions, job
 * contexts, parameters, executions and the instance in foreign-key order. An instance is kept while
 * a retry could still restart it, or has resumed it and its restart is still to run: its last run failed
 * (or was stopped) and its batch is, at that attempt, still FAILED with a processing error, or CONVERTING or
 * STAGED. Without its instance such a restart would start the attempt afresh, on a new instance, from row 1.
 *
 * <p>A kept instance is listed with its batch ({@code job_metadata_kept}, V44), and a run reads only what can have
 * become purgeable since the last one ({@link JobMetadataCandidates}): a kept instance becomes purgeable only when its
 * batch changes (a reprocess moves it to another attempt, a retry's restart or another way out of FAILED changes its
 * status; each sets the batch's {@code updated_at}) or when it runs again (its new run's end is read once it is older
 * than the cutoff). The first run after the upgrade reads every instance once. A page per transaction; the mark is
 * saved by the last, so a run that fails is read again in full by the next.
 */
class JobMetadataPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(JobMetadataPurgeTasklet.class);
    private static final int PAGE = 200;

    private enum Phase { ALL, ENDED, CHANGED }

    private final LocalDateTime cutoff;
    private final OffsetDateTime runAt;
    private final JobMetadataCandidates candidates;
    private final JobRepository jobRepository;
    private final BatchRepository batches;
    private JobMetadataCandidates.Mark last;
    private Phase phase;
    private long after;
    private JobMetadataCandidates.EndedRun endedAfter;
    private JobMetadataCandidates.ChangedBatch changedAfter;

    JobMetadataPurgeTasklet(LocalDateTime cutoff, OffsetDateTime runAt, JobMetadataCandidates candidates,
                            JobRepository jobRepository, BatchRepository batches) {
        this.cutoff = cutoff;
        this.runAt = runAt;
        this.candidates = candidates;
        this.jobRepository = jobRepository;
        this.batches = batches;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (phase == null) {
            start();
        }
        boolean more = switch (phase) {
            case ALL -> {
                List<Long> page = candidates.all(after, cutoff, PAGE);
                page.forEach(id -> decide(id, contribution));
                after = page.isEmpty() ? after : page.get(page.size() - 1);
                yield page.size() == PAGE;
            }
            case ENDED -> {
                List<JobMetadataCandidates.EndedRun> page = candidates.ended(endedAfter, cutoff, PAGE);
                page.stream().filter(run -> run.instanceId() != null).forEach(run -> decide(run.instanceId(), contribution));
                endedAfter = page.isEmpty() ? endedAfter : page.get(page.size() - 1);
                yield page.size() == PAGE || next(Phase.CHANGED);
            }
            case CHANGED -> {
                List<JobMetadataCandidates.ChangedBatch> page = candidates.changed(changedAfter, PAGE);
                candidates.keptOf(page.stream().map(JobMetadataCandidates.ChangedBatch::id).toList(), cutoff)
                        .forEach(id -> decide(id, contribution));
                changedAfter = page.isEmpty() ? changedAfter : page.get(page.size() - 1);
                yield page.size() == PAGE;
            }
        };
        if (more) {
            return RepeatStatus.CONTINUABLE;
        }
        candidates.save(new JobMetadataCandidates.Mark(
                last == null || cutoff.isAfter(last.endedBefore()) ? cutoff : last.endedBefore(),
                last == null || runAt.isAfter(last.batchesChangedSince()) ? runAt : last.batchesChangedSince()));
        return RepeatStatus.FINISHED;
    }

    private void start() {
        last = candidates.mark().orElse(null);
        if (last == null) {
            phase = Phase.ALL;
            return;
        }
        phase = Phase.ENDED;
        endedAfter = new JobMetadataCandidates.EndedRun(last.endedBefore().minus(JobMetadataCandidates.OVERLAP), -1, null);
        changedAfter = new JobMetadataCandidates.ChangedBatch(last.batchesChangedSince().minus(JobMetadataCandidates.OVERLAP), "");
    }

    /** Moves on to the phase; true: there is more to read. */
    private boolean next(Phase then) {
        phase = then;
        return true;
    }

    private void decide(long id, StepContribution contribution) {
        JobInstance instance = jobRepository.getJobInstance(id);
        JobExecution lastRun = instance == null ? null : jobRepository.getLastJobExecution(instance);
        contribution.incrementReadCount();
        if (instance == null || lastRun == null) {
            candidates.forget(id);
            return;
        }
        Optional<String> awaiting = batchAwaitingRestart(instance, lastRun);
        if (awaiting.isPresent()) {
            candidates.keep(id, awaiting.get());
            return;
        }
        jobRepository.deleteJobInstance(instance);
        candidates.forget(id);
        contribution.incrementWriteCount(1);
        log.debug("purged the metadata of {} instance {}", instance.getJobName(), id);
    }

    /** The batch whose retry may restart the instance's last run, or whose restart resumes it. */
    private Optional<String> batchAwaitingRestart(JobInstance instance, JobExecution last) {
        if (last.getStatus() != BatchStatus.FAILED && last.getStatus() != BatchStatus.STOPPED) {
            return Optional.empty();
        }
        if (!instance.getJobName().equals(ImportJobParameters.JOB_NAME) && !instance.getJobName().equals(ImportJobParameters.LOAD_JOB_NAME)) {
            return Optional.empty();
        }
        String batchId = last.getJobParameters().getString(ImportJobParameters.BATCH_ID);
        Long attempt = last.getJobParameters().getLong(ImportJobParameters.ATTEMPT);
        boolean awaiting = batchId != null && attempt != null && batches.findById(batchId)
                .filter(b -> b.attempt() == attempt.intValue())
                .map(b -> switch (b.status()) {
                    case FAILED -> ErrorCodes.PROCESSING_ERROR.equals(b.failureCode()) || ErrorCodes.DISK_FULL.equals(b.failureCode());
                    // a retry resumed it (or recovery will restart it): its restart resumes this run
                    case CONVERTING, STAGED -> true;
                    default -> false;
                })
                .orElse(false);
        return awaiting ? Optional.of(batchId) : Optional.empty();
    }
}
