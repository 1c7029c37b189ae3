package org.tracehub.jobs.importjob;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.recovery.DiskFullRetry;
import org.tracehub.jobs.recovery.DiskFullRetrySettings;
import org.tracehub.jobs.recovery.HubNode;
import org.tracehub.jobs.recovery.HubNodes;
import org.tracehub.jobs.recovery.StartFailures;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchAttempts.PartialLoad;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.storage.DiskFull;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * When an import or load execution fails, the batch becomes FAILED with the reason a sender can act
 * on (a file-level problem in Chinese) or a processing error for the admins, and a receipt goes out
 * (for a nightly load, the follow-up receipt after the one sent when the batch was staged). A batch whose run did its
 * work and failed only to report it (LOADED, STAGED to wait for the night, refused by the stage step) stays as it is:
 * the receipt redelivery sends its receipt.
 */
@Component
public class ImportFailureListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ImportFailureListener.class);
    /** What the sender reads when the hub, not the file, failed. */
    public static final String PROCESSING_ERROR_MESSAGE = "平台处理时出错，管理员将排查并重试，您无需重新发送";
    /** What a batch waiting for disk space says (DISK_FULL): no receipt goes out while it waits, the console shows it. */
    public static final String DISK_FULL_MESSAGE = "磁盘空间不足，处理已暂停：平台数据盘空间不足（低于 hub.intake.min-disk-free 或已写满），"
            + "空间恢复后平台自动继续处理，发送方无需重新发送";
    /** What the sender reads when the hub's retries for disk space are over (PROCESSING_ERROR, for an admin). */
    public static final String DISK_FULL_GAVE_UP_MESSAGE = "平台磁盘空间不足，多次自动重试仍未能完成处理，管理员将排查并重试，您无需重新发送";
    /** What the stage step decides about a whole file (StageOutcomeTasklet): an outcome, not a failure. */
    static final String PROBLEMS_BEFORE_REFUSAL = "。整个文件未被接收（行数均记为0）；下列行问题只是读到此处之前发现的，"
            + "不是全部问题，请一并改正后重新发送整个文件";
    /** {@link #PROBLEMS_BEFORE_REFUSAL} of a reprocess after a load stopped half-way: part of the file is in the store. */
    static final String PROBLEMS_BEFORE_REFUSAL_AFTER_PARTIAL_LOAD = "。本次处理未接收此文件（行数均记为0）；下列行问题只是读到此处之前发现的，"
            + "不是全部问题，请一并改正后重新发送整个文件";
    /** {@link #PROBLEMS_BEFORE_REFUSAL} of a reprocess whose earlier attempt stays loaded: nothing to send again. */
    static final String PROBLEMS_BEFORE_REPROCESS_REFUSAL = "。下列行问题只是读到此处之前发现的，不是全部问题";
    private static final Set<String> STAGE_REFUSALS = Set.of(ErrorCodes.REJECT_THRESHOLD, ErrorCodes.FILE_EMPTY);

    private final BatchRepository batches;
    private final BatchReporter reporter;
    private final BatchErrorRepository errors;
    private final JobRepository jobRepository;
    private final HubNodes nodes;
    private final HubNode node;
    private final BatchAttempts attempts;
    private final DiskFullRetrySettings diskFullRetry;

    public ImportFailureListener(BatchRepository batches, BatchReporter reporter, BatchErrorRepository errors,
                                 JobRepository jobRepository, HubNodes nodes, HubNode node, BatchAttempts attempts,
                                 DiskFullRetrySettings diskFullRetry) {
        this.diskFullRetry = diskFullRetry;
        this.attempts = attempts;
        this.nodes = nodes;
        this.node = node;
        this.errors = errors;
        this.batches = batches;
        this.reporter = reporter;
        this.jobRepository = jobRepository;
    }

    @Override
    public void afterJob(JobExecution execution) {
        // a lost connection ends a step UNKNOWN: FAILED, the batch is reported and a retry restarts the run (the job
        // saves the execution's new status after its listeners)
        if (UnknownOutcomes.markFailed(execution, jobRepository)) {
            log.warn("{} of batch {} ended UNKNOWN: {}", execution.getJobInstance().getJobName(),
                    execution.getJobParameters().getString(ImportJobParameters.BATCH_ID), UnknownOutcomes.DESCRIPTION);
        }
        if (execution.getStatus() != BatchStatus.FAILED) {
            return;
        }
        String batchId = execution.getJobParameters().getString(ImportJobParameters.BATCH_ID);
        int attempt = execution.getJobParameters().getLong(ImportJobParameters.ATTEMPT).intValue();
        String takenBy = takenOverBy(execution);
        if (takenBy != null) {
            // this node was paused past node-timeout and another took the run over: its restart owns the batch and receipt
            log.warn("{} of batch {} attempt {} failed here after node {} took it over (this node was silent too long); "
                    + "nothing to report", execution.getJobInstance().getJobName(), batchId, attempt, takenBy);
            return;
        }
        Batch batch = batches.findById(batchId).orElse(null);
        if (batch == null || batch.attempt() != attempt) {
            // an admin reprocessed the batch meanwhile: the newer attempt owns the batch row and the receipt
            log.warn("{} of batch {} attempt {} failed after a newer attempt superseded it; nothing to report",
                    execution.getJobInstance().getJobName(), batchId, attempt);
            return;
        }
        if (batch.status() == org.tracehub.platform.batch.BatchStatus.LOADED) {
            // the events are in the store; only the report failed — a LOADED batch must not read as FAILED
            log.error("batch {} attempt {} is loaded but its report failed; restart the execution to send the receipt",
                    batchId, attempt, execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0));
            return;
        }
        if (batch.status() == org.tracehub.platform.batch.BatchStatus.STAGED && AttemptExecutions.failedOnlyInReceipt(execution)) {
            // the stage step decided to wait for the night and only the report failed: FAILED, the accepted rows would wait
            // for an admin (the nightly load takes STAGED batches only) and the sender would read 处理失败 for a good file;
            // the receipt redelivery sends the STAGED receipt
            log.error("batch {} attempt {} is staged for the nightly load but its report failed; the receipt follows by redelivery",
                    batchId, attempt, execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0));
            return;
        }
        if (batch.status() == org.tracehub.platform.batch.BatchStatus.FAILED && STAGE_REFUSALS.contains(batch.failureCode())) {
            // the stage step refused the file and only the report failed: a PROCESSING_ERROR here would let a retry
            // resume the attempt as STAGED and load a file that was refused; the receipt redelivery sends the receipt
            log.error("batch {} attempt {} was refused ({}) but its report failed; the receipt follows by redelivery",
                    batchId, attempt, batch.failureCode(), execution.getAllFailureExceptions().isEmpty() ? null
                            : execution.getAllFailureExceptions().get(0));
            return;
        }
        if (execution.getAllFailureExceptions().stream().anyMatch(DiskFull::isCauseOf)) {
            diskFull(execution, batchId, attempt);
            return;
        }
        FileLevelException fileProblem = null;
        SpecUnavailableException specProblem = null;
        for (Throwable t : execution.getAllFailureExceptions()) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof FileLevelException f && fileProblem == null) {
                    fileProblem = f;
                } else if (c instanceof SpecUnavailableException s && specProblem == null) {
                    specProblem = s;
                }
            }
        }
        if (specProblem != null) {
            // neither the file's fault nor one a retry cures: its own code, which retry refuses and reprocess takes up
            log.warn("import of batch {} attempt {} stopped: {}", batchId, attempt, specProblem.getMessage());
            String message = specProblem.getMessage();
            OptionalInt earlier = EarlierLoad.of(attempts, batchId, attempt);
            Optional<PartialLoad> partial = earlier.isPresent() ? Optional.empty() : EarlierLoad.partial(attempts, batchId, attempt);
            if (earlier.isPresent()) {
                message = EarlierLoad.note(earlier.getAsInt(), attempt) + "。" + message;
            } else if (partial.isPresent()) {
                message = EarlierLoad.partialNote(partial.get()) + "。" + message;
            }
            batches.markFailed(batchId, attempt, specProblem.code(), message);
            reporter.report(batchId);
            return;
        }
        // the hub could not read its own archived copy: a processing error (retryable), whatever reader noticed it
        if (fileProblem != null && !ErrorCodes.PROCESSING_ERROR.equals(fileProblem.code())) {
            String message = fileProblem.getMessage();
            OptionalInt earlier = EarlierLoad.of(attempts, batchId, attempt);
            if (earlier.isPresent()) {
                // the file was loaded before and this reprocess (a changed spec, say) failed on it: the reader's own
                // advice to resend would be refused as a duplicate, and the earlier data still stands
                message = EarlierLoad.note(earlier.getAsInt(), attempt) + "。重新处理时发现：" + message;
            }
            Optional<PartialLoad> partial = earlier.isPresent() ? Optional.empty() : EarlierLoad.partial(attempts, batchId, attempt);
            if (partial.isPresent()) {
                // an earlier load stopped half-way left part of the file in the store: first, where a long message is cut
                message = EarlierLoad.partialNote(partial.get()) + "。本次（第" + attempt + "次）处理时发现：" + message;
            }
            if (errors.hasProblems(batchId, attempt)) {
                // the chunks before the refusal committed their rows' problems: without this the receipt lists them
                // under counts of 0, as if they were all the file's problems or had been loaded; the reader's message
                // is cut, not the note, where both would not fit
                String note = earlier.isPresent() ? PROBLEMS_BEFORE_REPROCESS_REFUSAL
                        : partial.isPresent() ? PROBLEMS_BEFORE_REFUSAL_AFTER_PARTIAL_LOAD : PROBLEMS_BEFORE_REFUSAL;
                message = ColumnText.fit(message, BatchRepository.FAILURE_MESSAGE_LENGTH - note.length()) + note;
            }
            batches.markFailed(batchId, attempt, fileProblem.code(), message);
        } else {
            log.error("import of batch {} attempt {} failed", batchId, attempt, execution.getAllFailureExceptions().isEmpty()
                    ? null : execution.getAllFailureExceptions().get(0));
            // a first load that failed half-way committed its first pages and their warnings (RECORD_REPEATED …): the
            // FAILED receipt counts them as the LOADED one would
            batches.updateRowsWarned(batchId, attempt, errors.countWarnedRows(batchId, attempt));
            batches.markFailed(batchId, attempt, ErrorCodes.PROCESSING_ERROR, PROCESSING_ERROR_MESSAGE);
        }
        reporter.report(batchId);
    }

    /**
     * The run stopped because the data disk was full or below its floor: nothing is wrong with the file, and the same run
     * goes through once space is freed. It waits as DISK_FULL, without a receipt, and {@link DiskFullRetry} restarts it;
     * once {@code hub.jobs.disk-full-retry.max-tries} runs in a row have stopped for the disk ({@link DiskFullRuns}: earlier
     * runs that failed otherwise do not count) it fails for an admin (PROCESSING_ERROR) and the sender gets the receipt.
     */
    private void diskFull(JobExecution execution, String batchId, int attempt) {
        int runs = DiskFullRuns.endingWith(jobRepository, execution, batchId, attempt);
        Throwable cause = execution.getAllFailureExceptions().stream().filter(DiskFull::isCauseOf).findFirst().orElse(null);
        if (runs < diskFullRetry.maxTries()) {
            // saved with the run after the listeners: the next run's count reads it; the run that gives up keeps FAILED,
            // so an admin's retry after it gets max-tries again
            execution.setExitStatus(DiskFullRuns.exitStatus(execution));
            log.warn("{} of batch {} attempt {} stopped for lack of disk space (run {} of at most {}): it waits as {}, without a "
                    + "receipt, and is restarted once the data disk is above hub.intake.min-disk-free: {}",
                    execution.getJobInstance().getJobName(), batchId, attempt, runs, diskFullRetry.maxTries(), ErrorCodes.DISK_FULL,
                    StartFailures.rootMessage(cause));
            batches.markFailed(batchId, attempt, ErrorCodes.DISK_FULL, DISK_FULL_MESSAGE);
            return;
        }
        log.error("{} of batch {} attempt {} stopped for lack of disk space {} times (hub.jobs.disk-full-retry.max-tries): failed "
                + "for an admin", execution.getJobInstance().getJobName(), batchId, attempt, runs, cause);
        batches.updateRowsWarned(batchId, attempt, errors.countWarnedRows(batchId, attempt));
        batches.markFailed(batchId, attempt, ErrorCodes.PROCESSING_ERROR, DISK_FULL_GAVE_UP_MESSAGE);
        reporter.report(batchId);
    }

    /** The node that claimed this run from this one, or null while it is this node's (or its owner cannot be read). */
    private String takenOverBy(JobExecution execution) {
        try {
            return nodes.ownerOf(execution.getId()).map(HubNodes.Owner::node).filter(owner -> !owner.equals(node.id())).orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
