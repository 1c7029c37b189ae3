package org.tracehub.jobs.actions;

/** Stable codes of refused bulk reprocess requests (the API puts them in its problem documents). */
public final class BulkReprocessCodes {

    /** The source already has a bulk reprocess that is not finished (running, being cancelled, or interrupted). */
    public static final String BULK_REPROCESS_RUNNING = "BULK_REPROCESS_RUNNING";
    /** No batch of the source was received in the period (with the status asked for). */
    public static final String BULK_REPROCESS_NOTHING_SELECTED = "BULK_REPROCESS_NOTHING_SELECTED";
    public static final String BULK_REPROCESS_NOT_FOUND = "BULK_REPROCESS_NOT_FOUND";
    /** A cancel of a request that has already ended (completed or cancelled). */
    public static final String BULK_REPROCESS_FINISHED = "BULK_REPROCESS_FINISHED";
    /** A resume of a request that is not interrupted. */
    public static final String BULK_REPROCESS_NOT_INTERRUPTED = "BULK_REPROCESS_NOT_INTERRUPTED";

    private BulkReprocessCodes() {
    }
}
