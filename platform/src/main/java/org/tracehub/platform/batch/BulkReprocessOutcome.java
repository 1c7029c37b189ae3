package org.tracehub.platform.batch;

/** What became of one batch a bulk reprocess request selected. */
public enum BulkReprocessOutcome {
    PENDING("等待"),
    /** Its reprocess is under way. */
    RUNNING("处理中"),
    /** The new attempt ended STAGED or LOADED. */
    DONE("已完成"),
    /** The new attempt ended FAILED (a file-level code, the reject threshold, a processing error), or could not start. */
    FAILED("失败"),
    /** The reprocess was refused for this batch (its status, a purged original, no spec …): nothing was started. */
    SKIPPED("已跳过"),
    /** The hub stopped while its reprocess was under way: start-up recovery takes the attempt up, the batch page tells. */
    INTERRUPTED("中断");

    private final String chinese;

    BulkReprocessOutcome(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
