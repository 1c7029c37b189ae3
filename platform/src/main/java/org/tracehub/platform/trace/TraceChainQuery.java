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
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tracehub.platform.sql.DatabaseProduct;

/**
 * Follows a trace code up its inputs (retail sale → wholesale lot → slaughter lot → live-pig lot)
 * and down to where it went, breadth first, cycle-safe, to a depth limit. A code no event is about
 * may be another identifier of a piece of equipment ({@code trace_alias}); its history is then the
 * chain (an identifier that several pieces of equipment declare — a 96333 code reissued to a new lift — gives no merged
 * history but each one's newest event, {@link TraceChain#candidates}: at most {@link #MAX_CHOICES}, in two statements
 * however many share it). The stored codes a code typed in another letter case may mean are {@link #storedSpellings}. Each level of the walk costs two indexed queries, whatever the store's size: links by
 * {@code trace_link(trace_code, input_code)} going up or {@code (input_code, trace_code)} going
 * down, then the level's events by {@code trace_event(trace_code, event_time)} joined to
 * {@code operator} and {@code product} by primary key; a level of goods cut short at the code or above it, a third more,
 * its oldest events by the same index.
 */
@Service
public class TraceChainQuery {

    public static final int DEFAULT_MAX_DEPTH = 10;
    /** A slaughter lot may feed hundreds of sales; past this many events the walk stops and says so. */
    public static final int MAX_EVENTS = 500;
    /** Codes per IN list, so a wide level never becomes one huge statement. */
    private static final int IN_LIST = 200;
    /**
     * The events a level cut short leaves for each level above it (at most half the cap in all): a lot with more sales
     * than the cap still shows the lots it was made from.
     */
    static final int LEVEL_SHARE = 25;
    /**
     * Steps that send a lot on (a sale, a shipment): the many events of a busy lot. The others — how it was made, taken in
     * or tested — are read first when its level is cut short.
     */
    private static final Set<String> ONWARD_STEPS = Set.of("SHIP", "WHOLESALE", "RETAIL_SALE");

    private static final String EVENTS = "SELECT e.event_id, e.trace_code, e.category, e.step, e.event_time, e.operator_uscc, "
            + "e.operator_name, e.node_type, e.product_code, e.product_name, e.quantity, e.unit, e.origin, e.payload, "
            + "o.name AS registered_name, o.node_code AS registered_node_code, p.name AS catalog_name, p.gtin AS catalog_gtin "
            + "FROM trace_event e LEFT JOIN operator o ON o.uscc = e.operator_uscc LEFT JOIN product p ON p.code = e.product_code "
            + "WHERE e.trace_code IN (:codes)";
    /**
     * The most pieces of equipment (or codes differing in case) a choice offers: an identifier shared by many (one
     * registration certificate on a whole delivery of cylinders) costs the same two statements as one shared by two.
     */
    public static final int MAX_CHOICES = 20;
    /**
     * The identifiers the codes' events declare, one row per pair by {@code ix_trace_alias_code} (V31), index-only: a
     * cylinder filled thousands of times declares its two identifiers in each filling, but holds each pair once here.
     * Package-visible for the plan test, as are {@link #HAS_EVENTS} and {@link #DECLARERS}.
     */
    static final String DECLARED = "SELECT trace_code, alias FROM trace_alias WHERE trace_code IN (:codes)";
    /** Whether a code has events, from the first entry of {@code trace_event(trace_code, event_time)}: one branch per code. */
    static final String HAS_EVENTS = "SELECT trace_code, NULL FROM trace_event WHERE trace_code = :code FETCH FIRST 1 ROWS ONLY";
    /** The first two codes that declare an identifier, by {@code trace_alias}'s primary key: one branch of a statement. */
    static final String DECLARERS = "SELECT alias, trace_code FROM trace_alias WHERE alias = :alias ORDER BY trace_code FETCH FIRST 2 ROWS ONLY";
    private static final String ORDER_NEWEST = " ORDER BY e.event_time DESC, e.event_id DESC FETCH FIRST 1 ROWS ONLY";
    /**
     * The stored codes and equipment identifiers equal to {@code :code} but for letter case (V23): a stored form in upper
     * case by the code's own indexes, one with a lower-case letter by its folded form's index (H2: the generated column
     * {@code trace_code_folded}, an entry per event; PostgreSQL: a partial index on {@code UPPER(trace_code)}, matched by
     * the same predicate, read an entry per spelling).
     * Package-visible for the plan test.
     */
    static final String VARIANTS_H2 = variants("SELECT trace_code FROM trace_event WHERE trace_code_folded = UPPER(:code)",
            "SELECT alias FROM trace_alias WHERE alias_folded = UPPER(:code)");
    /**
     * On PostgreSQL each folded branch skips from one spelling to the next ({@link #distinctFolded}): its index holds an
     * entry per event (per declaring code for an identifier), and a cylinder filed under a code with a lower-case letter
     * read its 5,000 entries to name one spelling.
     */
    static final String VARIANTS_POSTGRESQL = "WITH RECURSIVE "
            + distinctFolded("codes", "trace_event", "trace_code") + ", " + distinctFolded("aliases", "trace_alias", "alias") + " "
            + variants("SELECT spelling FROM codes WHERE spelling IS NOT NULL", "SELECT spelling FROM aliases WHERE spelling IS NOT NULL");

    private final JdbcClient jdbc;
    private volatile Boolean postgres;

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
        List<String> up = linked(own, ChainEvent.Relation.UPSTREAM);
        Level self = level(own, ChainEvent.Relation.SELF, 0, MAX_EVENTS - reserve(up, maxDepth));
        boolean joined = false;
        if (self.events.isEmpty()) {
            own = aliasTargets(List.of(code));
            if (own.size() > 1) {
                // sources that file one piece under different codes, one declaring the other's: one history, no choice
                Set<String> piece = samePiece(Set.of(own.iterator().next()));
                if (!piece.containsAll(own)) {
                    return choice(code, own, maxDepth);
                }
                own = piece;
                joined = true;
            }
            up = own.isEmpty() ? List.of() : linked(own, ChainEvent.Relation.UPSTREAM);
            self = own.isEmpty() ? self : level(own, ChainEvent.Relation.SELF, 0, MAX_EVENTS - reserve(up, maxDepth));
        }
        if (self.events.isEmpty()) {
            return TraceChain.notFound(code);
        }
        if (!joined && self.events.stream().allMatch(e -> EquipmentCategories.contains(e.category()))) {
            Set<String> piece = samePiece(own);
            if (piece.size() > own.size()) {
                own = piece;
                up = linked(own, ChainEvent.Relation.UPSTREAM);
                self = level(own, ChainEvent.Relation.SELF, 0, MAX_EVENTS - reserve(up, maxDepth));
            }
        }
        found.add(self.events);
        boolean truncated = self.cut;
        truncated |= walk(own, up, ChainEvent.Relation.UPSTREAM, maxDepth, found);
        truncated |= walk(own, linked(own, ChainEvent.Relation.DOWNSTREAM), ChainEvent.Relation.DOWNSTREAM, maxDepth, found);
        List<ChainEvent> ordered = new ArrayList<>(found.events.values());
        // the journey's order first, time within a level: a record that gives only its date (a market's 进货日期, read as
        // 00:00) came before the wholesaler's 02:10 sale it bought from, and a sender's clock may be off
        ordered.sort(Comparator.comparingInt(TraceChainQuery::journeyPosition).thenComparing(ChainEvent::time)
                .thenComparing(ChainEvent::eventId));
        TraceChain.Kind kind = ordered.stream().filter(e -> e.relation() == ChainEvent.Relation.SELF)
                .allMatch(e -> EquipmentCategories.contains(e.category())) ? TraceChain.Kind.EQUIPMENT : TraceChain.Kind.LOT;
        return new TraceChain(code, kind, List.copyOf(ordered), List.copyOf(found.gaps), truncated);
    }

    /**
     * The stored codes and equipment identifiers equal to {@code code} but for letter case, the code itself among them
     * when it is stored so, in order: at most {@link #MAX_CHOICES} + 1. Names only, no chain: what a consumer may have
     * meant by a code nobody reported as typed, to be offered, never shown in its place (a label scanned before its
     * nightly load must not open another operator's lot). One statement, through indexes (V23).
     */
    public List<String> storedSpellings(String code) {
        return jdbc.sql(variantsSql()).param("code", code).query(String.class).list();
    }

    /**
     * What an identifier naming several codes offers to choose from: the newest event of each of the first
     * {@link #MAX_CHOICES} (by code), newest first; {@link TraceChain#truncated} when it names more. One statement.
     */
    private TraceChain choice(String code, Set<String> codes, int maxDepth) {
        List<String> shown = codes.stream().limit(MAX_CHOICES).toList();
        List<ChainEvent> newest = newestOfEach(shown);
        boolean more = codes.size() > MAX_CHOICES;
        if (newest.size() == 1 && !more) {
            // the other forms were identifiers of that same code
            return chain(newest.get(0).traceCode(), maxDepth);
        }
        if (newest.isEmpty()) {
            return TraceChain.notFound(code);
        }
        boolean equipment = newest.stream().allMatch(e -> EquipmentCategories.contains(e.category()));
        return TraceChain.ambiguous(code, equipment ? TraceChain.Kind.EQUIPMENT : TraceChain.Kind.LOT, newest, more);
    }

    /**
     * The newest event of each code, newest first: how the page tells apart the equipment an identifier names. One
     * statement for them all — a branch per code, each reading its code's newest event by
     * {@code trace_event(trace_code, event_time)} — not one per code.
     */
    private List<ChainEvent> newestOfEach(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            sql.append(i == 0 ? "(" : " UNION ALL (").append(EVENTS.replace(":codes", ":c" + i)).append(ORDER_NEWEST).append(')');
            params.put("c" + i, codes.get(i));
        }
        List<ChainEvent> newest = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
                .query((rs, i) -> event(rs, ChainEvent.Relation.SELF, 0)).list());
        newest.sort(Comparator.comparing((ChainEvent e) -> e.time().toInstant()).thenComparing(ChainEvent::eventId).reversed());
        return newest;
    }

    /**
     * The exact-match branches name one stored form at most, so each stops at its first index entry: the code's own index
     * holds one entry per event, and a cylinder's code typed in lower case would read its whole filling history to name it.
     */
    private static String variants(String codesFolded, String aliasesFolded) {
        return codesFolded
                + " UNION (SELECT trace_code FROM trace_event WHERE trace_code = UPPER(:code) FETCH FIRST 1 ROWS ONLY)"
                + " UNION " + aliasesFolded
                + " UNION (SELECT alias FROM trace_alias WHERE alias = UPPER(:code) FETCH FIRST 1 ROWS ONLY)"
                + " ORDER BY 1 FETCH FIRST " + (MAX_CHOICES + 1) + " ROWS ONLY";
    }

    /**
     * The distinct spellings of {@code column} with a lower-case letter that fold to {@code UPPER(:code)}, as the recursive
     * query {@code name(spelling, n)}: each step reads the first entry of the partial index on {@code (UPPER(column),
     * column)} (V23) after the spelling before it — one entry per spelling, at most {@link #MAX_CHOICES} + 1, however many
     * events share one (a loose index scan, which PostgreSQL's planner does not make by itself). A NULL row ends it.
     */
    private static String distinctFolded(String name, String table, String column) {
        String folded = "UPPER(t." + column + ") = UPPER(:code) AND t." + column + " <> UPPER(t." + column + ")";
        return name + "(spelling, n) AS ((SELECT t." + column + ", 1 FROM " + table + " t WHERE " + folded
                + " ORDER BY t." + column + " FETCH FIRST 1 ROWS ONLY) UNION ALL SELECT (SELECT t." + column + " FROM " + table
                + " t WHERE " + folded + " AND t." + column + " > s.spelling ORDER BY t." + column + " FETCH FIRST 1 ROWS ONLY), s.n + 1"
                + " FROM " + name + " s WHERE s.spelling IS NOT NULL AND s.n <= " + MAX_CHOICES + ")";
    }

    /** The look-up of {@link #storedSpellings} for the store's database. */
    private String variantsSql() {
        return onPostgres() ? VARIANTS_POSTGRESQL : VARIANTS_H2;
    }

    /** Whether the store is PostgreSQL, which only the first call asks. */
    private boolean onPostgres() {
        Boolean postgres = this.postgres;
        if (postgres == null) {
            postgres = "PostgreSQL".equalsIgnoreCase(DatabaseProduct.of(jdbc));
            this.postgres = postgres;
        }
        return postgres;
    }

    /** Where an event is on the way from the farm to the shop: the furthest upstream first, the code's own at 0. */
    private static int journeyPosition(ChainEvent e) {
        return switch (e.relation()) {
            case UPSTREAM -> -e.depth();
            case SELF -> 0;
            case DOWNSTREAM -> e.depth();
        };
    }

    /**
     * The events held back for the levels above one about to be read: {@link #LEVEL_SHARE} for each level the depth
     * limit allows, none when nothing is above it, at most half the cap.
     */
    private static int reserve(List<String> linkedAbove, int levelsLeft) {
        return linkedAbove.isEmpty() ? 0 : Math.min(Math.max(levelsLeft, 0) * LEVEL_SHARE, MAX_EVENTS / 2);
    }

    /**
     * Walks one direction level by level, from {@code start} whose linked codes are {@code linkedToStart}; true when the
     * depth limit or the event cap cut it short. Going up, a level cut short does not end the walk: the links are by
     * code, so the lots above it are still found (a slaughter lot with more sales than the cap still leads to its farm).
     * Going down, a level cut short ends it.
     */
    private boolean walk(Set<String> start, List<String> linkedToStart, ChainEvent.Relation direction, int maxDepth, Found found) {
        boolean upstream = direction == ChainEvent.Relation.UPSTREAM;
        Set<String> visited = new HashSet<>(start);
        List<String> linked = linkedToStart;
        boolean truncated = false;
        for (int depth = 1; ; depth++) {
            Set<String> next = new TreeSet<>();
            for (String neighbour : linked) {
                if (visited.add(neighbour)) {
                    next.add(neighbour);
                }
            }
            if (next.isEmpty()) {
                return truncated;
            }
            // going on past a level cut short, a level above wider than the cap could not show one event of each code
            if (depth > maxDepth || found.full() || (upstream && next.size() > MAX_EVENTS)) {
                return true;
            }
            int room = MAX_EVENTS - found.events.size();
            linked = linked(next, direction);
            Level level = level(next, direction, depth, upstream ? room - reserve(linked, maxDepth - depth) : room);
            // a level cut short has codes whose events were not read: they are not gaps
            if (upstream && !level.cut) {
                Set<String> reported = new HashSet<>();
                level.events.forEach(e -> reported.add(e.traceCode()));
                next.stream().filter(c -> !reported.contains(c)).forEach(found.gaps::add);
            }
            found.add(level.events);
            truncated |= level.cut;
            if (level.cut && !upstream) {
                return true;
            }
        }
    }

    /**
     * At most {@code limit} events of a level, and whether it had more. A level cut short keeps, on the code's own level
     * and above, the records of how its lots came to be (a slaughter, a plant's production with its checks, a receipt:
     * every step but {@link #ONWARD_STEPS}) among its oldest events, then the newest; equipment and the levels below keep
     * the newest (a lift's latest records and next inspection, a lot's latest sales).
     */
    private Level level(Collection<String> codes, ChainEvent.Relation relation, int depth, int limit) {
        // one more than there is room for: a level that just fits is whole
        List<ChainEvent> newest = eventsOf(codes, relation, depth, limit + 1, true);
        if (newest.size() <= limit) {
            return new Level(newest, false);
        }
        Map<String, ChainEvent> kept = new LinkedHashMap<>();
        boolean goods = newest.stream().anyMatch(e -> !EquipmentCategories.contains(e.category()));
        if (relation != ChainEvent.Relation.DOWNSTREAM && goods) {
            // a lot is made before it is sold: its making is among its oldest events, which an index reads first
            for (ChainEvent e : eventsOf(codes, relation, depth, Math.max(limit / 2, 1), false)) {
                if (!ONWARD_STEPS.contains(e.step())) {
                    kept.putIfAbsent(e.eventId(), e);
                }
            }
        }
        for (ChainEvent e : newest) {
            if (kept.size() >= limit) {
                break;
            }
            kept.putIfAbsent(e.eventId(), e);
        }
        return new Level(List.copyOf(kept.values()), true);
    }

    private record Level(List<ChainEvent> events, boolean cut) {
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

    /**
     * The codes of the equipment the identifiers name, in code order: at most one more than {@link #MAX_CHOICES}, read
     * from the primary key {@code (alias, trace_code)} in its order, however many share an identifier.
     */
    private Set<String> aliasTargets(List<String> aliases) {
        String first = " ORDER BY trace_code FETCH FIRST " + (MAX_CHOICES + 1) + " ROWS ONLY";
        // one identifier: a pair is unique, so no DISTINCT, which would read every pair before the first rows
        return new TreeSet<>((aliases.size() == 1
                ? jdbc.sql("SELECT trace_code FROM trace_alias WHERE alias = :alias" + first).param("alias", aliases.get(0))
                : jdbc.sql("SELECT DISTINCT trace_code FROM trace_alias WHERE alias IN (:aliases)" + first).param("aliases", aliases))
                .query(String.class).list());
    }

    /**
     * The codes one piece of equipment is filed under, from {@code codes}: maintainer A files a lift under its 注册代码
     * declaring its 设备代码, the inspector files it under the 设备代码, and each half of its history is the lift's.
     * An identifier joins two codes only where it is one of them — a code events are filed under, declared by an event
     * of the other — and only while a single code declares it: an identifier several codes declare (a 96333 code
     * reissued to a new lift, one registration certificate on a delivery of cylinders) names no one piece, and joins
     * nothing. Round by round from the codes newly reached, at most {@link #MAX_CHOICES} codes and rounds: two
     * statements a round, each through an index and independent of how many events the codes have (the codes' declared
     * identifiers by {@code trace_alias(trace_code, alias)} and whether each has events by the first entry of
     * {@code trace_event(trace_code, event_time)}; at most two declaring codes per identifier by {@code trace_alias}'s
     * primary key), and one more to find that the last identifiers reached are no codes of their own — three for a lift
     * that only one source files. The codes that have events, in order, with {@code codes}.
     */
    private Set<String> samePiece(Set<String> codes) {
        Set<String> piece = new TreeSet<>(codes);
        Set<String> checked = new HashSet<>();
        Set<String> asked = new HashSet<>();
        Set<String> frontier = new TreeSet<>(codes);
        for (int round = 0; round < MAX_CHOICES && !frontier.isEmpty(); round++) {
            checked.addAll(frontier);
            Map<String, Set<String>> declared = declared(frontier);
            Set<String> identifiers = new TreeSet<>();
            for (Map.Entry<String, Set<String>> code : declared.entrySet()) {
                if (piece.size() >= MAX_CHOICES && !piece.contains(code.getKey())) {
                    continue;
                }
                piece.add(code.getKey());
                identifiers.add(code.getKey());
                identifiers.addAll(code.getValue());
            }
            identifiers.removeAll(asked);
            asked.addAll(identifiers);
            frontier = new TreeSet<>();
            for (Map.Entry<String, List<String>> identifier : declarers(identifiers).entrySet()) {
                if (identifier.getValue().size() == 1) {
                    // the identifier and the one code declaring it: one of them is in the piece already
                    frontier.add(identifier.getKey());
                    frontier.add(identifier.getValue().get(0));
                }
            }
            frontier.removeAll(checked);
        }
        return piece;
    }

    /**
     * The codes among {@code codes} that have events, each with the identifiers its events declare. One statement per
     * {@code IN} list: the declared pairs from {@code trace_alias} (every pair a stored event declares is there, V11),
     * and a branch per code for whether it has events (an equipment code that declares nothing, an identifier that is
     * no code of its own) — an index entry or two a code, however many events it has.
     */
    private Map<String, Set<String>> declared(Collection<String> codes) {
        Map<String, Set<String>> declared = new TreeMap<>();
        for (List<String> part : parts(codes)) {
            jdbc.sql(declaredSql(part.size())).params(declaredParams(part)).query(rs -> {
                Set<String> identifiers = declared.computeIfAbsent(rs.getString(1), k -> new TreeSet<>());
                String alias = rs.getString(2);
                if (alias != null) {
                    identifiers.add(alias);
                }
            });
        }
        return declared;
    }

    /** The statement of {@link #declared} for {@code codes} codes: {@code :codes} and {@code :c0}, {@code :c1}… Package-visible for the plan test. */
    static String declaredSql(int codes) {
        StringBuilder sql = new StringBuilder("(").append(DECLARED).append(')');
        for (int i = 0; i < codes; i++) {
            sql.append(" UNION ALL (").append(HAS_EVENTS.replace(":code", ":c" + i)).append(')');
        }
        return sql.toString();
    }

    static Map<String, Object> declaredParams(List<String> codes) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("codes", codes);
        for (int i = 0; i < codes.size(); i++) {
            params.put("c" + i, codes.get(i));
        }
        return params;
    }

    /**
     * The codes that declare each identifier, at most two each (enough to tell one from several): one statement, a
     * branch per identifier reading {@code trace_alias}'s primary key from the identifier on. An identifier no code
     * declares is absent.
     */
    private Map<String, List<String>> declarers(Set<String> identifiers) {
        Map<String, List<String>> declaring = new LinkedHashMap<>();
        List<String> all = identifiers.stream().limit(MAX_CHOICES).toList();
        if (all.isEmpty()) {
            return declaring;
        }
        StringBuilder sql = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            sql.append(i == 0 ? "(" : " UNION ALL (").append(DECLARERS.replace(":alias", ":a" + i)).append(')');
            params.put("a" + i, all.get(i));
        }
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            declaring.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return declaring;
    }

    /**
     * The events of the codes, newest (or oldest) first, at most {@code limit} of them: a lift's latest maintenance and
     * next inspection, a lot's latest sales are what a cut-short chain must keep, and a lot's oldest events how it was
     * made (the page orders them itself).
     */
    private List<ChainEvent> eventsOf(Collection<String> codes, ChainEvent.Relation relation, int depth, int limit,
                                      boolean newestFirst) {
        List<List<String>> parts = parts(codes);
        if (parts.size() == 1) {
            return events(parts.get(0), null, newestFirst, relation, depth, limit);
        }
        // a level wider than one IN list: the newest across the whole level, not the newest of each slice — first
        // the times alone, to find the oldest time still among the newest, then the events from it on
        List<OffsetDateTime> times = new ArrayList<>();
        for (List<String> part : parts) {
            times.addAll(jdbc.sql(CodesEventsSql.times(newestFirst, limit, onPostgres()))
                    .param("codes", part).query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list());
        }
        Comparator<OffsetDateTime> timeOrder = newestFirst ? Comparator.reverseOrder() : Comparator.naturalOrder();
        times.sort(timeOrder);
        OffsetDateTime bound = times.size() > limit ? times.get(limit - 1) : null;
        List<ChainEvent> events = new ArrayList<>();
        for (List<String> part : parts) {
            events.addAll(events(part, bound, newestFirst, relation, depth, limit));
        }
        Comparator<ChainEvent> eventOrder = Comparator.comparing((ChainEvent e) -> e.time().toInstant()).thenComparing(ChainEvent::eventId);
        events.sort(newestFirst ? eventOrder.reversed() : eventOrder);
        return events.size() > limit ? List.copyOf(events.subList(0, limit)) : events;
    }

    /**
     * The events of one IN list of codes, newest (or oldest) first, at most {@code limit}, none before (after)
     * {@code bound} if given.
     */
    private List<ChainEvent> events(List<String> codes, OffsetDateTime bound, boolean newestFirst, ChainEvent.Relation relation,
                                    int depth, int limit) {
        // the database is asked only for a level that does not branch: a narrow one costs the same statements on both
        boolean lateral = codes.size() > CodesEventsSql.BRANCHED_UP_TO && onPostgres();
        return jdbc.sql(CodesEventsSql.events(codes.size(), newestFirst, bound != null, limit, lateral))
                .params(CodesEventsSql.params(codes))
                .params(bound == null ? Map.of() : Map.of("bound", bound))
                .query((rs, i) -> event(rs, relation, depth))
                .list();
    }

    private static ChainEvent event(java.sql.ResultSet rs, ChainEvent.Relation relation, int depth) throws java.sql.SQLException {
        return PublicEventView.of(new PublicEventView.StoredEvent(rs.getString("event_id"),
                        rs.getString("trace_code"), rs.getString("category"), rs.getString("step"),
                        rs.getObject("event_time", OffsetDateTime.class), rs.getString("operator_uscc"),
                        rs.getString("operator_name"), rs.getString("node_type"), rs.getString("product_code"),
                        rs.getString("product_name"), rs.getBigDecimal("quantity"), rs.getString("unit"),
                        rs.getString("origin"), rs.getString("registered_name"), rs.getString("registered_node_code"),
                        rs.getString("catalog_name"), rs.getString("catalog_gtin")),
                EventPayloads.read(rs.getString("payload")), relation, depth);
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

        void add(List<ChainEvent> found) {
            found.forEach(e -> events.putIfAbsent(e.eventId(), e));
        }

        boolean full() {
            return events.size() >= MAX_EVENTS;
        }
    }
}
