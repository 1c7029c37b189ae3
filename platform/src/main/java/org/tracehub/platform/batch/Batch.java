package org.tracehub.platform.batch;

import java.time.OffsetDateTime;
import java.util.Set;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * One received file and what became of it.
 *
 * @param rowNumbering what the row numbers of its current attempt's problems count: lines, or an XML export's record
 *                     ordinals (V22); {@link RowNumbering#LINES} until the file is opened
 * @param skipReasons  why its {@code rowsSkipped} rows were skipped (V30), {@link SkipReasons#NONE} until the stage step
 * @param specFingerprint the fingerprint of the spec its current attempt converts with (V33), null until the file is
 *                     opened, and for a batch never converted (a DUPLICATE, UNKNOWN or EMPTY at intake)
 * @param fileWarnings the warnings of its current attempt's file as a whole (V36), {@link FileWarnings#NONE} until the
 *                     file is opened: not problems of any row
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
        RowNumbering rowNumbering,
        SkipReasons skipReasons,
        String specFingerprint,
        FileWarnings fileWarnings) {

    public Batch {
        skipReasons = skipReasons == null ? SkipReasons.NONE : skipReasons;
        fileWarnings = fileWarnings == null ? FileWarnings.NONE : fileWarnings;
    }

    /** A batch without its spec's fingerprint and its file's warnings. */
    public Batch(String id, String sourceId, String fileName, String storedName, String archivePath, long sizeBytes,
                 String sha256, String duplicateOf, Transport transport, OffsetDateTime receivedAt, BatchStatus status,
                 int attempt, String encoding, long rowsRead, long rowsAccepted, long rowsRejected, long rowsSkipped,
                 long rowsWarned, String failureCode, String failureMessage, OffsetDateTime updatedAt,
                 RowNumbering rowNumbering, SkipReasons skipReasons) {
        this(id, sourceId, fileName, storedName, archivePath, sizeBytes, sha256, duplicateOf, transport, receivedAt, status,
                attempt, encoding, rowsRead, rowsAccepted, rowsRejected, rowsSkipped, rowsWarned, failureCode, failureMessage,
                updatedAt, rowNumbering, skipReasons, null, FileWarnings.NONE);
    }

    /** A batch without its skipped rows' reasons. */
    public Batch(String id, String sourceId, String fileName, String storedName, String archivePath, long sizeBytes,
                 String sha256, String duplicateOf, Transport transport, OffsetDateTime receivedAt, BatchStatus status,
                 int attempt, String encoding, long rowsRead, long rowsAccepted, long rowsRejected, long rowsSkipped,
                 long rowsWarned, String failureCode, String failureMessage, OffsetDateTime updatedAt,
                 RowNumbering rowNumbering) {
        this(id, sourceId, fileName, storedName, archivePath, sizeBytes, sha256, duplicateOf, transport, receivedAt, status,
                attempt, encoding, rowsRead, rowsAccepted, rowsRejected, rowsSkipped, rowsWarned, failureCode, failureMessage,
                updatedAt, rowNumbering, SkipReasons.NONE);
    }

    /** A batch whose row numbers are lines, as those of every file but an XML export without line breaks are. */
    public Batch(String id, String sourceId, String fileName, String storedName, String archivePath, long sizeBytes,
                 String sha256, String duplicateOf, Transport transport, OffsetDateTime receivedAt, BatchStatus status,
                 int attempt, String encoding, long rowsRead, long rowsAccepted, long rowsRejected, long rowsSkipped,
                 long rowsWarned, String failureCode, String failureMessage, OffsetDateTime updatedAt) {
        this(id, sourceId, fileName, storedName, archivePath, sizeBytes, sha256, duplicateOf, transport, receivedAt, status,
                attempt, encoding, rowsRead, rowsAccepted, rowsRejected, rowsSkipped, rowsWarned, failureCode, failureMessage,
                updatedAt, RowNumbering.LINES);
    }

    /** The characters of a spec fingerprint shown for it (the console's, the receipts' 映射版本). */
    public static final int SPEC_VERSION_LENGTH = 12;

    /**
     * The short form of {@link #specFingerprint()} a clerk and an admin compare (as the console shows it), or null when
     * no spec made the batch: one refused at intake (DUPLICATE, UNKNOWN, EMPTY), or converted before V33.
     */
    public String specVersion() {
        return specFingerprint == null ? null : specFingerprint.substring(0, Math.min(SPEC_VERSION_LENGTH, specFingerprint.length()));
    }

    /**
     * The counts are not this attempt's result: it stopped, for a reason of the hub's and not the file's, before its stage
     * step counted the rows (they stay 0 from the attempt's start), so any problems listed are only those found before
     * it stopped, and a retry or reprocess by the platform, not a resend, finishes it. A load that fails after the stage
     * step keeps its counts; a file the hub refused has its own message saying its counts are 0.
     */
    public boolean countsNotFinal() {
        return status == BatchStatus.FAILED && attempt > 0 && rowsRead == 0 && rowsSkipped == 0
                && HUB_FAILURES.contains(failureCode);
    }

    /**
     * Whether the batch waits for the data disk to have space again ({@link ErrorCodes#DISK_FULL}): FAILED as far as its
     * status goes, but the hub retries it by itself, and no receipt goes out meanwhile. The console shows it as 等待磁盘空间.
     */
    public boolean waitingForDisk() {
        return status == BatchStatus.FAILED && ErrorCodes.DISK_FULL.equals(failureCode);
    }

    /** The failure codes of a run the hub, not the file, stopped. */
    private static final Set<String> HUB_FAILURES = Set.of(ErrorCodes.PROCESSING_ERROR, ErrorCodes.DISK_FULL, ErrorCodes.SPEC_MISSING,
            ErrorCodes.SPEC_CHANGED);
}
