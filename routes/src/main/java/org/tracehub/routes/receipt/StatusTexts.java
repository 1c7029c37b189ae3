package org.tracehub.routes.receipt;

/** How a problem's severity reads to a sender (a batch status: {@code BatchStatus.chinese()}). */
public final class StatusTexts {

    private StatusTexts() {
    }

    public static String severity(String severity) {
        return "WARNING".equals(severity) ? "警告" : "错误";
    }
}
