package org.tracehub.hub.audit;

import java.util.Map;

/** The actions the audit log names, with how they read in the console. */
public final class AuditActions {

    public static final String REPROCESS = "REPROCESS";
    public static final String RETRY = "RETRY";
    /** A source's batches of a period reprocessed in one request; the detail names the request, the period and the count. */
    public static final String BULK_REPROCESS = "BULK_REPROCESS";
    public static final String BULK_REPROCESS_CANCEL = "BULK_REPROCESS_CANCEL";
    public static final String BULK_REPROCESS_RESUME = "BULK_REPROCESS_RESUME";
    public static final String UPLOAD = "UPLOAD";
    public static final String SPEC_DRY_RUN = "SPEC_DRY_RUN";
    public static final String DATABASE_BACKUP = "DATABASE_BACKUP";
    public static final String DEAD_LETTERS_CLEARED = "DEAD_LETTERS_CLEARED";
    public static final String DOWNLOAD_ORIGINAL = "DOWNLOAD_ORIGINAL";
    public static final String DOWNLOAD_ERROR_REPORT = "DOWNLOAD_ERROR_REPORT";
    public static final String DOWNLOAD_RECEIPT = "DOWNLOAD_RECEIPT";
    /** A change the user's role or source did not allow; the detail names the request. */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";
    /** A change refused for a missing or stale CSRF token (a page opened before signing in again): not a matter of the role. */
    public static final String CSRF_REFUSED = "CSRF_REFUSED";

    private static final Map<String, String> CHINESE = Map.ofEntries(
            Map.entry(REPROCESS, "重新处理"),
            Map.entry(RETRY, "重试"),
            Map.entry(BULK_REPROCESS, "批量重新处理"),
            Map.entry(BULK_REPROCESS_CANCEL, "取消批量重新处理"),
            Map.entry(BULK_REPROCESS_RESUME, "继续批量重新处理"),
            Map.entry(UPLOAD, "上传文件"),
            Map.entry(SPEC_DRY_RUN, "映射试运行"),
            Map.entry(DATABASE_BACKUP, "数据库备份"),
            Map.entry(DEAD_LETTERS_CLEARED, "清除死信"),
            Map.entry(DOWNLOAD_ORIGINAL, "下载原始文件"),
            Map.entry(DOWNLOAD_ERROR_REPORT, "下载错误报告"),
            Map.entry(DOWNLOAD_RECEIPT, "下载回执"),
            Map.entry(ACCESS_DENIED, "被拒绝的操作"),
            Map.entry(CSRF_REFUSED, "页面已过期的提交"));

    /**
     * POST endpoints of the API that other features own, by their URI pattern, so they are named
     * in the log without an annotation on their controllers. Any other POST is logged under its
     * method and pattern.
     */
    private static final Map<String, String> BY_PATTERN = Map.of(
            "/api/batches/{}/reprocess", REPROCESS,
            "/api/sources/{}/reprocess", BULK_REPROCESS,
            "/api/sources/{}/reprocess/{}/cancel", BULK_REPROCESS_CANCEL,
            "/api/sources/{}/reprocess/{}/resume", BULK_REPROCESS_RESUME,
            "/api/batches/{}/retry", RETRY,
            "/api/sources/{}/files", UPLOAD,
            "/api/specs/dry-run", SPEC_DRY_RUN,
            "/console/dry-run", SPEC_DRY_RUN,
            "/api/admin/database-backup", DATABASE_BACKUP,
            "/api/admin/dead-letters/clear", DEAD_LETTERS_CLEARED);

    private AuditActions() {
    }

    public static String chinese(String action) {
        return CHINESE.getOrDefault(action, action);
    }

    /** Variable names do not matter: {@code /api/batches/{batchId}/retry} is RETRY too. */
    static String forPostPattern(String pattern) {
        String known = BY_PATTERN.get(pattern.replaceAll("\\{[^}]*}", "{}"));
        return known != null ? known : truncate("POST " + pattern, 40);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
