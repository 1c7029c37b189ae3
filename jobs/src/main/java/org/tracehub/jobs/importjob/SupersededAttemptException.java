package org.tracehub.jobs.importjob;

/**
 * The batch moved on to a newer attempt (an admin reprocessed it) while this one was running; what
 * this attempt did must not reach the store or the batch row.
 */
class SupersededAttemptException extends IllegalStateException {

    SupersededAttemptException(String batchId, int attempt) {
        super("batch " + batchId + " attempt " + attempt + " was superseded by a newer attempt");
    }
}
