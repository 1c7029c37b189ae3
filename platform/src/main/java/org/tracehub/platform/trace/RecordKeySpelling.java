package org.tracehub.platform.trace;

import java.util.List;

/**
 * A written row with the content of a stored event of the same source from another batch under another record key:
 * the same trace code, step, time (as an instant), operator, counterparty and quantity. The event id is the key's text,
 * so a key cell typed otherwise ({@code 07:05} for {@code 7:05}, a date in another format after a switch from CSV to
 * XLSX) makes a second event of one filling or sale, and a correction never replaces the original. The row is loaded; the
 * load says so on it.
 *
 * @param row            the loaded row
 * @param recordKey      its record key as stored ({@code EventIds.recordKey})
 * @param otherRecordKey the stored event's
 * @param otherBatchId   the batch whose row holds the stored event
 * @param otherRow       that batch's row
 */
public record RecordKeySpelling(long row, String recordKey, String otherRecordKey, String otherBatchId, long otherRow) {

    /** The row's key values as typed, in key order; empty for a key the store keeps as its event id. */
    public List<String> parts() {
        return RecordKeyParts.of(recordKey);
    }

    /** The stored event's key values as typed, in key order; empty for a key the store keeps as its event id. */
    public List<String> otherParts() {
        return RecordKeyParts.of(otherRecordKey);
    }
}
