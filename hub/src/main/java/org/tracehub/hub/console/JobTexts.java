package org.tracehub.hub.console;

import java.util.Map;
import org.tracehub.jobs.importjob.DiskFullRuns;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.purge.PurgeParameters;
import org.tracehub.jobs.sync.NightlySyncParameters;

/**
 * The console's words for Spring Batch's names: the hub's jobs and steps (the jobs module's constants) and Spring Batch's
 * statuses and exit codes. Shown Chinese first with the name beside it, 已完成（COMPLETED）, as the log and the job tables
 * carry the name; a name not known here (a job added later) is shown as it is.
 */
public final class JobTexts {

    private static final Map<String, String> JOBS = Map.of(
            ImportJobParameters.JOB_NAME, "导入",
            ImportJobParameters.LOAD_JOB_NAME, "入库",
            NightlySyncParameters.JOB_NAME, "夜间同步",
            PurgeParameters.JOB_NAME, "过期数据清理");

    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry(ImportJobConfiguration.CONVERT_STEP, "转换校验"),
            Map.entry(ImportJobConfiguration.STAGE_STEP, "汇总判定"),
            Map.entry(ImportJobConfiguration.LOAD_STEP, "入库"),
            Map.entry(ImportJobConfiguration.RECEIPT_STEP, "回执"),
            Map.entry(NightlySyncParameters.LOAD_STAGED_STEP, "待入库批次入库"),
            Map.entry(NightlySyncParameters.REQUEST_PULLS_STEP, "请求拉取"),
            Map.entry(NightlySyncParameters.SUMMARY_STEP, "同步汇总"),
            Map.entry(PurgeParameters.CLOCK_CHECK_STEP, "核对时钟"),
            Map.entry(PurgeParameters.STAGING_STEP, "清理暂存数据"),
            Map.entry(PurgeParameters.SUPERSEDED_PROBLEMS_STEP, "清理旧次问题行"),
            Map.entry(PurgeParameters.ARCHIVE_STEP, "清理过期原始文件"),
            Map.entry(PurgeParameters.RECEIPT_STEP, "清理过期回执"),
            Map.entry(PurgeParameters.INBOX_LEFTOVER_STEP, "清理收件箱遗留文件"),
            Map.entry(PurgeParameters.AUDIT_LOG_STEP, "清理过期操作记录"),
            Map.entry(PurgeParameters.PULL_FETCHED_STEP, "清理过期拉取记录"),
            Map.entry(PurgeParameters.JOB_METADATA_STEP, "清理作业记录"));

    /** Spring Batch's BatchStatus names and ExitStatus codes (COMPLETED, FAILED … are both). */
    private static final Map<String, String> STATUSES = Map.ofEntries(
            Map.entry("STARTING", "启动中"),
            Map.entry("STARTED", "运行中"),
            Map.entry("EXECUTING", "运行中"),
            Map.entry("STOPPING", "停止中"),
            Map.entry("STOPPED", "已停止"),
            Map.entry("COMPLETED", "已完成"),
            Map.entry("FAILED", "失败"),
            Map.entry("ABANDONED", "已放弃"),
            Map.entry("NOOP", "未执行"),
            Map.entry("UNKNOWN", "状态未知"),
            Map.entry(PurgeParameters.CLOCK_AHEAD, "时钟超前，已拒绝清理"),
            Map.entry(DiskFullRuns.EXIT_CODE, "磁盘空间不足，等待自动重试"));

    private JobTexts() {
    }

    /** A job's name: 导入（importJob）. */
    public static String job(String name) {
        return labelled(JOBS, name);
    }

    /** A step's name: 转换校验（convertStep）. */
    public static String step(String name) {
        return labelled(STEPS, name);
    }

    /** A job's or step's status or exit code: 已完成（COMPLETED）. */
    public static String status(String status) {
        return labelled(STATUSES, status);
    }

    private static String labelled(Map<String, String> words, String name) {
        if (name == null) {
            return "";
        }
        String chinese = words.get(name);
        return chinese == null ? name : chinese + "（" + name + "）";
    }
}
