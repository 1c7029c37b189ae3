package org.tracehub.hub.console;

import java.util.Map;
import org.tracehub.platform.batch.BatchStatus;

/** Short Chinese labels of the console's tables (the receipts' longer status texts: BatchStatus.chinese()). */
public final class ConsoleTexts {

    private static final Map<BatchStatus, String> STATUS = Map.of(
            BatchStatus.RECEIVED, "已接收",
            BatchStatus.CONVERTING, "处理中",
            BatchStatus.STAGED, "待入库",
            BatchStatus.LOADED, "已入库",
            BatchStatus.FAILED, "失败",
            BatchStatus.DUPLICATE, "重复",
            BatchStatus.UNKNOWN_SOURCE, "无法识别",
            BatchStatus.EMPTY, "空文件");

    private static final Map<String, String> TRANSPORT = Map.of("SFTP", "SFTP 上传", "HTTP", "HTTP 上传", "PULL", "夜间拉取");

    private ConsoleTexts() {
    }

    public static String status(BatchStatus status) {
        return STATUS.get(status);
    }

    public static String status(String status) {
        return status(BatchStatus.valueOf(status));
    }

    public static String transport(String transport) {
        return TRANSPORT.getOrDefault(transport, transport);
    }

    /** The CSS class of a status badge: ok, warn, bad or busy. */
    public static String tone(BatchStatus status) {
        return switch (status) {
            case LOADED -> "ok";
            case STAGED, DUPLICATE, EMPTY -> "warn";
            case FAILED, UNKNOWN_SOURCE -> "bad";
            case RECEIVED, CONVERTING -> "busy";
        };
    }
}
