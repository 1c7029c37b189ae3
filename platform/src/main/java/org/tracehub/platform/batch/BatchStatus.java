package org.tracehub.platform.batch;

/**
 * Where a batch (one received file) stands. RECEIVED → CONVERTING → STAGED → LOADED, or FAILED when
 * the file as a whole could not be processed; DUPLICATE, UNKNOWN_SOURCE and EMPTY end at intake.
 */
public enum BatchStatus {
    RECEIVED,
    CONVERTING,
    STAGED,
    LOADED,
    FAILED,
    DUPLICATE,
    UNKNOWN_SOURCE,
    EMPTY;

    /** How the status reads to a sender or an admin (receipts, API, refusals). */
    public String chinese() {
        return switch (this) {
            case RECEIVED -> "已接收，等待处理";
            case CONVERTING -> "处理中";
            case STAGED -> "已校验，等待入库";
            case LOADED -> "已入库";
            case FAILED -> "处理失败";
            case DUPLICATE -> "重复文件，未处理";
            case UNKNOWN_SOURCE -> "无法识别的文件，未处理";
            case EMPTY -> "空文件，未处理";
        };
    }

    /** Statuses after which nothing more happens unless an admin reprocesses. */
    public boolean isFinal() {
        return this == LOADED || this == FAILED || this == DUPLICATE || this == UNKNOWN_SOURCE || this == EMPTY;
    }
}
