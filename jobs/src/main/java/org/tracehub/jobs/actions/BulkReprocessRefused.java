package org.tracehub.jobs.actions;

/** A bulk reprocess request that cannot be made, cancelled or resumed now, with a stable code and a Chinese reason. */
public class BulkReprocessRefused extends RuntimeException {

    private final String code;

    BulkReprocessRefused(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The request does not exist (rather than being in the wrong state). */
    public boolean isNotFound() {
        return BulkReprocessCodes.BULK_REPROCESS_NOT_FOUND.equals(code);
    }
}
