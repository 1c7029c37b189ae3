package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/**
 * Which batches a list shows ({@link BatchRepository#find(BatchListFilter, int, int)}); a null part filters nothing.
 *
 * @param receivedFrom   received at or after this time
 * @param receivedBefore received before this time
 */
public record BatchListFilter(String sourceId, BatchStatus status, OffsetDateTime receivedFrom, OffsetDateTime receivedBefore) {

    /** Every batch of a source. */
    public static BatchListFilter ofSource(String sourceId) {
        return new BatchListFilter(sourceId, null, null, null);
    }
}
