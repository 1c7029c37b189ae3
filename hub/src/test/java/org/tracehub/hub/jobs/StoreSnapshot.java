package org.tracehub.hub.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stopped hub's H2 database holds for one batch, with the batch id (which differs between two
 * runs of the same file) replaced by a placeholder: the batch row, every event with its payload, the
 * links, the row problems and the rejected rows. Two runs that did the same work have equal snapshots.
 */
record StoreSnapshot(List<String> batch, List<String> events, List<String> links, List<String> problems, List<String> rejected,
                     List<String> otherBatchesEvents) {

    static StoreSnapshot of(Path dataDir, String batchId) throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("tracehub") + ";ACCESS_MODE_DATA=r";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return new StoreSnapshot(
                    rows(c, batchId, "SELECT status, attempt, loaded_attempt, rows_read, rows_accepted, rows_rejected, rows_skipped, "
                            + "rows_warned, failure_code, encoding FROM batch WHERE id = ?"),
                    rows(c, batchId, "SELECT event_id, trace_code, category, step, CAST(event_time AS VARCHAR), operator_uscc, "
                            + "product_code, quantity, unit, origin, source_id, attempt, row_no, payload FROM trace_event "
                            + "WHERE batch_id = ? ORDER BY event_id"),
                    rows(c, batchId, "SELECT l.event_id, l.trace_code, l.input_code FROM trace_link l JOIN trace_event e "
                            + "ON e.event_id = l.event_id WHERE e.batch_id = ? ORDER BY l.event_id, l.input_code"),
                    rows(c, batchId, "SELECT attempt, row_no, seq, column_name, field, severity, code, message, raw_value FROM batch_error "
                            + "WHERE batch_id = ? ORDER BY attempt, row_no, seq"),
                    rows(c, batchId, "SELECT attempt, row_no, cells FROM rejected_row WHERE batch_id = ? ORDER BY attempt, row_no"),
                    rows(c, batchId, "SELECT COUNT(*) FROM trace_event WHERE batch_id <> ?"));
        }
    }

    long eventCount() {
        return events.size();
    }

    private static List<String> rows(Connection c, String batchId, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var statement = c.prepareStatement(sql)) {
            statement.setString(1, batchId);
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    rows.add(row.toString().replace(batchId, "<batch>"));
                }
            }
        }
        return rows;
    }

    /** Job executions H2 holds as still running: after a finished run there must be none. */
    static long runningExecutions(Path dataDir) throws SQLException {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("tracehub") + ";ACCESS_MODE_DATA=r";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTING', 'STARTED', 'STOPPING')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
