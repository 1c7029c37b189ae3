package org.tracehub.platform.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Bulk insert for the benchmark load: rows are buffered and written as multi-row
 * {@code INSERT … VALUES (…), (…), …} statements, prepared once, sent in JDBC batches. One
 * round trip then carries thousands of rows instead of one, which is what makes loading ten
 * million events take minutes instead of hours.
 */
final class MultiRowInsert implements AutoCloseable {

    private final Connection connection;
    private final String head;
    private final String rowPlaceholders;
    private final int columns;
    private final int rowsPerStatement;
    private final int statementsPerBatch;
    private final PreparedStatement full;
    private final Object[] buffer;
    private int buffered;
    private int batched;
    private long rows;

    MultiRowInsert(Connection connection, String table, String columnList, int rowsPerStatement, int statementsPerBatch)
            throws SQLException {
        this.connection = connection;
        this.columns = columnList.split(",").length;
        this.head = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
        this.rowPlaceholders = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        this.rowsPerStatement = rowsPerStatement;
        this.statementsPerBatch = statementsPerBatch;
        this.full = connection.prepareStatement(sql(rowsPerStatement));
        this.buffer = new Object[columns * rowsPerStatement];
    }

    void add(Object... values) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        System.arraycopy(values, 0, buffer, buffered * columns, columns);
        rows++;
        if (++buffered == rowsPerStatement) {
            bind(full, rowsPerStatement);
            full.addBatch();
            buffered = 0;
            if (++batched == statementsPerBatch) {
                full.executeBatch();
                batched = 0;
            }
        }
    }

    /** Sends everything buffered; the caller commits. */
    void flush() throws SQLException {
        if (batched > 0) {
            full.executeBatch();
            batched = 0;
        }
        if (buffered > 0) {
            try (PreparedStatement rest = connection.prepareStatement(sql(buffered))) {
                bind(rest, buffered);
                rest.executeUpdate();
            }
            buffered = 0;
        }
    }

    long rows() {
        return rows;
    }

    private void bind(PreparedStatement statement, int rowCount) throws SQLException {
        for (int i = 0; i < rowCount * columns; i++) {
            statement.setObject(i + 1, buffer[i]);
            buffer[i] = null;
        }
    }

    private String sql(int rowCount) {
        return head + String.join(", ", Collections.nCopies(rowCount, rowPlaceholders));
    }

    @Override
    public void close() throws SQLException {
        full.close();
    }
}
