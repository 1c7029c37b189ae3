package org.tracehub.platform.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements that read the newest (or oldest) events of several codes, at most a number of them in all. One branch per
 * code, each reading its code's own entries of {@code trace_event(trace_code, event_time)} in order and stopping at the
 * limit, under one ORDER BY and FETCH: PostgreSQL merges the branches (Merge Append) and stops when it has enough, so a
 * level reads about {@code limit} events whatever the codes' histories hold. {@code trace_code IN (:codes)} with an ORDER BY
 * could not read that index in order for more than one code: it read every event of every code, payload and joins
 * included, before keeping the newest — a cylinder's whole filling history on every scan of it joined to its certificate.
 * The operator and product joins are made for the kept events only. Codes go as {@code :c0}, {@code :c1}…
 * ({@link #params}); a bound as {@code :bound}.
 */
final class CodesEventsSql {

    private static final String COLUMNS = "e.event_id, e.trace_code, e.category, e.step, e.event_time, e.operator_uscc, "
            + "e.operator_name, e.node_type, e.product_code, e.product_name, e.quantity, e.unit, e.origin, e.payload";

    private CodesEventsSql() {
    }

    /**
     * The events of {@code codes} codes with their registered operator and catalogued product, newest (or oldest) first, at
     * most {@code limit}; with {@code bounded}, none before (after) {@code :bound}.
     */
    static String events(int codes, boolean newestFirst, boolean bounded, int limit) {
        String bound = !bounded ? "" : newestFirst ? " AND e.event_time >= :bound" : " AND e.event_time <= :bound";
        String order = order(newestFirst, "e.");
        return "SELECT e.*, o.name AS registered_name, o.node_code AS registered_node_code, p.name AS catalog_name, "
                + "p.gtin AS catalog_gtin FROM (" + firstOfEach(codes, COLUMNS, bound, newestFirst, limit) + ") e "
                + "LEFT JOIN operator o ON o.uscc = e.operator_uscc LEFT JOIN product p ON p.code = e.product_code"
                + " ORDER BY " + order;
    }

    /** The times alone of the newest (or oldest) {@code limit} events of {@code codes} codes, from the index alone. */
    static String times(int codes, boolean newestFirst, int limit) {
        return firstOfEach(codes, "e.event_time", "", newestFirst, limit);
    }

    static Map<String, Object> params(List<String> codes) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            params.put("c" + i, codes.get(i));
        }
        return params;
    }

    private static String firstOfEach(int codes, String columns, String bound, boolean newestFirst, int limit) {
        boolean withId = columns.contains("e.event_id");
        String fetch = " FETCH FIRST " + limit + " ROWS ONLY";
        StringBuilder branches = new StringBuilder();
        for (int i = 0; i < codes; i++) {
            branches.append(i == 0 ? "(" : " UNION ALL (").append("SELECT ").append(columns)
                    .append(" FROM trace_event e WHERE e.trace_code = :c").append(i).append(bound)
                    .append(" ORDER BY ").append(withId ? order(newestFirst, "e.") : time(newestFirst, "e.")).append(fetch).append(')');
        }
        return "SELECT * FROM (" + branches + ") u ORDER BY "
                + (withId ? order(newestFirst, "u.") : time(newestFirst, "u.")) + fetch;
    }

    private static String order(boolean newestFirst, String table) {
        String direction = newestFirst ? " DESC" : " ASC";
        return table + "event_time" + direction + ", " + table + "event_id" + direction;
    }

    private static String time(boolean newestFirst, String table) {
        return table + "event_time" + (newestFirst ? " DESC" : " ASC");
    }
}
