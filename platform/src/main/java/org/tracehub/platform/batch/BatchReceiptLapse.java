package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/** A batch whose receipt left the redelivery's lookback undelivered ({@link BatchRepository#findReceiptsLapsed}). */
public record BatchReceiptLapse(String batchId, String sourceId, OffsetDateTime updatedAt, String failure) {
}
