package org.tracehub.hub.api;

import java.time.OffsetDateTime;
import org.tracehub.platform.batch.Batch;

/**
 * A batch as the API shows it. {@code attempt} is the latest conversion attempt; {@code loadedAttempt}
 * the one whose events the store holds (they differ while a reprocess runs, or after one was rejected).
 * {@code rowNumbering} says what its problems' row numbers count: {@code LINES} of the file (or worksheet rows), or
 * {@code RECORDS}, the records' ordinals of an XML export whose records share lines (its receipt heads them 记录号).
 */
public record BatchView(
        String id,
        String sourceId,
        String fileName,
        long sizeBytes,
        String sha256,
        String transport,
        OffsetDateTime receivedAt,
        String status,
        String statusText,
        int attempt,
        Integer loadedAttempt,
        String encoding,
        String rowNumbering,
        Counts counts,
        String failureCode,
        String failureMessage,
        String duplicateOf,
        OffsetDateTime updatedAt) {

    public record Counts(long read, long accepted, long rejected, long skipped, long warned) {
    }

    /** @param loadedAttempt the attempt whose events the store holds (null: none loaded) */
    static BatchView of(Batch b, Integer loadedAttempt) {
        return new BatchView(b.id(), b.sourceId(), b.fileName(), b.sizeBytes(), b.sha256(), b.transport().name(), b.receivedAt(),
                b.status().name(), b.status().chinese(), b.attempt(), loadedAttempt, b.encoding(),
                b.rowNumbering().name(), new Counts(b.rowsRead(), b.rowsAccepted(), b.rowsRejected(), b.rowsSkipped(), b.rowsWarned()),
                b.failureCode(), b.failureMessage(), b.duplicateOf(), b.updatedAt());
    }
}
