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
 * The rows a stored event owns in other tables: its links (the codes it was made from) and its aliases
 * (other identifiers of its equipment). Both are keyed by the event's trace code first (V8), so an
 * event's rows are found through its code and told apart by its event id. A record sent again, or a
 * batch reprocessed, mostly brings the rows the store already holds: those stay where they are, and
 * only an event whose rows changed has them removed and written again (bench/README.md, finding 31).
 */
enum EventRows {

    LINKS("trace_link", List.of("event_id", "trace_code", "input_code")) {
        @Override
        List<String> row(TraceEvent event, String inputCode) {
            return List.of(event.getEventId(), event.getTraceCode(), inputCode);
        }
    },
    ALIASES("trace_alias", List.of("event_id", "alias", "trace_code")) {
        @Override
        List<String> row(TraceEvent event, String alias) {
            return List.of(event.getEventId(), alias, event.getTraceCode());
        }
    };

    private static final int SLICE = TraceEventStore.ID_SLICE;

    private final String table;
    /** The event id first in both tables: {@link #heldBy} tells the rows' events apart by it. */
    private final List<String> columns;

    EventRows(String table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    /** One row of the event with its value (input code, alias), in the table's column order. */
    abstract List<String> row(TraceEvent event, String value);

    /** Adds the row to the rows the page wants, by event id; an event without rows has no entry. */
    void want(Map<String, Set<List<String>>> wanted, TraceEvent event, String value) {
        wanted.computeIfAbsent(event.getEventId(), id -> new LinkedHashSet<>()).add(row(event, value));
    }

    /** The read of the rows under some trace codes; package-visible for the query-plan test. */
    String selectByCodes() {
        return "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE trace_code IN (:codes)";
    }

    /**
     * Makes the store hold {@code wanted} (event id → its rows, each in column order) for the page's
     * events, whose earlier versions are {@code stored}: rows of a stored version that differ from what
     * its event wants now are removed, the wanted rows the store does not hold yet are inserted.
     */
    void replace(JdbcClient jdbc, JdbcOperations operations, List<StoredEvent> stored, Map<String, Set<List<String>>> wanted) {
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
        JdbcBatches.insert(operations, table, columns, missing);
    }

    /**
     * Removes every row of the stored events. The codes and ids are two {@code IN} lists, so a row of
     * another event under the same code stays: its id is not in the list.
     */
    void removeAll(JdbcClient jdbc, List<StoredEvent> stored) {
        for (List<StoredEvent> slice : InLists.slices(stored, SLICE)) {
            jdbc.sql("DELETE FROM " + table + " WHERE trace_code IN (:codes) AND event_id IN (:ids)")
                    .param("codes", slice.stream().map(StoredEvent::traceCode).distinct().toList())
                    .param("ids", slice.stream().map(StoredEvent::eventId).distinct().toList())
                    .update();
        }
    }

    /** The rows the store holds for the stored events, by event id; events without rows are absent. */
    private Map<String, Set<List<String>>> heldBy(JdbcClient jdbc, List<StoredEvent> stored) {
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
            jdbc.sql(selectByCodes()).param("codes", slice).query(rs -> {
                List<String> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
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
