package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/**
 * Which batches a list shows ({@link BatchRepository#find(BatchListFilter, int, int)}); a null part filters nothing.
 *
 * @param receivedFrom   received at or after this time
 * @param receivedBefore received before this time
 * @param waitingForDisk only the batches that wait for disk space ({@link Batch#waitingForDisk}), or only the others: the
 *                       console lists them apart from the other FAILED batches
 */
public record BatchListFilter(String sourceId, BatchStatus status, OffsetDateTime receivedFrom, OffsetDateTime receivedBefore,
                              Boolean waitingForDisk) {

    /** Waiting for disk space or not, alike. */
    public BatchListFilter(String sourceId, BatchStatus status, OffsetDateTime receivedFrom, OffsetDateTime receivedBefore) {
        this(sourceId, status, receivedFrom, receivedBefore, null);
    }

    /** Every batch of a source. */
    public static BatchListFilter ofSource(String sourceId) {
        return new BatchListFilter(sourceId, null, null, null);
    }
}
