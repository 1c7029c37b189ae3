package org.tracehub.hub.api;

import java.time.OffsetDateTime;
import java.util.List;
import org.tracehub.jobs.recovery.DiskFullWaits;
import org.tracehub.platform.batch.Batch;
import org.tracehub.routes.receipt.Receipt;
import org.tracehub.platform.batch.BatchReceipt;
import org.tracehub.platform.batch.BatchRepository;

/**
 * A batch as the API shows it. {@code attempt} is the latest conversion attempt; {@code loadedAttempt}
 * the one whose events the store holds (they differ while a reprocess runs, or after one was rejected).
 * {@code rowNumbering} says what its problems' row numbers count: {@code LINES} of the file (or worksheet rows), or
 * {@code RECORDS}, the records' ordinals of an XML export whose records share lines (its receipt heads them 记录号).
 * {@code countsNote} is the receipt's 说明, set only while the counts are not the attempt's result (a run the hub stopped
 * before counting); {@code counts.skippedBy} how many rows each reason skipped, as the receipt lists them.
 * {@code specFingerprint} names the version of the source's spec the current attempt converted with (映射版本,
 * {@code MappingSpec.fingerprint}), {@code loadedSpecFingerprint} that of the attempt the store holds; null when not known
 * (converted before V33, or not yet). The console's batch page shows the text kept for each. {@code fileWarnings} are the
 * warnings of the current attempt's file as a whole (V36, e.g. {@code XML_PATH_ABSENT}): of no row, so counted in no
 * row count; empty when none (or converted before V36, whose such warning is a problem of its first data row).
 * {@code waitingForDisk} is true for a FAILED batch whose run stopped because the data disk was full or below
 * {@code hub.intake.min-disk-free} (DISK_FULL): the hub retries it by itself, and {@code diskWait} (one batch's view only)
 * says how often and how many of its tries are used.
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
        OffsetDateTime updatedAt,
        String countsNote,
        ReceiptView receipt,
        String specFingerprint,
        String loadedSpecFingerprint,
        List<FileWarning> fileWarnings,
        boolean waitingForDisk,
        DiskWait diskWait) {

    /** A warning of the file as a whole, as the receipt's 文件警告 line gives it. */
    public record FileWarning(String code, String column, String field, String message) {
    }

    /**
     * The hub's own retries of a batch waiting for disk space.
     *
     * @param triesUsed     its runs in a row that stopped for the disk
     * @param maxTries      {@code hub.jobs.disk-full-retry.max-tries}: then it fails for an admin (PROCESSING_ERROR)
     * @param retryInterval {@code hub.jobs.disk-full-retry.interval} (ISO-8601): how often the hub looks for space
     */
    public record DiskWait(int triesUsed, int maxTries, String retryInterval) {

        static DiskWait of(DiskFullWaits.Waiting w) {
            return w == null ? null : new DiskWait(w.triesUsed(), w.maxTries(), w.interval().toString());
        }
    }

    /** {@code statusText} of a batch waiting for disk space: its status stays FAILED. */
    static final String WAITING_FOR_DISK_TEXT = "等待磁盘空间（平台将自动重试）";

    /** @param skippedBy the skipped rows by reason, in the order met; empty for an attempt staged before they were kept */
    public record Counts(long read, long accepted, long rejected, long skipped, long warned, List<SkippedBy> skippedBy) {
    }

    /** Rows one reason skipped: 空行, a skip rule ({@code 序号=合计}, an expression), or 其他 for the rest. */
    public record SkippedBy(String reason, long rows) {
    }

    /**
     * What became of the batch's receipt in the sender's outbox: {@code state} NOT_DUE (before the stage step), DELIVERED
     * (the outbox holds the receipt of the current status and attempt), BEHIND (not delivered yet: the redelivery tries it
     * again) or GIVEN_UP (not delivered, and no longer tried); the last receipt delivered ({@code deliveredStatus},
     * {@code deliveredAttempt}, {@code deliveredAt}, null if none ever was); the last delivery tried, and why it failed.
     */
    public record ReceiptView(String state, String stateText, String deliveredStatus, Integer deliveredAttempt,
                              OffsetDateTime deliveredAt, OffsetDateTime lastTriedAt, String lastFailure) {

        static ReceiptView of(BatchReceipt r) {
            if (r == null) {
                return null;
            }
            BatchReceipt.State state = r.state();
            return new ReceiptView(state.name(), state.chinese(), r.deliveredStatus() == null ? null : r.deliveredStatus().name(),
                    r.deliveredAttempt(), r.deliveredAt(), r.triedAt(), r.failure());
        }
    }

    /**
     * @param loadedAttempt the attempt whose events the store holds (null: none loaded)
     * @param receipt what became of its receipt (null: not known)
     */
    static BatchView of(Batch b, Integer loadedAttempt, BatchReceipt receipt) {
        return of(b, loadedAttempt, receipt, null, null);
    }

    /** @param specVersions the spec versions that made it (null: not asked, as the list does not) */
    static BatchView of(Batch b, Integer loadedAttempt, BatchReceipt receipt, BatchRepository.SpecVersions specVersions,
                        DiskFullWaits.Waiting diskWait) {
        return new BatchView(b.id(), b.sourceId(), b.fileName(), b.sizeBytes(), b.sha256(), b.transport().name(), b.receivedAt(),
                b.status().name(), b.waitingForDisk() ? WAITING_FOR_DISK_TEXT : b.status().chinese(), b.attempt(), loadedAttempt, b.encoding(),
                b.rowNumbering().name(), new Counts(b.rowsRead(), b.rowsAccepted(), b.rowsRejected(), b.rowsSkipped(), b.rowsWarned(),
                        b.skipReasons().entries().isEmpty() ? List.of() : b.skipReasons().accountingFor(b.rowsSkipped()).stream()
                                .map(e -> new SkippedBy(e.reason(), e.rows())).toList()),
                b.failureCode(), b.failureMessage(), b.duplicateOf(), b.updatedAt(), Receipt.countsNote(b),
                ReceiptView.of(receipt), specVersions == null ? null : specVersions.current(),
                specVersions == null ? null : specVersions.loaded(),
                b.fileWarnings().entries().stream().map(w -> new FileWarning(w.code(), w.column(), w.field(), w.message())).toList(),
                b.waitingForDisk(), DiskWait.of(diskWait));
    }
}
