package org.tracehub.routes.receipt;

import java.time.OffsetDateTime;
import java.util.List;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.FileWarnings;
import org.tracehub.platform.batch.SkipReasons;
import org.tracehub.platform.batch.Transport;
import org.tracehub.schemas.validation.ErrorCodes;
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

    static final String FINGERPRINT = "3f9a0c1e77b24d5a" + "0".repeat(48);
    static final String ABSENT_MESSAGE = "整个文件中没有任何一条记录含有“emergency_code”，所有记录的应急救援编号都按空值处理：如果导出格式已经变更"
            + "（元素或属性改了名），请联系平台管理员修改映射后重新发送；如果本文件确实都没有这一项，可忽略此提示";

    /** A staged XML export an optional path of which occurs in no record: a warning of the file, kept with the batch. */
    static Batch stagedXmlWithFileWarning(String fileName, long read, long accepted, long rejected) {
        return new Batch("20261127-1f3a9c0b2d", "elevator-maint-husheng", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.STAGED, 1, "GBK", read, accepted, rejected, 0, 0, null, null, RECEIVED_AT,
                RowNumbering.LINES, SkipReasons.NONE, FINGERPRINT, new FileWarnings(List.of(new FileWarnings.Entry(
                        ErrorCodes.XML_PATH_ABSENT, "emergency_code", "extension.elevator.emergencyCode", ABSENT_MESSAGE))));
    }

    /** A staged batch whose skipped rows were tallied by reason. */
    static Batch stagedWithSkips(String fileName, long read, long skipped, SkipReasons reasons) {
        return new Batch("20261127-1f3a9c0b2d", "meat-wholesale-xj", fileName, fileName,
                "archive/2026/11/27/20261127-1f3a9c0b2d/" + fileName, 2048, "ab".repeat(32), null, Transport.SFTP,
                RECEIVED_AT, BatchStatus.STAGED, 1, "GB18030", read, read, 0, skipped, 0, null, null, RECEIVED_AT,
                RowNumbering.LINES, reasons);
    }
}
