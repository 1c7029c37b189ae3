package org.tracehub.platform.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statement that reads the newest (or oldest) events of several codes, at most a number of them in all. Up to
 * {@link #BRANCHED_UP_TO} codes, one branch per code, each reading its code's own entries of
 * {@code trace_event(trace_code, event_time)} in order and stopping at the limit, under one ORDER BY and FETCH: PostgreSQL
 * merges the branches (Merge Append) and stops when it has enough, so a level reads about {@code limit} events whatever
 * the codes' histories hold. {@code trace_code IN (:codes)} with an ORDER BY cannot read that index in order for more than
 * one code: it reads every event of every code, payload and joins included, before keeping the newest — a cylinder's whole
 * filling history on every scan of it joined to its certificate (5,001 rows, 71 ms cached). The operator and product
 * joins are made for the kept events only. Parameters by {@link #params}; a bound as {@code :bound}.
 *
 * <p>Wider levels do not branch: each branch costs the planner and the executor about a millisecond (measured on
 * PostgreSQL 15: 200 branches 120–470 ms to plan and 360 ms to run where the IN list took 16 ms for 200 codes of ten
 * events each). On PostgreSQL they read each code's entries the same way through a LATERAL join on the array of codes —
 * one plan node whatever their number, at most {@code limit} events per code — since a wide level may still hold a code
 * of thousands of events (a cylinder among a delivery's lots), which the IN list read whole. H2 keeps the IN list (it
 * has no LATERAL over an array that reads an index per element).
 */
final class CodesEventsSql {

    private static final String COLUMNS = "e.event_id, e.trace_code, e.category, e.step, e.event_time, e.operator_uscc, "
            + "e.operator_name, e.node_type, e.product_code, e.product_name, e.quantity, e.unit, e.origin, e.payload";

    /** The most codes read one branch each; see the class comment. */
    static final int BRANCHED_UP_TO = 10;

    private CodesEventsSql() {
    }

    /**
     * The events of {@code codes} codes with their registered operator and catalogued product, newest (or oldest) first, at
     * most {@code limit}; with {@code bounded}, none before (after) {@code :bound}; with {@code lateral} (PostgreSQL), a
     * level wider than {@link #BRANCHED_UP_TO} by a LATERAL join instead of the IN list.
     */
    static String events(int codes, boolean newestFirst, boolean bounded, int limit, boolean lateral) {
        String bound = !bounded ? "" : newestFirst ? " AND e.event_time >= :bound" : " AND e.event_time <= :bound";
        String order = order(newestFirst, "e.");
        String joins = " LEFT JOIN operator o ON o.uscc = e.operator_uscc LEFT JOIN product p ON p.code = e.product_code";
        String joined = "o.name AS registered_name, o.node_code AS registered_node_code, p.name AS catalog_name, p.gtin AS catalog_gtin";
        if (codes > BRANCHED_UP_TO && lateral) {
            return "SELECT e.*, " + joined + " FROM (" + firstOfEachLateral(bound, newestFirst, limit) + ") e" + joins
                    + " ORDER BY " + order;
        }
        if (codes > BRANCHED_UP_TO) {
            return "SELECT " + COLUMNS + ", " + joined + " FROM trace_event e" + joins + " WHERE e.trace_code IN (:codes)" + bound
                    + " ORDER BY " + order + " FETCH FIRST " + limit + " ROWS ONLY";
        }
        return "SELECT e.*, " + joined + " FROM (" + firstOfEach(codes, bound, newestFirst, limit) + ") e" + joins
                + " ORDER BY " + order;
    }

    /**
     * The times of the newest (or oldest) {@code limit} events of {@code :codes} (an IN list's worth): where a level wider
     * than one IN list finds its bound. With {@code lateral} (PostgreSQL), at most {@code limit} entries of each code.
     */
    static String times(boolean newestFirst, int limit, boolean lateral) {
        String fetch = " FETCH FIRST " + limit + " ROWS ONLY";
        String order = newestFirst ? " DESC" : " ASC";
        if (lateral) {
            return "SELECT u.event_time FROM unnest(CAST(ARRAY[:codes] AS VARCHAR[])) AS c(code) CROSS JOIN LATERAL (SELECT e.event_time "
                    + "FROM trace_event e WHERE e.trace_code = c.code ORDER BY e.event_time" + order + fetch + ") u "
                    + "ORDER BY u.event_time" + order + fetch;
        }
        return "SELECT e.event_time FROM trace_event e WHERE e.trace_code IN (:codes) ORDER BY e.event_time" + order + fetch;
    }

    /** {@code :codes} for an IN list, {@code :c0}, {@code :c1}… for a statement of one branch per code. */
    static Map<String, Object> params(List<String> codes) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (codes.size() > BRANCHED_UP_TO) {
            params.put("codes", codes);
            return params;
        }
        for (int i = 0; i < codes.size(); i++) {
            params.put("c" + i, codes.get(i));
        }
        return params;
    }

    private static String firstOfEach(int codes, String bound, boolean newestFirst, int limit) {
        String fetch = " FETCH FIRST " + limit + " ROWS ONLY";
        StringBuilder branches = new StringBuilder();
        for (int i = 0; i < codes; i++) {
            branches.append(i == 0 ? "(" : " UNION ALL (").append("SELECT ").append(COLUMNS)
                    .append(" FROM trace_event e WHERE e.trace_code = :c").append(i).append(bound)
                    .append(" ORDER BY ").append(order(newestFirst, "e.")).append(fetch).append(')');
        }
        return "SELECT * FROM (" + branches + ") u ORDER BY " + order(newestFirst, "u.") + fetch;
    }

    /** {@code :codes} as an array, each code's first {@code limit} entries by a LATERAL subquery, the level's first of them. */
    private static String firstOfEachLateral(String bound, boolean newestFirst, int limit) {
        String fetch = " FETCH FIRST " + limit + " ROWS ONLY";
        return "SELECT u.* FROM unnest(CAST(ARRAY[:codes] AS VARCHAR[])) AS c(code) CROSS JOIN LATERAL (SELECT " + COLUMNS
                + " FROM trace_event e WHERE e.trace_code = c.code" + bound + " ORDER BY " + order(newestFirst, "e.") + fetch
                + ") u ORDER BY " + order(newestFirst, "u.") + fetch;
    }

    private static String order(boolean newestFirst, String table) {
        String direction = newestFirst ? " DESC" : " ASC";
        return table + "event_time" + direction + ", " + table + "event_id" + direction;
    }
}
