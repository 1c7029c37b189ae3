package org.tracehub.platform.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts many rows with one {@code INSERT … VALUES (…), (…), …} per slice instead of one statement
 * per row: the database parses, plans and round-trips once per slice, which is what makes a load of a
 * million events take seconds instead of an hour. Standard SQL, so it runs unchanged on H2 and
 * PostgreSQL; a slice stays far below PostgreSQL's 65,535 bind parameters.
 */
public final class MultiRowInsert {

    /** Rows per statement: large enough to amortise the statement, small enough to parse fast. */
    static final int MAX_ROWS = 500;
    static final int MAX_PARAMS = 20_000;

    private MultiRowInsert() {
    }

    /** Inserts {@code rows} (each one value per column, in column order); returns the rows inserted. */
    public static int insert(JdbcClient jdbc, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int perStatement = Math.max(1, Math.min(MAX_ROWS, MAX_PARAMS / columns.size()));
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder sql = new StringBuilder(head.length() + slice.size() * (tuple.length() + 2)).append(head);
            List<Object> params = new ArrayList<>(slice.size() * columns.size());
            for (int i = 0; i < slice.size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                sql.append(tuple);
                Object[] row = slice.get(i);
                if (row.length != columns.size()) {
                    throw new IllegalArgumentException(table + ": " + row.length + " values for " + columns.size() + " columns");
                }
                params.addAll(java.util.Arrays.asList(row));
            }
            inserted += jdbc.sql(sql.toString()).params(params).update();
        }
        return inserted;
    }

    /** Splits keys into slices for {@code IN (:keys)} lists of a bounded length. */
    public static <T> List<List<T>> slices(Collection<T> keys, int size) {
        List<T> all = keys instanceof List<T> list ? list : new ArrayList<>(keys);
        List<List<T>> result = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            result.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return result;
    }
}
