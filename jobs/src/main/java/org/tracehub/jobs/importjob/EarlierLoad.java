package org.tracehub.jobs.importjob;

import java.util.Optional;
import java.util.OptionalInt;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchAttempts.PartialLoad;

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

    /**
     * The earlier attempt whose load stopped half-way and whose committed pages the store still holds while this attempt
     * did not load, if any: the sender must not read that nothing of the file is in the store.
     */
    static Optional<PartialLoad> partial(BatchAttempts attempts, String batchId, int attempt) {
        return attempts.partiallyLoadedAttempt(batchId).filter(loaded -> loaded.attempt() < attempt);
    }

    /** What the sender reads about the part of an earlier attempt that is in the store: how much, and until when. */
    static String partialNote(PartialLoad partial) {
        return "第" + partial.attempt() + "次处理中途停止时，已有部分数据（" + partial.events() + "条，不完整）入库，目前仍可被查询到；"
                + "这部分数据会一直保留，直到此文件以后的某次处理完整入库";
    }

    /** What the sender reads after the reason: which data stands, and that the admins, not the sender, act. */
    static String note(int loaded, int attempt) {
        return "本次重新处理（第" + attempt + "次）的结果未入库，第" + loaded + "次处理入库的数据仍然有效。重新处理由平台管理员发起，"
                + "您无需重新发送此文件（相同的文件会被当作重复文件）；如有疑问请联系平台管理员";
    }
}
