package org.tracehub.jobs.recovery;

/**
 * The runs of batch attempts this node has queued and not yet ended (an admin's reprocess or retry waiting for a thread,
 * module {@code actions}): a batch left CONVERTING without a job, or STAGED after a failed run, is such a run's until it
 * ends, however long it waits. The takeover's look at batches while the hub runs leaves them to it.
 */
public interface QueuedRuns {

    /** A node that queues nothing. */
    QueuedRuns NONE = (batchId, attempt) -> false;

    /** Whether a run of the batch attempt is queued or running on this node. */
    boolean isPending(String batchId, int attempt);
}
