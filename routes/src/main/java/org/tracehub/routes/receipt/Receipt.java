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
 * @param loadedAttempt the attempt whose events the store holds if its load ran to its end ({@code BatchAttempts.wholeLoadedAttempt}), or null when
 *                      nothing of the batch was loaded: after a reprocess that failed or waits for the night, it is an
 *                      earlier one than the receipt's, and its data still stands
 */
public record Receipt(Batch batch, Iterable<RowProblem> problems, Integer loadedAttempt) {

    /** A receipt that does not say what the store holds. */
    public Receipt(Batch batch, Iterable<RowProblem> problems) {
        this(batch, problems, null);
    }

    /**
     * A batch's receipt as the hub delivers it: its current attempt's problems (read a page at a time as the receipt is
     * written) and the attempt the store holds whole. The outbox delivery and the console's download write the same.
     */
    public static Receipt of(Batch batch, BatchErrorRepository errors, BatchAttempts attempts) {
        return new Receipt(batch, batch.attempt() > 0 ? errors.problemsOf(batch.id(), batch.attempt()) : List.of(),
                attempts.wholeLoadedAttempt(batch.id()).orElse(null));
    }

    /** The earlier attempt whose data stands while this receipt's attempt is not loaded, or null. */
    Integer earlierLoad() {
        return loadedAttempt != null && loadedAttempt < batch.attempt() ? loadedAttempt : null;
    }

    /** What the clerk reads about an earlier attempt's data that still stands, or null when there is none. */
    String earlierLoadText() {
        Integer earlier = earlierLoad();
        if (earlier == null) {
            return null;
        }
        return "第" + earlier + "次处理入库的数据仍然有效；本次（第" + batch.attempt() + "次）处理的结果"
                + (batch.status() == org.tracehub.platform.batch.BatchStatus.FAILED ? "未入库" : "尚未入库");
    }
}
