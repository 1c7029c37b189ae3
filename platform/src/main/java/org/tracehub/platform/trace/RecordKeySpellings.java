package org.tracehub.platform.trace;

import jakarta.xml.bind.Unmarshaller;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InLists;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * Finds the written rows of a page that repeat a stored event of the same source under another record key
 * ({@link RecordKeySpelling}). The key is the cells' text as written and the event id its hash, which stores already
 * deployed keep and publish, so the two cannot be made one; the load can only say so.
 *
 * <p>Cheap per page: one query per {@link TraceEventStore#ID_SLICE} rows, each row's (trace code, time) looked up in
 * the trace query's index {@code ix_trace_event_code_time} as a pair (H2 and PostgreSQL both use the index for a row
 * value {@code IN} list), so a cylinder filled thousands of times costs one index probe a row, not a walk of its history.
 * What comes back is only the source's events with the row's code and instant, payload included (H2 reads a row whole
 * whatever the columns selected, so a second query for it cost as much again); the counterparty, kept only in the
 * payload, is parsed for those that match on every column besides.
 * Stored events of the batch being loaded are left out: an earlier attempt's (a reprocess) goes when this one is loaded,
 * and rows of one file are the sender's own records, each told apart by the key the sender gave it.
 */
final class RecordKeySpellings {

    /** The pairs first: {@code ix_trace_event_code_time} is {@code (trace_code, event_time)}. */
    static final String SAME_CODE_AND_TIME = "SELECT event_id, record_key, trace_code, event_time, step, operator_uscc, operator_name, "
            + "quantity, unit, batch_id, row_no, payload FROM trace_event "
            + "WHERE (trace_code, event_time) IN (:codeTimes) AND source_id = :source AND batch_id <> :batch";

    private final JdbcClient jdbc;

    RecordKeySpellings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Stored(String eventId, String recordKey, String traceCode, Instant time, String step, String operatorUscc,
                          String operatorName, BigDecimal quantity, String unit, String batchId, long row, String payload) {
    }

    private record CodeTime(String traceCode, Instant time) {
    }

    /** The written events of a page (one source's, loaded into {@code batchId}) that repeat another batch's, in row order. */
    List<RecordKeySpelling> of(Collection<TraceEventStore.LoadedEvent> written, String batchId) {
        if (written.isEmpty()) {
            return List.of();
        }
        String source = written.iterator().next().sourceId();
        Map<CodeTime, List<Stored>> stored = new HashMap<>();
        Map<CodeTime, OffsetDateTime> pairs = new LinkedHashMap<>();
        for (TraceEventStore.LoadedEvent loaded : written) {
            TraceEvent e = loaded.event();
            pairs.putIfAbsent(new CodeTime(e.getTraceCode(), e.getTime().toInstant()), e.getTime());
        }
        for (List<Map.Entry<CodeTime, OffsetDateTime>> slice : InLists.slices(List.copyOf(pairs.entrySet()), TraceEventStore.ID_SLICE)) {
            List<Object[]> codeTimes = slice.stream().map(p -> new Object[] {p.getKey().traceCode(), p.getValue()}).toList();
            jdbc.sql(SAME_CODE_AND_TIME).param("codeTimes", codeTimes).param("source", source).param("batch", batchId)
                    .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getString(12)))
                    .list()
                    .forEach(s -> stored.computeIfAbsent(new CodeTime(s.traceCode(), s.time()), k -> new ArrayList<>()).add(s));
        }
        if (stored.isEmpty()) {
            return List.of();
        }
        Map<TraceEventStore.LoadedEvent, List<Stored>> alike = new LinkedHashMap<>();
        for (TraceEventStore.LoadedEvent loaded : written) {
            TraceEvent e = loaded.event();
            List<Stored> candidates = stored.getOrDefault(new CodeTime(e.getTraceCode(), e.getTime().toInstant()), List.of()).stream()
                    .filter(s -> !s.recordKey().equals(loaded.storeKey()) && !s.eventId().equals(e.getEventId()))
                    .filter(s -> sameColumns(e, s))
                    .sorted(Comparator.comparing(Stored::batchId).thenComparingLong(Stored::row))
                    .toList();
            if (!candidates.isEmpty()) {
                alike.put(loaded, candidates);
            }
        }
        if (alike.isEmpty()) {
            return List.of();
        }
        Unmarshaller unmarshaller = EventPayloads.unmarshaller();
        List<RecordKeySpelling> found = new ArrayList<>();
        alike.forEach((loaded, candidates) -> candidates.stream()
                .filter(s -> sameParty(loaded.event().getCounterparty(), EventPayloads.read(unmarshaller, s.payload()).getCounterparty()))
                .findFirst()
                .ifPresent(s -> found.add(new RecordKeySpelling(loaded.row(), loaded.storeKey(), s.recordKey(), s.batchId(), s.row()))));
        found.sort(Comparator.comparingLong(RecordKeySpelling::row));
        return found;
    }

    private static boolean sameColumns(TraceEvent e, Stored s) {
        Party operator = e.getOperator();
        Quantity quantity = e.getQuantity();
        return e.getStep().name().equals(s.step())
                && Objects.equals(operator == null ? null : operator.getUscc(), s.operatorUscc())
                && Objects.equals(operator == null ? null : operator.getName(), s.operatorName())
                && Objects.equals(quantity == null ? null : quantity.getUnit(), s.unit())
                && (quantity == null || quantity.getValue() == null ? s.quantity() == null
                        : s.quantity() != null && quantity.getValue().compareTo(s.quantity()) == 0);
    }

    private static boolean sameParty(Party loaded, Party stored) {
        return Objects.equals(loaded == null ? null : loaded.getUscc(), stored == null ? null : stored.getUscc())
                && Objects.equals(loaded == null ? null : loaded.getName(), stored == null ? null : stored.getName());
    }
}
