package org.tracehub.platform.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A row of a page whose record key a stored event of the same source holds from another kind of file: another step (a
 * harvest register and a test report both keyed by the lot number). The id is a function of the source and the key
 * alone, and deployed stores are keyed by it, so the two cannot be told apart by the key: loading the row would replace
 * the other record unsaid. The load refuses the row instead and names the record it would have replaced. A stored event
 * of the same batch (an earlier attempt, or an earlier page of this one) is the same file's record, never a conflict.
 *
 * @param row        the refused row
 * @param recordKey  the record key as stored ({@code EventIds.recordKey}): the natural key's values, or the event id
 * @param traceCode  the refused row's trace code, named instead of a key the store keeps only as its event id
 * @param step       the refused row's step
 * @param batchId    the batch whose row holds the record
 * @param otherRow   that batch's row
 * @param otherStep  that record's step
 */
public record KeyConflict(long row, String recordKey, String traceCode, String step, String batchId, long otherRow,
                          String otherStep) {

    static boolean between(TraceEventStore.LoadedEvent loaded, TraceEventStore.StoredEvent before, String batchId) {
        return !batchId.equals(before.batchId()) && before.step() != null
                && !before.step().equals(loaded.event().getStep().name());
    }

    /**
     * The conflicts of a page on every row of their records: a record the page has twice was refused on each row (the
     * last row is the one found, the earlier ones replaced nothing), in row order.
     */
    static List<KeyConflict> onEveryRow(List<TraceEventStore.LoadedEvent> page, Map<List<String>, KeyConflict> byKey) {
        if (byKey.isEmpty()) {
            return List.of();
        }
        List<KeyConflict> all = new ArrayList<>();
        for (TraceEventStore.LoadedEvent e : page) {
            KeyConflict found = byKey.get(List.of(e.sourceId(), e.storeKey()));
            if (found != null) {
                all.add(e.row() == found.row() ? found : new KeyConflict(e.row(), found.recordKey(), e.event().getTraceCode(),
                        e.event().getStep().name(), found.batchId(), found.otherRow(), found.otherStep()));
            }
        }
        all.sort(Comparator.comparingLong(KeyConflict::row));
        return all;
    }

    /**
     * The natural key as the clerk typed it ({@code CMV2611260001}, or {@code XJ0002 / XJM2611270001} for a key of two
     * columns), or the trace code when the store keeps the key as its event id (a key longer than the store indexes).
     */
    public String keyText() {
        List<String> parts = RecordKeyParts.of(recordKey);
        return parts.isEmpty() ? traceCode : String.join(" / ", parts);
    }
}
