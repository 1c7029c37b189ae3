package org.tracehub.platform.sql;

import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Writes many rows as JDBC batches of one single-row statement: the statement is parsed and planned once per batch,
 * and the driver sends its rows together, so a load of a million events takes minutes instead of an hour of
 * statements. Standard SQL, unchanged on H2 and PostgreSQL.
 * <p>Inserts are not multi-row {@code INSERT … VALUES (…), (…), …} statements, as the write paths used before: H2 parsed
 * such a statement of up to 500 rows again at every call (its statement cache per session holds 8, fewer than a chunk's
 * statements), about a tenth of the convert step (bench/README.md, finding 32). PostgreSQL's driver sends a batch of
 * inserts as multi-row inserts itself ({@code reWriteBatchedInserts}, which the postgres profile sets).
 */
public final class JdbcBatches {

    /** Rows per JDBC batch: a chunk's or a load page's rows go in one or two. */
    static final int BATCH_ROWS = 1_000;

    private JdbcBatches() {
    }

    /** Inserts {@code rows} into {@code table}, each row one value per column, in column order. */
    public static void insert(JdbcOperations jdbc, String table, List<String> columns, List<Object[]> rows) {
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(table + ": " + row.length + " values for " + columns.size() + " columns");
            }
        }
        execute(jdbc, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)", rows);
    }

    /** Runs {@code sql} once per row of {@code rows} (each the statement's parameters, in order), in batches. */
    public static void execute(JdbcOperations jdbc, String sql, List<Object[]> rows) {
        for (List<Object[]> batch : InLists.slices(rows, BATCH_ROWS)) {
            jdbc.batchUpdate(sql, batch);
        }
    }
}
