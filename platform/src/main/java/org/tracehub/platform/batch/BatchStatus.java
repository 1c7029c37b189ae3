package org.tracehub.platform.batch;

/**
 * Where a batch (one received file) stands. RECEIVED → CONVERTING → STAGED → LOADED, or FAILED when
 * the file as a whole could not be processed; DUPLICATE, UNKNOWN_SOURCE and EMPTY end at intake.
 */
public enum BatchStatus {
    RECEIVED,
    CONVERTING,
    STAGED,
    LOADED,
    FAILED,
    DUPLICATE,
    UNKNOWN_SOURCE,
    EMPTY;

    /** Statuses after which nothing more happens unless an admin reprocesses. */
    public boolean isFinal() {
        return this == LOADED || this == FAILED || this == DUPLICATE || this == UNKNOWN_SOURCE || this == EMPTY;
    }
}
