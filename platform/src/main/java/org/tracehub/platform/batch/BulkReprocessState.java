package org.tracehub.platform.batch;

/** Where a bulk reprocess request stands ({@link BulkReprocessStore}). */
public enum BulkReprocessState {
    /** Its runner reprocesses the selected batches, one after another. */
    RUNNING("进行中"),
    /** Cancelled while a batch was under way: that batch finishes, no other starts. */
    CANCELLING("正在取消"),
    /** The hub stopped while it ran: nothing goes on until an admin resumes or cancels it. */
    INTERRUPTED("已中断"),
    COMPLETED("已完成"),
    CANCELLED("已取消");

    private final String chinese;

    BulkReprocessState(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Whether it holds its source: a second request for the source is refused until it is finished. */
    public boolean finished() {
        return this == COMPLETED || this == CANCELLED;
    }
}
