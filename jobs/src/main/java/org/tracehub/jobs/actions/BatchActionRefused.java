package org.tracehub.jobs.actions;

/** An admin action on a batch that cannot be done now, with a stable code and a Chinese reason. */
public class BatchActionRefused extends RuntimeException {

    private final String code;
    private final boolean notFound;

    BatchActionRefused(String code, String reason) {
        this(code, reason, false);
    }

    private BatchActionRefused(String code, String reason, boolean notFound) {
        super(reason);
        this.code = code;
        this.notFound = notFound;
    }

    static BatchActionRefused notFound(String batchId) {
        return new BatchActionRefused(BatchActionCodes.BATCH_NOT_FOUND, "批次不存在：" + batchId, true);
    }

    public String code() {
        return code;
    }

    /** The batch does not exist (rather than being in the wrong state). */
    public boolean isNotFound() {
        return notFound;
    }
}
