package org.tracehub.routes.receipt;

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
 */
public record Receipt(Batch batch, Iterable<RowProblem> problems, Integer loadedAttempt, Long partialEvents) {

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
    public static Receipt of(Batch batch, BatchErrorRepository errors, BatchAttempts attempts) {
        Iterable<RowProblem> problems = batch.attempt() > 0 ? errors.problemsOf(batch.id(), batch.attempt()) : List.of();
        Integer whole = attempts.wholeLoadedAttempt(batch.id()).orElse(null);
        if (whole != null) {
            return new Receipt(batch, problems, whole);
        }
        // a first load stopped half-way: its committed pages are served like any data, the clerk must hear of them
        return attempts.partiallyLoadedAttempt(batch.id())
                .map(partial -> new Receipt(batch, problems, partial.attempt(), partial.events()))
                .orElseGet(() -> new Receipt(batch, problems, null));
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
