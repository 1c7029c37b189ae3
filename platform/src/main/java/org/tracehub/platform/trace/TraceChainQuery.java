package org.tracehub.platform.trace;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Follows a trace code up its inputs (retail sale → wholesale lot → slaughter lot → live-pig lot)
 * and down to where it went, breadth first, cycle-safe, to a depth limit. A code no event is about
 * may be another identifier of a piece of equipment ({@code trace_alias}); its history is then the
 * chain (an identifier that several pieces of equipment declare — a 96333 code reissued to a new lift — gives no merged
 * history but each one's newest event, {@link TraceChain#candidates}). Each level of the walk costs two indexed queries, whatever the store's size: links by
 * {@code trace_link(trace_code, input_code)} going up or {@code (input_code, trace_code)} going
 * down, then the level's events by {@code trace_event(trace_code, event_time)} joined to
 * {@code operator} and {@code product} by primary key.
 */
@Service
public class TraceChainQuery {

    public static final int DEFAULT_MAX_DEPTH = 10;
    /** A slaughter lot may feed hundreds of sales; past this many events the walk stops and says so. */
    public static final int MAX_EVENTS = 500;
    /** Codes per IN list, so a wide level never becomes one huge statement. */
    private static final int IN_LIST = 200;

    private static final String EVENTS = "SELECT e.event_id, e.trace_code, e.category, e.step, e.event_time, e.operator_uscc, "
            + "e.operator_name, e.node_type, e.product_code, e.product_name, e.quantity, e.unit, e.origin, e.payload, "
            + "o.name AS registered_name, o.node_code AS registered_node_code, p.name AS catalog_name, p.gtin AS catalog_gtin "
            + "FROM trace_event e LEFT JOIN operator o ON o.uscc = e.operator_uscc LEFT JOIN product p ON p.code = e.product_code "
            + "WHERE e.trace_code IN (:codes)";
    private static final Set<String> EQUIPMENT_CATEGORIES = Set.of("ELEVATOR", "GAS_CYLINDER");

    private final JdbcClient jdbc;

    public TraceChainQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The code's events and the chain around them, at most {@link #MAX_EVENTS} events in all — also within one level
     * (a wholesale lot sold to ten thousand buyers has as many events under its own code, a slaughter lot may feed as
     * many sales): a consumer's scan never loads more, and the chain says it was cut short.
     */
    public TraceChain chain(String code, int maxDepth) {
        Found found = new Found();
        Set<String> own = new TreeSet<>(Set.of(code));
        boolean truncated = found.add(eventsOf(own, ChainEvent.Relation.SELF, 0, MAX_EVENTS + 1), MAX_EVENTS);
        if (found.events.isEmpty()) {
            own = aliasTargets(code);
            if (own.size() > 1) {
                return TraceChain.ambiguous(code, newestOfEach(own));
            }
            truncated = found.add(eventsOf(own, ChainEvent.Relation.SELF, 0, MAX_EVENTS + 1), MAX_EVENTS);
        }
        if (found.events.isEmpty()) {
            return TraceChain.notFound(code);
        }
        truncated |= walk(own, ChainEvent.Relation.UPSTREAM, maxDepth, found);
        truncated |= walk(own, ChainEvent.Relation.DOWNSTREAM, maxDepth, found);
        List<ChainEvent> ordered = new ArrayList<>(found.events.values());
        // the journey's order first, time within a level: a record that gives only its date (a market's 进货日期, read as
        // 00:00) came before the wholesaler's 02:10 sale it bought from, and a sender's clock may be off
        ordered.sort(Comparator.comparingInt(TraceChainQuery::journeyPosition).thenComparing(ChainEvent::time)
                .thenComparing(ChainEvent::eventId));
        TraceChain.Kind kind = ordered.stream().filter(e -> e.relation() == ChainEvent.Relation.SELF)
                .allMatch(e -> EQUIPMENT_CATEGORIES.contains(e.category())) ? TraceChain.Kind.EQUIPMENT : TraceChain.Kind.LOT;
        return new TraceChain(code, kind, List.copyOf(ordered), List.copyOf(found.gaps), truncated);
    }

    /** The newest event of each code, newest first: how the page tells apart the equipment an identifier names. */
    private List<ChainEvent> newestOfEach(Set<String> codes) {
        List<ChainEvent> newest = new ArrayList<>();
        for (String c : codes) {
            newest.addAll(events(List.of(c), null, ChainEvent.Relation.SELF, 0, 1));
        }
        newest.sort(Comparator.comparing((ChainEvent e) -> e.time().toInstant()).thenComparing(ChainEvent::eventId).reversed());
        return newest;
    }

    /** Where an event is on the way from the farm to the shop: the furthest upstream first, the code's own at 0. */
    private static int journeyPosition(ChainEvent e) {
        return switch (e.relation()) {
            case UPSTREAM -> -e.depth();
            case SELF -> 0;
            case DOWNSTREAM -> e.depth();
        };
    }

    /** Walks one direction level by level; true when the depth limit or the event cap cut it short. */
    private boolean walk(Set<String> start, ChainEvent.Relation direction, int maxDepth, Found found) {
        Set<String> visited = new HashSet<>(start);
        Set<String> frontier = start;
        for (int depth = 1; !frontier.isEmpty(); depth++) {
            Set<String> next = new TreeSet<>();
            for (String neighbour : linked(frontier, direction)) {
                if (visited.add(neighbour)) {
                    next.add(neighbour);
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            if (depth > maxDepth || found.full()) {
                return true;
            }
            int room = MAX_EVENTS - found.events.size();
            // one more than there is room for: a level that just fits is whole
            List<ChainEvent> level = eventsOf(next, direction, depth, room + 1);
            boolean cut = level.size() > room;
            // a level cut short has codes whose events were not read: they are not gaps
            if (direction == ChainEvent.Relation.UPSTREAM && !cut) {
                Set<String> reported = new HashSet<>();
                level.forEach(e -> reported.add(e.traceCode()));
                next.stream().filter(c -> !reported.contains(c)).forEach(found.gaps::add);
            }
            found.add(level, room);
            if (cut) {
                return true;
            }
            frontier = next;
        }
        return false;
    }

    /** Input codes of the frontier (going up) or the codes made from it (going down). */
    private List<String> linked(Collection<String> codes, ChainEvent.Relation direction) {
        String sql = direction == ChainEvent.Relation.UPSTREAM
                ? "SELECT DISTINCT input_code FROM trace_link WHERE trace_code IN (:codes)"
                : "SELECT DISTINCT trace_code FROM trace_link WHERE input_code IN (:codes)";
        List<String> linked = new ArrayList<>();
        for (List<String> part : parts(codes)) {
            linked.addAll(jdbc.sql(sql).param("codes", part).query(String.class).list());
        }
        return linked;
    }

    private Set<String> aliasTargets(String alias) {
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT trace_code FROM trace_alias WHERE alias = ?").param(alias)
                .query(String.class).list());
    }

    /**
     * The events of the codes, newest first, at most {@code limit} of them: a lift's latest maintenance and next
     * inspection, a lot's latest sales are what a cut-short chain must keep (the page orders them itself).
     */
    private List<ChainEvent> eventsOf(Collection<String> codes, ChainEvent.Relation relation, int depth, int limit) {
        List<List<String>> parts = parts(codes);
        if (parts.size() == 1) {
            return events(parts.get(0), null, relation, depth, limit);
        }
        // a level wider than one IN list: the newest across the whole level, not the newest of each slice — first
        // the times alone, to find the oldest time still among the newest, then the events from it on
        List<OffsetDateTime> times = new ArrayList<>();
        for (List<String> part : parts) {
            times.addAll(jdbc.sql("SELECT e.event_time FROM trace_event e WHERE e.trace_code IN (:codes) "
                            + "ORDER BY e.event_time DESC FETCH FIRST " + limit + " ROWS ONLY")
                    .param("codes", part).query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list());
        }
        times.sort(Comparator.reverseOrder());
        OffsetDateTime from = times.size() > limit ? times.get(limit - 1) : null;
        List<ChainEvent> events = new ArrayList<>();
        for (List<String> part : parts) {
            events.addAll(events(part, from, relation, depth, limit));
        }
        events.sort(Comparator.comparing((ChainEvent e) -> e.time().toInstant()).thenComparing(ChainEvent::eventId).reversed());
        return events.size() > limit ? List.copyOf(events.subList(0, limit)) : events;
    }

    /** The events of one IN list of codes, newest first, at most {@code limit}, none before {@code from} if given. */
    private List<ChainEvent> events(List<String> codes, OffsetDateTime from, ChainEvent.Relation relation, int depth, int limit) {
        return jdbc.sql(EVENTS + (from == null ? "" : " AND e.event_time >= :from")
                        + " ORDER BY e.event_time DESC, e.event_id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .param("codes", codes)
                .params(from == null ? Map.of() : Map.of("from", from))
                .query((rs, i) -> PublicEventView.of(new PublicEventView.StoredEvent(rs.getString("event_id"),
                                rs.getString("trace_code"), rs.getString("category"), rs.getString("step"),
                                rs.getObject("event_time", OffsetDateTime.class), rs.getString("operator_uscc"),
                                rs.getString("operator_name"), rs.getString("node_type"), rs.getString("product_code"),
                                rs.getString("product_name"), rs.getBigDecimal("quantity"), rs.getString("unit"),
                                rs.getString("origin"), rs.getString("registered_name"), rs.getString("registered_node_code"),
                                rs.getString("catalog_name"), rs.getString("catalog_gtin")),
                        EventPayloads.read(rs.getString("payload")), relation, depth))
                .list();
    }

    private static List<List<String>> parts(Collection<String> codes) {
        List<String> all = List.copyOf(codes);
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) {
            parts.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        }
        return parts;
    }

    /** The events found so far (the first relation found for an event wins: SELF, then UPSTREAM) and the gaps. */
    private static final class Found {
        final Map<String, ChainEvent> events = new LinkedHashMap<>();
        final List<String> gaps = new ArrayList<>();

        /**
         * Adds at most {@code limit} of what a read of up to {@code limit + 1} events found (the newest); true when there
         * were more.
         */
        boolean add(List<ChainEvent> found, int limit) {
            found.stream().limit(limit).forEach(e -> events.putIfAbsent(e.eventId(), e));
            return found.size() > limit;
        }

        boolean full() {
            return events.size() >= MAX_EVENTS;
        }
    }
}
