package org.tracehub.jobs.importjob;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalInt;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.mappings.spec.LoadMode;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchCounts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Closes the conversion: counts from what was actually written (so restarts cannot skew them),
 * the source's reject threshold, and the decision what happens next (exit status LOAD, WAIT or
 * REJECTED).
 */
class StageOutcomeTasklet implements Tasklet {

    static final String LOAD = "LOAD";
    static final String WAIT = "WAIT";
    static final String REJECTED = "REJECTED";

    private final String batchId;
    private final int attempt;
    private final MappingSpec spec;
    private final BatchRepository batches;
    private final BatchErrorRepository errors;
    private final StagedEventRepository staged;
    private final JobRepository jobRepository;
    private final BatchAttempts attempts;

    StageOutcomeTasklet(String batchId, int attempt, MappingSpec spec, BatchRepository batches, BatchErrorRepository errors,
                        StagedEventRepository staged, JobRepository jobRepository, BatchAttempts attempts) {
        this.batchId = batchId;
        this.attempt = attempt;
        this.spec = spec;
        this.batches = batches;
        this.errors = errors;
        this.staged = staged;
        this.jobRepository = jobRepository;
        this.attempts = attempts;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // the job instance's, not this execution's: a restart after a stop between the two steps runs this one alone
        StepExecution convert = jobRepository.getLastStepExecution(
                chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance(), ImportJobConfiguration.CONVERT_STEP);
        if (convert == null) {
            throw new IllegalStateException("batch " + batchId + " attempt " + attempt + " has no convert step to stage");
        }
        long skipped = convert.getExecutionContext().getLong(ConvertingReader.SKIPPED, 0L);
        String encoding = convert.getExecutionContext().getString(ConvertingReader.ENCODING, null);
        long accepted = staged.count(batchId, attempt);
        long rejected = errors.countRejectedRows(batchId, attempt);
        long warned = errors.countWarnedRows(batchId, attempt);
        long read = accepted + rejected;
        batches.markStaged(batchId, attempt, new BatchCounts(read, accepted, rejected, skipped, warned),
                encoding == null || encoding.isEmpty() ? null : encoding);
        String exit;
        if (read > 0 && BigDecimal.valueOf(rejected).divide(BigDecimal.valueOf(read), 6, RoundingMode.HALF_UP)
                .compareTo(spec.rejectThreshold()) > 0) {
            String reason = "被拒绝的行数（" + rejected + "/" + read + "）超过本来源允许的比例"
                    + spec.rejectThreshold().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
            OptionalInt earlier = EarlierLoad.of(attempts, batchId, attempt);
            batches.markFailed(batchId, attempt, ErrorCodes.REJECT_THRESHOLD, earlier.isPresent()
                    ? reason + "。" + EarlierLoad.note(earlier.getAsInt(), attempt)
                    : reason + "，整个文件未入库；请修正后重新发送");
            exit = REJECTED;
        } else if (read == 0) {
            OptionalInt earlier = EarlierLoad.of(attempts, batchId, attempt);
            batches.markFailed(batchId, attempt, ErrorCodes.FILE_EMPTY, "文件中没有数据行"
                    + (earlier.isPresent() ? "。" + EarlierLoad.note(earlier.getAsInt(), attempt) : ""));
            exit = REJECTED;
        } else {
            exit = spec.load() == LoadMode.ON_ARRIVAL ? LOAD : WAIT;
        }
        contribution.setExitStatus(new ExitStatus(exit));
        return RepeatStatus.FINISHED;
    }
}
