package org.tracehub.platform.batch;

import java.time.OffsetDateTime;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * What became of a batch's receipt: the last one delivered into the sender's outbox (the status and attempt it showed,
 * and when), the last delivery tried and why it failed, and whether the missing receipt was given up (it left the
 * redelivery's lookback undelivered).
 *
 * @param deliveredStatus null: no receipt of this batch was ever delivered
 * @param failureCode     the batch's failure code, null unless it failed
 */
public record BatchReceipt(
        String batchId,
        BatchStatus status,
        int attempt,
        OffsetDateTime updatedAt,
        BatchStatus deliveredStatus,
        Integer deliveredAttempt,
        OffsetDateTime deliveredAt,
        OffsetDateTime triedAt,
        String failure,
        OffsetDateTime givenUpAt,
        String failureCode) {

    /** Where the batch's receipt stands, for the console and the API. */
    public enum State {
        /** The batch is before the stage step: no receipt is owed yet (one of an earlier attempt may have been delivered). */
        NOT_DUE("处理中，尚未出回执"),
        /** The outbox holds the receipt of the batch's current status and attempt. */
        DELIVERED("回执已送达"),
        /** Owed and not delivered: the redelivery sweep tries it again. */
        BEHIND("回执未送达"),
        /** Owed and not delivered, and no longer tried (it left the redelivery's lookback). */
        GIVEN_UP("回执未送达，已停止重发");

        private final String chinese;

        State(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    public State state() {
        if (!owed()) {
            return State.NOT_DUE;
        }
        if (!isBehind()) {
            return State.DELIVERED;
        }
        return isGivenUp() ? State.GIVEN_UP : State.BEHIND;
    }

    /**
     * The SQL condition of {@link #isBehind} on a batch row: no receipt for its status and attempt, or one older than its
     * last change (a retry that failed again, for another reason: FAILED at the same attempt, but not what the sender has).
     */
    static final String BEHIND =
            "(receipt_status IS NULL OR receipt_status <> status OR receipt_attempt <> attempt OR receipt_at < updated_at)";

    /**
     * The SQL condition of a batch row that is not waiting for the hub to retry it once its full disk has space again
     * ({@link ErrorCodes#DISK_FULL}): FAILED, but no receipt is owed until the hub's own retries are over.
     */
    static final String NOT_WAITING_FOR_DISK = "(status <> 'FAILED' OR failure_code IS NULL OR failure_code <> '"
            + ErrorCodes.DISK_FULL + "')";

    /** Whether this batch is owed a receipt now: by its status ({@link #isOwed}), unless it waits for disk space. */
    public boolean owed() {
        return isOwed(status) && !(status == BatchStatus.FAILED && ErrorCodes.DISK_FULL.equals(failureCode));
    }

    /** Whether a batch in this status is owed a receipt: STAGED and every final status, not those before the stage step. */
    public static boolean isOwed(BatchStatus status) {
        return status == BatchStatus.STAGED || status.isFinal();
    }

    /** The batch is owed a receipt that its sender's outbox does not hold: the last one delivered is not of its current state. */
    public boolean isBehind() {
        return owed() && (deliveredStatus == null || deliveredStatus != status || deliveredAttempt == null
                || deliveredAttempt != attempt || deliveredAt.isBefore(updatedAt));
    }

    /** Behind, and no longer redelivered: it was reported given up since the batch last changed. */
    public boolean isGivenUp() {
        return isBehind() && givenUpAt != null && !givenUpAt.isBefore(updatedAt);
    }
}
