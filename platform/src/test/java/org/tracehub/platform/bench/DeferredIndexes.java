package org.tracehub.platform.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The primary keys and secondary indexes of the trace tables, dropped before the benchmark's bulk
 * load and built again afterwards: H2 then appends rows and sorts each index once, instead of
 * rewriting random B-tree pages (event ids are hashes) on every commit. The definitions are read
 * from the database Flyway migrated, not written here, re-created under the same names (adding a
 * primary key back checks every row for uniqueness) and compared again after the rebuild, so the
 * database queried is exactly the production schema.
 */
final class DeferredIndexes {

    private static final List<String> TABLES = List.of("TRACE_EVENT", "TRACE_LINK", "TRACE_ALIAS");

    private final Map<String, String> definitions;

    private DeferredIndexes(Map<String, String> definitions) {
        this.definitions = definitions;
    }

    /** Reads the primary keys and the plain (non-unique) indexes of the trace tables. */
    static DeferredIndexes read(Connection c) throws SQLException {
        return new DeferredIndexes(definitions(c));
    }

    Map<String, String> definitions() {
        return definitions;
    }

    void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> index : definitions.entrySet()) {
                String[] parts = index.getValue().split(" ");
                s.execute(index.getValue().contains("PRIMARY KEY")
                        ? "ALTER TABLE " + parts[2] + " DROP CONSTRAINT " + index.getKey()
                        : "DROP INDEX " + index.getKey());
            }
        }
        c.commit();
    }

    /** Builds every index again and checks the result is the schema it started from. */
    void build(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> index : definitions.entrySet()) {
                long start = System.nanoTime();
                s.execute(index.getValue());
                c.commit();
                System.out.printf("  built %s in %.0f s: %s%n", index.getKey(), (System.nanoTime() - start) / 1e9, index.getValue());
            }
        }
        Map<String, String> now = definitions(c);
        if (!now.equals(definitions)) {
            throw new IllegalStateException("indexes after the load differ from the migrated schema: " + now + " vs " + definitions);
        }
    }

    private static Map<String, String> definitions(Connection c) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT i.INDEX_NAME, i.TABLE_NAME, ic.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEXES i "
                + "JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME "
                + "WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.INDEX_TYPE_NAME = 'INDEX' AND i.TABLE_NAME = ? ORDER BY i.INDEX_NAME, ic.ORDINAL_POSITION")) {
            for (String table : TABLES) {
                p.setString(1, table);
                Map<String, List<String>> columns = new TreeMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(3));
                    }
                }
                columns.forEach((name, cols) -> result.put(name, "CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", cols) + ")"));
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT tc.CONSTRAINT_NAME, k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc "
                + "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                + "WHERE tc.TABLE_SCHEMA = 'PUBLIC' AND tc.CONSTRAINT_TYPE = 'PRIMARY KEY' AND tc.TABLE_NAME = ? ORDER BY k.ORDINAL_POSITION")) {
            for (String table : TABLES) {
                p.setString(1, table);
                String name = null;
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        name = rs.getString(1);
                        cols.add(rs.getString(2));
                    }
                }
                if (name != null) {
                    // "ALTER TABLE <table> ADD CONSTRAINT": drop() reads the table name from the third word
                    result.put(name, "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " PRIMARY KEY (" + String.join(", ", cols) + ")");
                }
            }
        }
        return result;
    }
}
