package org.tracehub.platform.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.JdbcBatches;
import org.tracehub.platform.sql.InLists;
import org.tracehub.platform.trace.TraceEventStore.StoredEvent;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * The links a stored event owns ({@code trace_link}: the codes it was made from), keyed by the event's trace code
 * first (V8), so an event's rows are found through its code and told apart by its event id. A record sent again, or
 * a batch reprocessed, mostly brings the links the store already holds: those stay where they are, and only an event
 * whose links changed has them removed and written again (bench/README.md, finding 31). Aliases were rows of an
 * event too until V11; they are the equipment's now ({@link EquipmentAliases}).
 */
final class EventLinks {

    private static final int SLICE = TraceEventStore.ID_SLICE;
    private static final String TABLE = "trace_link";
    /** The event id first: {@link #heldBy} tells the rows' events apart by it. */
    private static final List<String> COLUMNS = List.of("event_id", "trace_code", "input_code");
    /** The read of the rows under some trace codes; package-visible for the query-plan test. */
    static final String SELECT_BY_CODES = "SELECT " + String.join(", ", COLUMNS) + " FROM " + TABLE + " WHERE trace_code IN (:codes)";

    private EventLinks() {
    }

    /** Adds the event's link to {@code input} to the links the page wants, by event id; an event without inputs has no entry. */
    static void want(Map<String, Set<List<String>>> wanted, TraceEvent event, String input) {
        wanted.computeIfAbsent(event.getEventId(), id -> new LinkedHashSet<>()).add(List.of(event.getEventId(), event.getTraceCode(), input));
    }

    /**
     * Makes the store hold {@code wanted} (event id → its rows, each in column order) for the page's
     * events, whose earlier versions are {@code stored}: rows of a stored version that differ from what
     * its event wants now are removed, the wanted rows the store does not hold yet are inserted.
     */
    static void replace(JdbcClient jdbc, JdbcOperations operations, List<StoredEvent> stored, Map<String, Set<List<String>>> wanted) {
        Map<String, Set<List<String>>> held = heldBy(jdbc, stored);
        List<StoredEvent> changed = stored.stream()
                .filter(s -> held.containsKey(s.eventId()) && !held.get(s.eventId()).equals(wanted.getOrDefault(s.eventId(), Set.of())))
                .toList();
        removeAll(jdbc, changed);
        changed.forEach(s -> held.remove(s.eventId()));
        List<Object[]> missing = new ArrayList<>();
        wanted.forEach((eventId, rows) -> {
            Set<List<String>> kept = held.getOrDefault(eventId, Set.of());
            rows.stream().filter(row -> !kept.contains(row)).forEach(row -> missing.add(row.toArray()));
        });
        JdbcBatches.insert(operations, TABLE, COLUMNS, missing);
    }

    /**
     * Removes every row of the stored events. The codes and ids are two {@code IN} lists, so a row of
     * another event under the same code stays: its id is not in the list.
     */
    static void removeAll(JdbcClient jdbc, List<StoredEvent> stored) {
        for (List<StoredEvent> slice : InLists.slices(stored, SLICE)) {
            jdbc.sql("DELETE FROM " + TABLE + " WHERE trace_code IN (:codes) AND event_id IN (:ids)")
                    .param("codes", slice.stream().map(StoredEvent::traceCode).distinct().toList())
                    .param("ids", slice.stream().map(StoredEvent::eventId).distinct().toList())
                    .update();
        }
    }

    /** The rows the store holds for the stored events, by event id; events without rows are absent. */
    private static Map<String, Set<List<String>>> heldBy(JdbcClient jdbc, List<StoredEvent> stored) {
        Map<String, Set<List<String>>> held = new HashMap<>();
        if (stored.isEmpty()) {
            return held;
        }
        Set<String> ids = new HashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        stored.forEach(s -> {
            ids.add(s.eventId());
            codes.add(s.traceCode());
        });
        for (List<String> slice : InLists.slices(codes, SLICE)) {
            jdbc.sql(SELECT_BY_CODES).param("codes", slice).query(rs -> {
                List<String> row = new ArrayList<>(COLUMNS.size());
                for (int c = 1; c <= COLUMNS.size(); c++) {
                    row.add(rs.getString(c));
                }
                // the code may be another event's too; only the stored events' rows are theirs to replace
                if (ids.contains(row.get(0))) {
                    held.computeIfAbsent(row.get(0), id -> new LinkedHashSet<>()).add(List.copyOf(row));
                }
            });
        }
        return held;
    }
}
