package org.tracehub.platform.trace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Follows a trace code up its inputs (retail sale → wholesale lot → slaughter lot → live-pig lot)
 * and down to where it went, breadth first, cycle-safe, to a depth limit. Each step is one indexed
 * query per code ({@code trace_event(trace_code)}, {@code trace_link(trace_code)}, {@code trace_link(input_code)}).
 */
@Service
public class TraceChainQuery {

    public static final int DEFAULT_MAX_DEPTH = 10;

    private final JdbcClient jdbc;

    public TraceChainQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TraceChain chain(String code, int maxDepth) {
        Map<String, ChainEvent> events = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        boolean truncated = false;
        eventsOf(code, ChainEvent.Relation.SELF, 0).forEach(e -> events.putIfAbsent(e.eventId(), e));
        if (events.isEmpty()) {
            return new TraceChain(code, List.of(), List.of(), false);
        }
        truncated |= walk(code, ChainEvent.Relation.UPSTREAM, maxDepth, events, gaps);
        truncated |= walk(code, ChainEvent.Relation.DOWNSTREAM, maxDepth, events, gaps);
        List<ChainEvent> ordered = new ArrayList<>(events.values());
        ordered.sort(Comparator.comparing(ChainEvent::time).thenComparing(ChainEvent::eventId));
        return new TraceChain(code, List.copyOf(ordered), List.copyOf(gaps), truncated);
    }

    private boolean walk(String start, ChainEvent.Relation direction, int maxDepth, Map<String, ChainEvent> events, List<String> gaps) {
        Set<String> visited = new HashSet<>();
        visited.add(start);
        Deque<String> frontier = new ArrayDeque<>(List.of(start));
        for (int depth = 1; !frontier.isEmpty(); depth++) {
            Deque<String> next = new ArrayDeque<>();
            for (String code : frontier) {
                List<String> neighbours = direction == ChainEvent.Relation.UPSTREAM
                        ? jdbc.sql("SELECT DISTINCT input_code FROM trace_link WHERE trace_code = ? ORDER BY input_code").param(code).query(String.class).list()
                        : jdbc.sql("SELECT DISTINCT trace_code FROM trace_link WHERE input_code = ? ORDER BY trace_code").param(code).query(String.class).list();
                for (String n : neighbours) {
                    if (visited.add(n)) {
                        next.add(n);
                    }
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            if (depth > maxDepth) {
                return true;
            }
            for (String code : next) {
                List<ChainEvent> found = eventsOf(code, direction, depth);
                if (found.isEmpty() && direction == ChainEvent.Relation.UPSTREAM) {
                    gaps.add(code);
                }
                found.forEach(e -> events.putIfAbsent(e.eventId(), e));
            }
            frontier = next;
        }
        return false;
    }

    private List<ChainEvent> eventsOf(String code, ChainEvent.Relation relation, int depth) {
        return jdbc.sql("SELECT event_id, trace_code, category, step, event_time, operator_uscc, operator_name, node_type, "
                        + "product_code, product_name, quantity, unit, origin, payload FROM trace_event WHERE trace_code = ? "
                        + "ORDER BY event_time, event_id")
                .param(code)
                .query((rs, i) -> map(rs, relation, depth))
                .list();
    }

    private static ChainEvent map(ResultSet rs, ChainEvent.Relation relation, int depth) throws SQLException {
        TraceEvent full = StandardXml.fromXml(rs.getString("payload"));
        List<ChainEvent.Certificate> certificates = full.getCertificates() == null ? List.of()
                : full.getCertificates().getCertificate().stream()
                        .map(c -> new ChainEvent.Certificate(c.getType().name(), c.getNumber())).toList();
        List<String> inputs = full.getInputs() == null ? List.of() : List.copyOf(full.getInputs().getInput());
        return new ChainEvent(rs.getString("event_id"), rs.getString("trace_code"), rs.getString("category"),
                rs.getString("step"), rs.getObject("event_time", OffsetDateTime.class), rs.getString("operator_uscc"),
                rs.getString("operator_name"), rs.getString("node_type"), rs.getString("product_code"),
                rs.getString("product_name"), rs.getBigDecimal("quantity") == null ? null : rs.getBigDecimal("quantity").stripTrailingZeros(), rs.getString("unit"), rs.getString("origin"),
                certificates, inputs, relation, depth);
    }
}
