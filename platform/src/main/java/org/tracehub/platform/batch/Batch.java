package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/** One received file and what became of it. */
public record Batch(
        String id,
        String sourceId,
        String fileName,
        String storedName,
        String archivePath,
        long sizeBytes,
        String sha256,
        String duplicateOf,
        Transport transport,
        OffsetDateTime receivedAt,
        BatchStatus status,
        int attempt,
        String encoding,
        long rowsRead,
        long rowsAccepted,
        long rowsRejected,
        long rowsSkipped,
        long rowsWarned,
        String failureCode,
        String failureMessage,
        OffsetDateTime updatedAt) {
}
