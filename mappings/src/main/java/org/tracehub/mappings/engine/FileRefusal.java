package org.tracehub.mappings.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Why the hub refuses a converted file whole, judged from its counts as the import job's staging step judges it: no data
 * row ({@code FILE_EMPTY}), or a larger share of rows rejected than the source's {@code rejectThreshold}
 * ({@code REJECT_THRESHOLD}). The CLI's {@code convert} and the spec dry run say so from here, so that neither calls a file
 * fine that the hub would send back.
 *
 * @param code   {@link ErrorCodes#FILE_EMPTY} or {@link ErrorCodes#REJECT_THRESHOLD}
 * @param reason what is wrong, in Chinese, without the code (文件中没有数据行 / 被拒绝的行数（3/10）超过本来源允许的比例10%)
 */
public record FileRefusal(String code, String reason) {

    /** The refusal of a file with these counts under this threshold (a share, 0 … 1), if the hub would refuse it. */
    public static Optional<FileRefusal> of(FileConversion.Counts counts, BigDecimal rejectThreshold) {
        if (counts.read() == 0) {
            return Optional.of(new FileRefusal(ErrorCodes.FILE_EMPTY, "文件中没有数据行"));
        }
        if (exceedsThreshold(counts.rejected(), counts.read(), rejectThreshold)) {
            return Optional.of(new FileRefusal(ErrorCodes.REJECT_THRESHOLD, "被拒绝的行数（" + counts.rejected() + "/" + counts.read()
                    + "）超过本来源允许的比例" + rejectThreshold.movePointRight(2).stripTrailingZeros().toPlainString() + "%"));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code rejected} of {@code read} data rows (more than none) is a larger share than {@code threshold}: the share
     * rounded half-up to six places, as the import job's staging step ({@code StageOutcomeTasklet}) computes it.
     */
    public static boolean exceedsThreshold(long rejected, long read, BigDecimal threshold) {
        return BigDecimal.valueOf(rejected).divide(BigDecimal.valueOf(read), 6, RoundingMode.HALF_UP).compareTo(threshold) > 0;
    }

    /** The reason and what it means for the file: the hub would not take it. */
    public String message() {
        return reason + "，服务器会拒收整个文件";
    }
}
