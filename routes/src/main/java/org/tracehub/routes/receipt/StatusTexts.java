package org.tracehub.routes.receipt;

import org.tracehub.platform.batch.BatchStatus;

/** How a batch status reads to a sender. */
public final class StatusTexts {

    private StatusTexts() {
    }

    public static String chinese(BatchStatus status) {
        return status.chinese();
    }

    public static String severity(String severity) {
        return "WARNING".equals(severity) ? "警告" : "错误";
    }
}
