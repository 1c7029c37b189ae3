package org.tracehub.hub.console;

import java.util.ArrayList;
import java.util.List;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A batch's status as the console shows, counts and filters it: its {@link BatchStatus}, except that a FAILED batch
 * waiting for disk space ({@link Batch#waitingForDisk}) is 等待磁盘空间, apart from the failures an admin must act on. The
 * API keeps FAILED and says {@code waitingForDisk} beside it.
 *
 * @param name  the list filter's value: a {@link BatchStatus} name or {@link #WAITING_FOR_DISK}
 * @param label the badge's text
 * @param tone  the badge's CSS class
 */
public record ShownStatus(String name, String label, String tone) {

    public static final String WAITING_FOR_DISK = "WAITING_FOR_DISK";
    static final String WAITING_TEXT = "等待磁盘空间";

    private static final ShownStatus WAITING = new ShownStatus(WAITING_FOR_DISK, WAITING_TEXT, "warn");

    /** Every status, in the order of {@link BatchStatus}, 等待磁盘空间 beside 失败. */
    public static List<ShownStatus> all() {
        List<ShownStatus> all = new ArrayList<>();
        for (BatchStatus s : BatchStatus.values()) {
            if (s == BatchStatus.FAILED) {
                all.add(WAITING);
            }
            all.add(of(s));
        }
        return all;
    }

    public static ShownStatus of(Batch batch) {
        return batch.waitingForDisk() ? WAITING : of(batch.status());
    }

    /** The status of a batch whose failure code is {@code failureCode} (null if none). */
    public static ShownStatus of(BatchStatus status, String failureCode) {
        return status == BatchStatus.FAILED && ErrorCodes.DISK_FULL.equals(failureCode) ? WAITING : of(status);
    }

    private static ShownStatus of(BatchStatus status) {
        return new ShownStatus(status.name(), ConsoleTexts.status(status), ConsoleTexts.tone(status));
    }
}
