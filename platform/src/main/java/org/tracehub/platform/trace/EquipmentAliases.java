package org.tracehub.platform.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tracehub.platform.sql.InLists;
import org.tracehub.platform.sql.JdbcBatches;
import org.tracehub.platform.trace.TraceEventStore.StoredEvent;

/**
 * The {@code trace_alias} table: one row per (alias, trace code) pair that some stored event declares (V11), so
 * a lift maintained twice a month writes its registration and 96333 codes once, not 24 times a year (bench/README.md,
 * finding 33). Each event keeps what it declares in its own row ({@code trace_event.aliases}); a pair goes only when
 * no remaining event of its trace code declares it. Run both calls inside the load's transaction, after the page's
 * event rows are written: {@link #release} reads the events that remain.
 */
final class EquipmentAliases {

    /** Between a stored event's aliases: a code is an {@code xs:token}, which holds no tab. */
    private static final String SEPARATOR = "\t";
    /** Through the primary key, alias first; package-visible for the query-plan test. */
    static final String HELD = "SELECT alias, trace_code FROM trace_alias WHERE alias IN (:aliases)";
    /** Through {@code ix_trace_event_code_time}: an equipment's history, its code first; package-visible for the query-plan test. */
    static final String DECLARED = "SELECT trace_code, aliases FROM trace_event WHERE trace_code IN (:codes) AND aliases IS NOT NULL";
    private static final String DELETE = "DELETE FROM trace_alias WHERE alias = ? AND trace_code = ?";

    /** An alias and the trace code whose history it finds. */
    record Pair(String alias, String traceCode) {
    }

    private final JdbcOperations operations;
    private final JdbcClient jdbc;

    EquipmentAliases(JdbcOperations operations, JdbcClient jdbc) {
        this.operations = operations;
        this.jdbc = jdbc;
    }

    /** The {@code trace_event.aliases} value of an event that declares {@code aliases}: NULL for none (goods). */
    static String column(Set<String> aliases) {
        return aliases.isEmpty() ? null : String.join(SEPARATOR, aliases);
    }

    /** The pairs a stored event declares, from its {@code trace_event.aliases} value. */
    static Set<Pair> pairsOf(String traceCode, String column) {
        Set<Pair> pairs = new LinkedHashSet<>();
        if (column != null && !column.isEmpty()) {
            for (String alias : column.split(SEPARATOR)) {
                pairs.add(new Pair(alias, traceCode));
            }
        }
        return pairs;
    }

    /** The pairs the stored events declare (every one of them is in {@code trace_alias}). */
    static Set<Pair> declaredBy(Collection<StoredEvent> stored) {
        Set<Pair> pairs = new LinkedHashSet<>();
        stored.forEach(s -> pairs.addAll(pairsOf(s.traceCode(), s.aliases())));
        return pairs;
    }

    /**
     * Adds the pairs {@code wanted} that the table does not hold yet. {@code held} are pairs known to be there (those
     * the page's stored versions declare), which need no look-up: a reprocessed batch reads and writes nothing here.
     */
    void declare(Set<Pair> wanted, Set<Pair> held) {
        Set<Pair> unknown = new LinkedHashSet<>(wanted);
        unknown.removeAll(held);
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> aliases = unknown.stream().map(Pair::alias).collect(Collectors.toCollection(LinkedHashSet::new));
        for (List<String> slice : InLists.slices(aliases, TraceEventStore.ID_SLICE)) {
            jdbc.sql(HELD).param("aliases", slice)
                    .query((rs, row) -> new Pair(rs.getString(1), rs.getString(2))).list().forEach(unknown::remove);
        }
        List<Object[]> rows = new ArrayList<>(unknown.size());
        unknown.forEach(p -> rows.add(new Object[] {p.alias(), p.traceCode()}));
        JdbcBatches.insert(operations, "trace_alias", List.of("alias", "trace_code"), rows);
    }

    /**
     * Removes the {@code candidates} (pairs some removed or changed event declared) that no event left in the store
     * declares. Another event of the same equipment keeps its pair: its history is still found by it.
     */
    void release(Set<Pair> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> codes = candidates.stream().map(Pair::traceCode).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<Pair> stillDeclared = new HashSet<>();
        for (List<String> slice : InLists.slices(codes, TraceEventStore.ID_SLICE)) {
            jdbc.sql(DECLARED).param("codes", slice).query(rs -> {
                stillDeclared.addAll(pairsOf(rs.getString(1), rs.getString(2)));
            });
        }
        List<Object[]> gone = new ArrayList<>();
        candidates.stream().filter(p -> !stillDeclared.contains(p)).forEach(p -> gone.add(new Object[] {p.alias(), p.traceCode()}));
        JdbcBatches.execute(operations, DELETE, gone);
    }
}
