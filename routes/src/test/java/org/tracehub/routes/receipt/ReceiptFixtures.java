package org.tracehub.routes.receipt;

import java.time.OffsetDateTime;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.platform.batch.Transport;
import org.tracehub.schemas.validation.RowNumbering;

/** Batches as the store returns them, for the receipt writers' tests. */
final class ReceiptFixtures {

    static final OffsetDateTime RECEIVED_AT = OffsetDateTime.parse("2026-11-27T23:40:05+08:00");
    /** When a receipt of the tests is written: nanoseconds the receipts do not show. */
    static final OffsetDateTime WRITTEN_AT = OffsetDateTime.parse("2026-11-27T23:41:30.123456789+08:00");

    private ReceiptFixtures() {
    }

    static Batch staged(String fileName, long read, long accepted, long rejected, long skipped) {
        return new Batch("20261127-1f3a9c0b2d", "meat-wholesale-xj", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.STAGED, 1, "GB18030", read, accepted, rejected, skipped, 1, null, null, RECEIVED_AT);
    }

    /** A staged XML export written without line breaks: its rows are the records' ordinals. */
    static Batch stagedOneLineXml(String fileName, long read, long accepted, long rejected) {
        return new Batch("20261127-1f3a9c0b2d", "dairy-plant-pujiang", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.STAGED, 1, "UTF-8", read, accepted, rejected, 0, 0, null, null, RECEIVED_AT,
                RowNumbering.RECORDS);
    }

    static Batch duplicate(String fileName, String duplicateOf, String message) {
        return new Batch("20261128-00aa11bb22", "meat-wholesale-xj", fileName, fileName,
                "archive/2026/11/28/20261128-00aa11bb22/" + fileName, 2048, "ab".repeat(32), duplicateOf, Transport.SFTP,
                RECEIVED_AT.plusDays(1), BatchStatus.DUPLICATE, 0, null, 0, 0, 0, 0, 0, "FILE_DUPLICATE", message,
                RECEIVED_AT.plusDays(1));
    }

    /** Attempt 2 of a batch whose attempt 1 is loaded, refused by the reject threshold (a reprocess with a changed spec). */
    static Batch failedReprocess(String fileName, String message) {
        return new Batch("20261127-1f3a9c0b2d", "meat-wholesale-xj", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.FAILED, 2, "GB18030", 10, 2, 8, 0, 0, "REJECT_THRESHOLD", message, RECEIVED_AT.plusDays(1));
    }

    /**
     * Attempt 1 stopped by the hub ({@code code}: a database error, the archive unreadable, the spec changed) after some
     * chunks had committed their problems: its counts are still the 0 the attempt started with.
     */
    static Batch stoppedMidFile(String fileName, String code, String message) {
        return new Batch("20261127-1f3a9c0b2d", "meat-wholesale-xj", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.FAILED, 1, "GB18030", 0, 0, 0, 0, 0, code, message, RECEIVED_AT.plusMinutes(1));
    }

    /** A staged batch whose skipped rows were tallied by reason. */
    static Batch stagedWithSkips(String fileName, long read, long skipped, SkipReasons reasons) {
        return new Batch("20261127-1f3a9c0b2d", "meat-wholesale-xj", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.STAGED, 1, "GB18030", read, read, 0, skipped, 0, null, null, RECEIVED_AT,
                RowNumbering.LINES, reasons);
    }
}
