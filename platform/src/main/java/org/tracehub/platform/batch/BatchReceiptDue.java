package org.tracehub.platform.batch;

/** A batch whose receipt the redelivery sweep delivers again ({@link BatchRepository#findReceiptsDue}), and whose outbox it goes to. */
public record BatchReceiptDue(String batchId, String sourceId) {
}
