package org.tracehub.jobs.importjob;

import java.util.OptionalInt;
import org.tracehub.platform.batch.BatchAttempts;

/**
 * A reprocess refused or failed while an earlier attempt's events are still the store's (a refused reprocess leaves the
 * store as it was): its sender must not read that the whole file was not loaded and be asked to send it again — the
 * earlier data stands, and the same bytes sent again are refused as a duplicate.
 */
final class EarlierLoad {

    private EarlierLoad() {
    }

    /** The earlier attempt whose events the store holds while this attempt did not load, if any. */
    static OptionalInt of(BatchAttempts attempts, String batchId, int attempt) {
        // only an attempt loaded whole: a first load stopped half-way leaves part of the file in the store, not data that stands
        return attempts.wholeLoadedAttempt(batchId).filter(loaded -> loaded < attempt)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** What the sender reads after the reason: which data stands, and that the admins, not the sender, act. */
    static String note(int loaded, int attempt) {
        return "本次重新处理（第" + attempt + "次）的结果未入库，第" + loaded + "次处理入库的数据仍然有效。重新处理由平台管理员发起，"
                + "您无需重新发送此文件（相同的文件会被当作重复文件）；如有疑问请联系平台管理员";
    }
}
