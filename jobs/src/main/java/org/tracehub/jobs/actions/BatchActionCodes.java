package org.tracehub.jobs.actions;

/** Stable codes of refused batch actions (the API puts them in its problem documents). */
public final class BatchActionCodes {

    public static final String BATCH_NOT_FOUND = "BATCH_NOT_FOUND";
    /** A job is working on the batch right now, or another admin acted first. */
    public static final String BATCH_BUSY = "BATCH_BUSY";
    /** The batch's status does not allow a reprocess (received, converting, duplicate, empty). */
    public static final String BATCH_NOT_REPROCESSABLE = "BATCH_NOT_REPROCESSABLE";
    /** The original was removed after the retention period. */
    public static final String ARCHIVE_PURGED = "ARCHIVE_PURGED";
    /** The original is not in the archive although the purge never removed it: ops must restore it. */
    public static final String ORIGINAL_MISSING = "ORIGINAL_MISSING";
    /** No mapping spec (or none of its file kinds) covers the batch's file any more. */
    public static final String SPEC_MISSING = "SPEC_MISSING";
    /** Only FAILED batches are retried. */
    public static final String BATCH_NOT_FAILED = "BATCH_NOT_FAILED";
    /** The failure lies in the file (or its rows), so running again cannot change the outcome. */
    public static final String BATCH_NOT_RETRYABLE = "BATCH_NOT_RETRYABLE";
    /** No failed execution of the current attempt is left to restart (e.g. its staging was purged). */
    public static final String NOTHING_TO_RETRY = "NOTHING_TO_RETRY";

    private BatchActionCodes() {
    }
}
