package org.tracehub.jobs.actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;
import org.tracehub.jobs.importjob.AttemptExecutions;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.recovery.StartFailures;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Reprocess and retry, as an admin asks for them. Both check what they can before anything changes,
 * take the batch with a compare-and-set on its row (so a double click or a second admin gets a
 * refusal, not a second run), and run the job in the background.
 */
@Service
public class BatchActions {

    private static final Logger log = LoggerFactory.getLogger(BatchActions.class);

    /** A retry whose failed run was abandoned with its staging (the staging purge) after the retry read it. */
    static final String RUN_ABANDONED = "重试未能开始：失败的运行已在清理暂存数据时作废，无法从中断处继续，批次仍为处理失败；请改用重新处理";

    static final String ARCHIVE_PURGED = "原始文件已超过保存期限被清除，无法重新处理";

    /** The batch row stayed locked past the database's lock timeout: a purge (or a load) holds it for now. */
    static final String ROW_BUSY = "批次正被其他作业占用（例如正在清理过期数据），请稍后再试";

    /** A batch that has come to rest; UNKNOWN_SOURCE too, since a spec for it may have been added since. */
    static final Set<BatchStatus> REPROCESSABLE = EnumSet.of(BatchStatus.LOADED, BatchStatus.FAILED, BatchStatus.STAGED,
            BatchStatus.UNKNOWN_SOURCE);

    private final BatchRepository batches;
    private final BatchAttempts attempts;
    private final SpecCatalog catalog;
    private final HubStorage storage;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job importJob;
    private final BackgroundJobs background;
    private final Clock clock;
    /** How long a batch stays CONVERTING with no run before a reprocess may take it up ({@code hub.jobs.stuck-after}). */
    private final Duration stuckAfter;

    public BatchActions(BatchRepository batches, BatchAttempts attempts, SpecCatalog catalog, HubStorage storage,
                        JobOperator jobOperator, JobRepository jobRepository, Job importJob, BackgroundJobs background,
                        Clock clock, @Value("${hub.jobs.stuck-after:PT30M}") Duration stuckAfter) {
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        this.batches = batches;
        this.attempts = attempts;
        this.catalog = catalog;
        this.storage = storage;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.importJob = importJob;
        this.background = background;
    }

    /** A started action: the attempt it runs, and for a retry the execution it restarts. */
    public record Started(String batchId, int attempt, String action, Long restartOf, CompletableFuture<JobExecution> completion) {
    }

    /**
     * Converts the archived original again with the current spec, as attempt n+1. When that attempt
     * loads, the store holds exactly its events for the batch (see the load step); until then, the
     * events of the attempt loaded before stay visible.
     */
    public Started reprocess(String batchId) {
        Batch batch = find(batchId);
        OffsetDateTime stuckBefore = OffsetDateTime.now(clock).minus(stuckAfter);
        boolean stuck = isStuck(batch, stuckBefore);
        if (!REPROCESSABLE.contains(batch.status()) && !stuck) {
            if (batch.status() == BatchStatus.CONVERTING) {
                throw new BatchActionRefused(BatchActionCodes.BATCH_BUSY, "批次正在处理中，不能重新处理；如果批次停在处理中超过"
                        + chinese(stuckAfter) + "且没有作业在运行或等待运行，可以重新处理");
            }
            throw new BatchActionRefused(batch.status() == BatchStatus.RECEIVED ? BatchActionCodes.BATCH_BUSY
                    : BatchActionCodes.BATCH_NOT_REPROCESSABLE, "批次状态为“" + batch.status().chinese() + "”（" + batch.status() + "），不能重新处理");
        }
        if (attempts.archivePurgedAt(batchId).isPresent()) {
            throw new BatchActionRefused(BatchActionCodes.ARCHIVE_PURGED, ARCHIVE_PURGED);
        }
        Path original = storage.resolve(batch.archivePath());
        if (!Files.isRegularFile(original)
                // an archive purge deletes the folder before it commits the batch's mark: wait for the purge's decision
                && unlessRowBusy(batchId, () -> attempts.archivePurgedAtOnceSettled(batchId)).isPresent()) {
            throw new BatchActionRefused(BatchActionCodes.ARCHIVE_PURGED, ARCHIVE_PURGED);
        }
        if (!Files.isRegularFile(original)) {
            // not the retention: the archive lost a file it should keep, which ops must restore (and find out why)
            log.error("reprocess of batch {} refused: its archived original {} is missing, though the archive purge never removed it",
                    batchId, original);
            throw new BatchActionRefused(BatchActionCodes.ORIGINAL_MISSING,
                    "归档的原始文件缺失，无法重新处理：请运维人员从备份恢复该文件后再试");
        }
        if (catalog.fileSpec(batch.sourceId(), batch.fileName()).isEmpty()) {
            throw new BatchActionRefused(BatchActionCodes.SPEC_MISSING,
                    "来源" + batch.sourceId() + "没有适用于文件“" + batch.fileName() + "”的映射规范");
        }
        if (runningExecution(batchId, batch.attempt()).isPresent()) {
            throw new BatchActionRefused(BatchActionCodes.BATCH_BUSY, "批次正在处理中，请稍后再试");
        }
        OptionalInt next;
        if (stuck) {
            // the compare-and-set checks that nothing changed the batch since it was found stuck (a late run taking it up)
            next = unlessRowBusy(batchId,
                    () -> attempts.startNextAttemptOfStuck(batchId, batch.status(), batch.attempt(), stuckBefore));
            next.ifPresent(n -> log.warn("batch {} was left {} at attempt {} since {} with no run running or queued: reprocessed as "
                    + "attempt {}", batchId, batch.status(), batch.attempt(), batch.updatedAt(), n));
        } else {
            next = unlessRowBusy(batchId, () -> attempts.startNextAttempt(batchId, REPROCESSABLE));
        }
        if (next.isEmpty()) {
            throw new BatchActionRefused(BatchActionCodes.BATCH_BUSY, "批次刚刚被其他操作改变，请刷新后再试");
        }
        int attempt = next.getAsInt();
        CompletableFuture<JobExecution> completion = background.submit("reprocess batch " + batchId + " attempt " + attempt,
                batchId, attempt, () -> jobOperator.start(importJob, ImportJobParameters.of(batchId, attempt)),
                refusal -> {
                    // queued here past node-timeout, the attempt may have been started by another node's start-up recovery
                    // (a batch CONVERTING with no job): that run owns the batch, which may be LOADED by now
                    if (StartFailures.lostToAnotherStart(refusal) || startedByAnotherRun(batchId, attempt)) {
                        log.info("reprocess of batch {} attempt {}: another run started the attempt first ({}), the batch is left to it",
                                batchId, attempt, StartFailures.howAnotherStartTookIt(refusal));
                        return;
                    }
                    batches.markFailedIfStill(batchId, attempt, BatchStatus.CONVERTING, ErrorCodes.PROCESSING_ERROR,
                            "重新处理未能启动，管理员将排查");
                });
        return new Started(batchId, attempt, "REPROCESS", null, completion);
    }

    /**
     * Restarts the current attempt's failed execution where it stopped (after the database or the
     * broker came back, say): completed steps are not run again, a failed convert resumes after its
     * last committed chunk, a failed load loads again. The attempt number stays; the failure is
     * cleared now and set again only if the run fails again.
     */
    public Started retry(String batchId) {
        Batch batch = find(batchId);
        if (batch.status() != BatchStatus.FAILED) {
            throw new BatchActionRefused(BatchActionCodes.BATCH_NOT_FAILED, "只有处理失败的批次可以重试（当前状态：" + batch.status().chinese() + "，" + batch.status() + "）");
        }
        if (ErrorCodes.SPEC_CHANGED.equals(batch.failureCode()) || ErrorCodes.SPEC_MISSING.equals(batch.failureCode())) {
            // the spec, not the file: a retry would carry on with a spec the attempt did not start with, or none
            throw new BatchActionRefused(BatchActionCodes.BATCH_NOT_RETRYABLE, "失败原因在映射规范（" + batch.failureCode()
                    + "），重试只会从中断处继续本次处理：请" + (ErrorCodes.SPEC_MISSING.equals(batch.failureCode())
                    ? "恢复该来源的映射规范后" : "") + "使用“重新处理”，按当前映射规范从头处理整个文件");
        }
        if (!ErrorCodes.PROCESSING_ERROR.equals(batch.failureCode()) && !ErrorCodes.DISK_FULL.equals(batch.failureCode())) {
            throw new BatchActionRefused(BatchActionCodes.BATCH_NOT_RETRYABLE, "失败原因在文件本身（" + batch.failureCode()
                    + "），重试不会改变结果：请发送方修正后重新发送，或在映射规范修改后重新处理");
        }
        int attempt = batch.attempt();
        JobExecution failed = lastRestartable(batchId, attempt).orElseThrow(() -> new BatchActionRefused(
                BatchActionCodes.NOTHING_TO_RETRY, "没有可以继续的失败运行，请改用重新处理"));
        BatchStatus resumeAs = stagedBefore(failed) ? BatchStatus.STAGED : BatchStatus.CONVERTING;
        if (!unlessRowBusy(batchId, () -> attempts.resumeFailed(batchId, attempt, resumeAs))) {
            throw new BatchActionRefused(BatchActionCodes.BATCH_BUSY, "批次刚刚被其他操作改变，请刷新后再试");
        }
        if (abandoned(failed)) {
            // the staging purge took the batch between the read above and the resume (its mark is a compare-and-set on the
            // batch row, which the resume has changed since, so it cannot come later): nothing is left to restart
            batches.markFailedIfStill(batchId, attempt, resumeAs, batch.failureCode(), batch.failureMessage());
            throw new BatchActionRefused(BatchActionCodes.NOTHING_TO_RETRY, RUN_ABANDONED);
        }
        CompletableFuture<JobExecution> completion = background.submit("retry batch " + batchId + " attempt " + attempt,
                batchId, attempt, () -> jobOperator.restart(failed),
                refusal -> {
                    // the nightly sync may have restarted the failed run while this restart waited for a thread: its run
                    // owns the batch (still STAGED while it loads), and failing the batch under it would send a 处理失败
                    // receipt for a load that is about to succeed
                    if (takenByAnotherRun(failed, refusal)) {
                        log.info("retry of batch {} attempt {}: another run took the attempt first, the batch is left to it",
                                batchId, attempt);
                        return;
                    }
                    // only while the batch is as the retry left it: the other run may have ended (LOADED) meanwhile
                    batches.markFailedIfStill(batchId, attempt, resumeAs, batch.failureCode(), batch.failureMessage());
                    if (abandoned(failed)) {
                        log.warn("retry of batch {} attempt {}: its failed run was abandoned with its staging; the batch is "
                                + "FAILED again, a reprocess converts its original anew", batchId, attempt);
                        throw new BatchActionRefused(BatchActionCodes.NOTHING_TO_RETRY, RUN_ABANDONED);
                    }
                });
        return new Started(batchId, attempt, "RETRY", failed.getId(), completion);
    }

    /**
     * Whether the batch is left in progress (CONVERTING) by a run that will never end it, so that an admin's reprocess may
     * take it up: unchanged for longer than {@code hub.jobs.stuck-after}, and no run of its attempt is running (by the
     * job repository) or waiting for a background thread here. A queued start dropped when the hub stopped, or a job that
     * could not start and whose failure could not be recorded either, leave it so; otherwise only start-up recovery,
     * which a deployment of several nodes switches off, would take it up.
     */
    public boolean isStuck(Batch batch) {
        return isStuck(batch, OffsetDateTime.now(clock).minus(stuckAfter));
    }

    private boolean isStuck(Batch batch, OffsetDateTime stuckBefore) {
        return batch.status() == BatchStatus.CONVERTING
                && batch.updatedAt() != null && batch.updatedAt().isBefore(stuckBefore)
                && !background.isPending(batch.id(), batch.attempt())
                && runningExecution(batch.id(), batch.attempt()).isEmpty();
    }

    /**
     * A read or compare-and-set on the batch row, refused as busy when the row stays locked past the database's lock
     * timeout (H2's is two seconds): a purge holds the row it marked until that batch's files and rows are gone.
     * Nothing was changed then, and the admin may simply try again; before, it was a 500.
     */
    private static <T> T unlessRowBusy(String batchId, Supplier<T> onTheRow) {
        try {
            return onTheRow.get();
        } catch (PessimisticLockingFailureException | QueryTimeoutException e) {
            // H2's lock timeout (50200) comes as a QueryTimeoutException, PostgreSQL's lock_timeout as a CannotAcquireLockException
            log.info("batch {}: its row stayed locked by another transaction (a purge, say), the action is refused as busy: {}",
                    batchId, e.getMessage());
            throw new BatchActionRefused(BatchActionCodes.BATCH_BUSY, ROW_BUSY);
        }
    }

    /** A grace period as the refusal says it: 30分钟, 2小时. */
    private static String chinese(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 && minutes % 60 == 0 ? minutes / 60 + "小时" : Math.max(minutes, 1) + "分钟";
    }

    /**
     * Whether the restart of {@code failed} was refused because another run restarted its job first: the job
     * repository says so (already running, already complete), or the job's last execution is that other run.
     */
    private boolean takenByAnotherRun(JobExecution failed, Exception refusal) {
        if (abandoned(failed)) {
            // the job repository refuses to restart an ABANDONED run as it refuses a COMPLETED one, but no run took this
            // one: the staging purge abandoned it after this retry read it FAILED
            return false;
        }
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof JobExecutionAlreadyRunningException || t instanceof JobInstanceAlreadyCompleteException) {
                return true;
            }
        }
        JobExecution last = jobRepository.getLastJobExecution(failed.getJobInstance());
        return last != null && last.getId() != failed.getId()
                && (last.isRunning() || last.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED);
    }

    /** Whether the failed run is its job's last and was abandoned since it was read (the staging purge abandons such runs). */
    private boolean abandoned(JobExecution failed) {
        JobExecution last = jobRepository.getLastJobExecution(failed.getJobInstance());
        return last != null && last.getId() == failed.getId()
                && last.getStatus() == org.springframework.batch.core.BatchStatus.ABANDONED;
    }

    /** Whether the attempt's import job has an execution: this start was refused before it made one, so another run did. */
    private boolean startedByAnotherRun(String batchId, int attempt) {
        JobInstance instance = jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, ImportJobParameters.of(batchId, attempt));
        return instance != null && jobRepository.getLastJobExecution(instance) != null;
    }

    private Batch find(String batchId) {
        return batches.findById(batchId).orElseThrow(() -> BatchActionRefused.notFound(batchId));
    }

    /** A running import or load execution of the attempt. */
    private Optional<JobExecution> runningExecution(String batchId, int attempt) {
        return lastExecutions(batchId, attempt).filter(JobExecution::isRunning).findFirst();
    }

    /** The newest FAILED or STOPPED last execution of the attempt's import and load jobs. */
    private Optional<JobExecution> lastRestartable(String batchId, int attempt) {
        return lastExecutions(batchId, attempt)
                .filter(e -> e.getStatus() == org.springframework.batch.core.BatchStatus.FAILED
                        || e.getStatus() == org.springframework.batch.core.BatchStatus.STOPPED)
                .max(Comparator.comparing(JobExecution::getId));
    }

    private Stream<JobExecution> lastExecutions(String batchId, int attempt) {
        return AttemptExecutions.lastOf(jobRepository, batchId, attempt);
    }

    /** Whether the failed execution's attempt was already staged: a load job, or an import past its stage step. */
    private boolean stagedBefore(JobExecution failed) {
        JobInstance instance = failed.getJobInstance();
        if (ImportJobParameters.LOAD_JOB_NAME.equals(instance.getJobName())) {
            return true;
        }
        StepExecution stage = jobRepository.getLastStepExecution(instance, ImportJobConfiguration.STAGE_STEP);
        return stage != null && stage.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED;
    }
}
