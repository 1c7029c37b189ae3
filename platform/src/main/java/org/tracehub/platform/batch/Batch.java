package org.tracehub.platform.batch;

import java.time.OffsetDateTime;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * One received file and what became of it.
 *
 * @param rowNumbering what the row numbers of its current attempt's problems count: lines, or an XML export's record
 *                     ordinals (V22); {@link RowNumbering#LINES} until the file is opened
 */
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
        OffsetDateTime updatedAt,
        RowNumbering rowNumbering) {

    /** A batch whose row numbers are lines, as those of every file but an XML export without line breaks are. */
    public Batch(String id, String sourceId, String fileName, String storedName, String archivePath, long sizeBytes,
                 String sha256, String duplicateOf, Transport transport, OffsetDateTime receivedAt, BatchStatus status,
                 int attempt, String encoding, long rowsRead, long rowsAccepted, long rowsRejected, long rowsSkipped,
                 long rowsWarned, String failureCode, String failureMessage, OffsetDateTime updatedAt) {
        this(id, sourceId, fileName, storedName, archivePath, sizeBytes, sha256, duplicateOf, transport, receivedAt, status,
                attempt, encoding, rowsRead, rowsAccepted, rowsRejected, rowsSkipped, rowsWarned, failureCode, failureMessage,
                updatedAt, RowNumbering.LINES);
    }
}
