package org.tracehub.jobs.importjob;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.engine.FileRefusal;
import org.tracehub.mappings.spec.LoadMode;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchAttempts.PartialLoad;
import org.tracehub.platform.batch.BatchCounts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Closes the conversion: counts from what was actually written (so restarts cannot skew them),
 * the source's reject threshold, and the decision what happens next (exit status LOAD, WAIT or
 * REJECTED). The threshold and the load mode are those of the spec the convert step converted with, kept in its
 * context: a spec edited or removed since does not decide about rows it did not convert.
 */
class StageOutcomeTasklet implements Tasklet {

    static final String LOAD = "LOAD";
    static final String WAIT = "WAIT";
    static final String REJECTED = "REJECTED";
    /** FILE_EMPTY's reason, as FileRefusal words it. */
    static final String NO_DATA_ROWS = "文件中没有数据行";

    private final String batchId;
    private final int attempt;
    private final Supplier<MappingSpec> currentSpec;
    private final BatchRepository batches;
    private final BatchErrorRepository errors;
    private final StagedEventRepository staged;
    private final JobRepository jobRepository;
    private final BatchAttempts attempts;
    private final JdbcClient jdbc;

    StageOutcomeTasklet(String batchId, int attempt, Supplier<MappingSpec> currentSpec, BatchRepository batches,
                        BatchErrorRepository errors, StagedEventRepository staged, JobRepository jobRepository,
                        BatchAttempts attempts, JdbcClient jdbc) {
        this.batchId = batchId;
        this.attempt = attempt;
        this.currentSpec = currentSpec;
        this.batches = batches;
        this.errors = errors;
        this.staged = staged;
        this.jobRepository = jobRepository;
        this.attempts = attempts;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // the job instance's, not this execution's: a restart after a stop between the two steps runs this one alone
        StepExecution convert = jobRepository.getLastStepExecution(
                chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance(), ImportJobConfiguration.CONVERT_STEP);
        if (convert == null) {
            throw new IllegalStateException("batch " + batchId + " attempt " + attempt + " has no convert step to stage");
        }
        ExecutionContext converted = convert.getExecutionContext();
        long skipped = converted.getLong(ConvertingReader.SKIPPED, 0L);
        SkipReasons skipReasons = SkipReasons.decode(converted.getString(ConvertStepKeys.SKIP_REASONS, null));
        String encoding = converted.getString(ConvertingReader.ENCODING, null);
        BigDecimal rejectThreshold;
        LoadMode loadMode;
        if (converted.containsKey(ConvertStepKeys.REJECT_THRESHOLD) && converted.containsKey(ConvertStepKeys.LOAD_MODE)) {
            rejectThreshold = new BigDecimal(converted.getString(ConvertStepKeys.REJECT_THRESHOLD));
            loadMode = LoadMode.valueOf(converted.getString(ConvertStepKeys.LOAD_MODE));
        } else {
            // converted by a hub that did not keep them: the spec in use now, as it was always read before
            MappingSpec spec = currentSpec.get();
            rejectThreshold = spec.rejectThreshold();
            loadMode = spec.load();
        }
        long accepted = staged.count(batchId, attempt);
        long rejected = errors.countRejectedRows(batchId, attempt);
        long warned = errors.countWarnedRows(batchId, attempt);
        long read = accepted + rejected;
        batches.markStaged(batchId, attempt, new BatchCounts(read, accepted, rejected, skipped, warned), skipReasons,
                encoding == null || encoding.isEmpty() ? null : encoding);
        String exit;
        // one rule with the CLI's convert and the console's dry run, so that neither calls fine a file refused here
        Optional<FileRefusal> refusal = FileRefusal.of(new FileConversion.Counts(read, accepted, rejected, skipped), rejectThreshold);
        if (refusal.isPresent() && ErrorCodes.REJECT_THRESHOLD.equals(refusal.get().code())) {
            String reason = refusal.get().reason();
            OptionalInt earlier = EarlierLoad.of(attempts, batchId, attempt);
            // part of an earlier attempt whose load stopped half-way is in the store: "nothing of the file" would be false
            Optional<PartialLoad> partial = earlier.isPresent() ? Optional.empty() : EarlierLoad.partial(attempts, batchId, attempt);
            String notLoaded = partial.isPresent() ? "，本次（第" + attempt + "次）处理的结果未入库" : "，整个文件未入库";
            String inStore = partial.map(p -> "。" + EarlierLoad.partialNote(p)).orElse("");
            long byRules = rowsRejectedOnlyByMappingRules();
            String message;
            if (earlier.isPresent()) {
                message = reason + "。" + EarlierLoad.note(earlier.getAsInt(), attempt);
            } else if (byRules > 0 && !FileRefusal.exceedsThreshold(rejected - byRules, read, rejectThreshold)) {
                // the spec, not the file, tipped the balance: sending the file again would fail the same way
                message = reason + notLoaded + "；其中" + byRules + "行被拒绝只是因为映射规则计算出错（平台映射规则的问题，不是文件内容的问题），"
                        + "平台管理员修正映射规则后将重新处理此文件，您无需重新发送" + inStore;
            } else if (byRules > 0) {
                message = reason + notLoaded + "；请修正后重新发送（其中" + byRules + "行被拒绝只是因为映射规则计算出错，"
                        + "那是平台映射规则的问题，由平台管理员处理）" + inStore;
            } else {
                message = reason + notLoaded + "；请修正后重新发送" + inStore;
            }
            batches.markFailed(batchId, attempt, ErrorCodes.REJECT_THRESHOLD, message);
            exit = REJECTED;
        } else if (read == 0) {
            OptionalInt earlier = EarlierLoad.of(attempts, batchId, attempt);
            Optional<PartialLoad> partial = earlier.isPresent() ? Optional.empty() : EarlierLoad.partial(attempts, batchId, attempt);
            batches.markFailed(batchId, attempt, ErrorCodes.FILE_EMPTY, noDataRows(skipped, skipReasons)
                    + (earlier.isPresent() ? "。" + EarlierLoad.note(earlier.getAsInt(), attempt) : "")
                    + partial.map(p -> "。" + EarlierLoad.partialNote(p)).orElse(""));
            exit = REJECTED;
        } else {
            exit = loadMode == LoadMode.ON_ARRIVAL ? LOAD : WAIT;
        }
        contribution.setExitStatus(new ExitStatus(exit));
        return RepeatStatus.FINISHED;
    }

    /**
     * Why a file without data rows is refused. When the spec's skip rules, not blank lines, left none, those rules may be
     * too broad for the file (a sub-title rule that matches every row): the clerk reads which rules skipped how many rows
     * and whom to ask, instead of being told the file is empty beside 跳过行数 500.
     */
    static String noDataRows(long skipped, SkipReasons reasons) {
        List<SkipReasons.Entry> byRules = reasons.entries().stream()
                .filter(e -> !ConvertedRow.Skipped.BLANK.equals(e.reason())).toList();
        if (skipped == 0 || byRules.isEmpty()) {
            return NO_DATA_ROWS;
        }
        return NO_DATA_ROWS + "：全部" + skipped + "行都被跳过（" + reasons.text(skipped) + "），其中"
                + byRules.stream().mapToLong(SkipReasons.Entry::rows).sum() + "行是被映射规范的跳过规则（"
                + byRules.stream().map(e -> "“" + e.reason() + "”").collect(Collectors.joining("、")) + "）跳过的。"
                + "如果这些行是应上报的数据，请联系平台管理员核对跳过规则，修正后由平台重新处理，您无需重新发送；"
                + "如果文件确实没有数据，请补充数据行后重新发送";
    }

    /** Rejected rows whose every error is a spec expression that failed ({@code EXPRESSION_FAILED}): the spec's fault alone. */
    private long rowsRejectedOnlyByMappingRules() {
        return jdbc.sql("SELECT COUNT(DISTINCT e.row_no) FROM batch_error e WHERE e.batch_id = :id AND e.attempt = :attempt "
                        + "AND e.severity = 'ERROR' AND e.code = :code AND NOT EXISTS (SELECT 1 FROM batch_error o "
                        + "WHERE o.batch_id = e.batch_id AND o.attempt = e.attempt AND o.row_no = e.row_no "
                        + "AND o.severity = 'ERROR' AND o.code <> :code)")
                .param("id", batchId).param("attempt", attempt).param("code", ErrorCodes.EXPRESSION_FAILED)
                .query(Long.class).single();
    }
}
