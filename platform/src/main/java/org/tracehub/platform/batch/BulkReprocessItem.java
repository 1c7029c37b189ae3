package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/**
 * One batch of a bulk reprocess request, in the order it is reprocessed ({@code seq}, from 1: received first, first).
 *
 * @param attempt     the attempt its reprocess started, or null
 * @param batchStatus the batch's status once that attempt ended, or null
 * @param code        why it was skipped or failed (a BatchActionCodes or failure code), or null
 */
public record BulkReprocessItem(int seq, String batchId, String fileName, OffsetDateTime receivedAt, BulkReprocessOutcome outcome,
                                Integer attempt, String batchStatus, String code, String reason, OffsetDateTime endedAt) {
}
