package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/**
 * A bulk reprocess request as kept: what was asked, by whom and when, and how far it got.
 *
 * @param fromDay      the period's first day (or time) as the admin gave it, in the hub's zone
 * @param toDay        the period's last day (included) or time (excluded), likewise
 * @param statusFilter only batches in this status were selected; null: any
 * @param nodeId       the node whose runner works on it
 * @param changedBy    who cancelled or resumed it last, or null
 */
public record BulkReprocessRequest(String id, String sourceId, String fromDay, String toDay, BatchStatus statusFilter,
                                   String requestedBy, OffsetDateTime requestedAt, String nodeId, BulkReprocessState state,
                                   int selected, int done, int failed, int skipped, int interrupted, String currentBatch,
                                   String changedBy, OffsetDateTime changedAt, OffsetDateTime endedAt) {

    /** Batches not reached yet (nor under way). */
    public int pending() {
        return selected - done - failed - skipped - interrupted - (currentBatch == null ? 0 : 1);
    }
}
