package org.tracehub.routes.receipt;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.RowProblem;

/**
 * Everything a receipt says: the batch, its outcome, and each problem row. The problems are
 * iterated once per format, each time read afresh from the store a page at a time
 * ({@code BatchErrorRepository.problemsOf}), so a receipt never holds them all.
 *
 * @param loadedAttempt the attempt whose events the store holds ({@code BatchAttempts.wholeLoadedAttempt}, or
 *                      {@code partiallyLoadedAttempt}), or null when nothing of the batch is in the store: after a
 *                      reprocess that failed or waits for the night, it is an earlier one than the receipt's
 * @param partialEvents null when that attempt was loaded whole (its data stands); else its load stopped half-way and
 *                      this many of its events are in the store, until a later attempt loads
 * @param writtenAt     when the receipt is written, in the hub's time zone: after a reprocess the outbox receipt is
 *                      replaced under the same batch id, and its attempt and this time tell the two apart
 * @param problemsPurgedAt when the archive purge removed the batch's original and its problem rows with it, or null:
 *                      a receipt downloaded again after it lists none, and must say why rather than read as a clean file
 */
public record Receipt(Batch batch, Iterable<RowProblem> problems, Integer loadedAttempt, Long partialEvents,
                      OffsetDateTime writtenAt, OffsetDateTime problemsPurgedAt) {

    /**
     * What the clerk reads when {@link Batch#countsNotFinal()}: the run stopped for the hub's reason before it counted, so
     * 0 read beside problem rows is no contradiction, and no resend is asked.
     */
    public static final String COUNTS_NOT_FINAL = "处理因平台原因（不是文件内容的问题）中途停止，以上行数不是最终结果（尚未统计，暂记为0）；"
            + "下列行问题（如有）只是停止前发现的，不是全部问题。平台将重试或重新处理此文件，届时的回执给出完整结果，您无需重新发送";

    public Receipt {
        writtenAt = writtenAt == null ? OffsetDateTime.now() : writtenAt;
    }

    /** A receipt of a batch whose problem rows are kept. */
    public Receipt(Batch batch, Iterable<RowProblem> problems, Integer loadedAttempt, Long partialEvents, OffsetDateTime writtenAt) {
        this(batch, problems, loadedAttempt, partialEvents, writtenAt, null);
    }

    /** A receipt written now, in this machine's time zone (the hub writes with its clock: {@link #of}). */
    public Receipt(Batch batch, Iterable<RowProblem> problems, Integer loadedAttempt, Long partialEvents) {
        this(batch, problems, loadedAttempt, partialEvents, null);
    }

    /** A receipt that does not say what the store holds. */
    public Receipt(Batch batch, Iterable<RowProblem> problems) {
        this(batch, problems, null);
    }

    /** A receipt whose {@code loadedAttempt} (if any) was loaded whole. */
    public Receipt(Batch batch, Iterable<RowProblem> problems, Integer loadedAttempt) {
        this(batch, problems, loadedAttempt, null);
    }

    /**
     * A batch's receipt as the hub delivers it: its current attempt's problems (read a page at a time as the receipt is
     * written) and the attempt the store holds, whole or in part. The outbox delivery and the console's download write the same.
     */
    public static Receipt of(Batch batch, BatchErrorRepository errors, BatchAttempts attempts, Clock clock) {
        Iterable<RowProblem> problems = batch.attempt() > 0 ? errors.problemsOf(batch.id(), batch.attempt()) : List.of();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime purged = attempts.archivePurgedAt(batch.id()).orElse(null);
        Integer whole = attempts.wholeLoadedAttempt(batch.id()).orElse(null);
        if (whole != null) {
            return new Receipt(batch, problems, whole, null, now, purged);
        }
        // a first load stopped half-way: its committed pages are served like any data, the clerk must hear of them
        return attempts.partiallyLoadedAttempt(batch.id())
                .map(partial -> new Receipt(batch, problems, partial.attempt(), partial.events(), now, purged))
                .orElseGet(() -> new Receipt(batch, problems, null, null, now, purged));
    }

    /**
     * What the clerk reads when the batch's problem rows went with its original at the archive purge, or null: a receipt
     * downloaded again after that lists no problem rows, while its counts (kept on the batch) say there were some.
     */
    public String problemsPurgedText() {
        if (problemsPurgedAt == null || batch.rowsRejected() + batch.rowsWarned() == 0) {
            return null;
        }
        return "本批次的原始文件及问题行明细已超过保存期限，于" + problemsPurgedAt.toLocalDate() + "清除，因此本回执不再列出问题行；"
                + "以上行数仍是处理时的结果。当时送达的回执列有全部问题行";
    }

    /** {@link #writtenAt} as the receipts write it: ISO 8601 with the offset, to the second. */
    public String writtenAtText() {
        return writtenAt.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The note on counts that are not the attempt's result ({@link Batch#countsNotFinal()}), or null. */
    public String countsNote() {
        return countsNote(batch);
    }

    /** {@link #countsNote()} of a batch, for the console and the API, which show the same counts. */
    public static String countsNote(Batch batch) {
        return batch.countsNotFinal() ? COUNTS_NOT_FINAL : null;
    }

    /** Why the skipped rows were skipped, e.g. {@code 空行 2，序号=合计 1}, or null when none were. */
    public String skipReasonsText() {
        return skipReasonsText(batch);
    }

    /** {@link #skipReasonsText()} of a batch, for the console and the API. */
    public static String skipReasonsText(Batch batch) {
        // none kept (an attempt staged before V30): the count stands alone, as it always did
        return batch.rowsSkipped() > 0 && !batch.skipReasons().entries().isEmpty()
                ? batch.skipReasons().text(batch.rowsSkipped()) : null;
    }

    /**
     * The attempt whose data is in the store while this receipt's attempt is not loaded whole, or null: an earlier one
     * (whole, or in part with {@code partialEvents}), or this failed attempt itself, whose load stopped half-way.
     */
    public Integer earlierLoad() {
        if (loadedAttempt == null) {
            return null;
        }
        return loadedAttempt < batch.attempt() || stoppedHalfWay() ? loadedAttempt : null;
    }

    /** This receipt's own attempt failed after some of its pages were loaded: they are served like any data. */
    private boolean stoppedHalfWay() {
        return loadedAttempt == batch.attempt() && partialEvents != null
                && batch.status() == org.tracehub.platform.batch.BatchStatus.FAILED;
    }

    /**
     * What the clerk reads about an earlier attempt's data in the store, or null when there is none: the receipts' 库中数据
     * and the error report's.
     */
    public String earlierLoadText() {
        Integer earlier = earlierLoad();
        if (earlier == null) {
            return null;
        }
        if (stoppedHalfWay()) {
            // the clerk would otherwise read 处理失败 with all of it refused, while part of the file answers trace queries
            return "本次（第" + earlier + "次）处理中途停止，已入库的部分数据（" + partialEvents + "条，不完整）可被查询到；"
                    + "平台管理员重试或重新处理后将完整入库";
        }
        String thisAttempt = "本次（第" + batch.attempt() + "次）处理的结果"
                + (batch.status() == org.tracehub.platform.batch.BatchStatus.FAILED ? "未入库" : "尚未入库");
        if (partialEvents != null) {
            return "第" + earlier + "次处理中途停止时已入库的部分数据（" + partialEvents + "条，不完整）仍在库中、可被查询到，"
                    + "直到此文件以后的某次处理完整入库；" + thisAttempt;
        }
        return "第" + earlier + "次处理入库的数据仍然有效；" + thisAttempt;
    }
}
