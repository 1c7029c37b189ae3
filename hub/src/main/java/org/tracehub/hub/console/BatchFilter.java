package org.tracehub.hub.console;

import org.tracehub.platform.batch.BatchStatus;

/**
 * The batch list's filters; any may be null. {@code from} and {@code to} are days in the hub's time zone, both
 * included, or times of them ({@code to} excluded); {@code waitingForDisk} keeps only the FAILED batches that wait for disk
 * space, or only the others (the console's 等待磁盘空间 and 失败).
 */
public record BatchFilter(String source, BatchStatus status, BatchDays.Bound from, BatchDays.Bound to, Boolean waitingForDisk) {

    /** Waiting for disk space or not, alike: the API's filter. */
    public BatchFilter(String source, BatchStatus status, BatchDays.Bound from, BatchDays.Bound to) {
        this(source, status, from, to, null);
    }

    /** The console's filter by a {@link ShownStatus} name (null: any). */
    static BatchFilter shown(String source, String shownStatus, BatchDays.Bound from, BatchDays.Bound to) {
        if (ShownStatus.WAITING_FOR_DISK.equals(shownStatus)) {
            return new BatchFilter(source, BatchStatus.FAILED, from, to, true);
        }
        BatchStatus status = shownStatus == null ? null : BatchStatus.valueOf(shownStatus);
        return new BatchFilter(source, status, from, to, status == BatchStatus.FAILED ? Boolean.FALSE : null);
    }
}
