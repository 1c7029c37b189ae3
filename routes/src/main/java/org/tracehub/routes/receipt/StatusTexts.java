package org.tracehub.routes.receipt;

import org.tracehub.platform.batch.BatchStatus;

/** How a batch status reads to a sender. */
public final class StatusTexts {

    private StatusTexts() {
    }

    public static String chinese(BatchStatus status) {
        return switch (status) {
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

    public static String severity(String severity) {
        return "WARNING".equals(severity) ? "警告" : "错误";
    }
}
