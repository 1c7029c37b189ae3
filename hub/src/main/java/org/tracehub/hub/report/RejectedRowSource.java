package org.tracehub.hub.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the rejected rows of one attempt with their problems, in row order, straight from the
 * database cursor: the report never holds more than one row in memory.
 */
@Repository
public class RejectedRowSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FETCH_SIZE = 500;
    /**
     * The problem's row was rejected: it has an error. Driven by the problems, not by the rejected rows' cells, which
     * the archive purge deletes with the original — the report of a purged batch still lists every rejected row.
     */
    private static final String REJECTED = "EXISTS (SELECT 1 FROM batch_error x WHERE x.batch_id = e.batch_id "
            + "AND x.attempt = e.attempt AND x.row_no = e.row_no AND x.severity = 'ERROR')";

    private final JdbcClient jdbc;

    public RejectedRowSource(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The most problems any rejected row of the attempt has: the report's width. */
    public int maxProblemsPerRow(String batchId, int attempt) {
        Integer max = jdbc.sql("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM batch_error e "
                        + "WHERE e.batch_id = ? AND e.attempt = ? AND " + REJECTED + " GROUP BY e.row_no) per_row")
                .params(batchId, attempt).query(Integer.class).optional().orElse(null);
        return max == null ? 0 : max;
    }

    /** The most cells any rejected row of the attempt has (a row may be longer than the header). */
    public int maxCellsPerRow(String batchId, int attempt) {
        int[] max = {0};
        jdbc.sql("SELECT cells FROM rejected_row WHERE batch_id = ? AND attempt = ?")
                .params(batchId, attempt).withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    max[0] = Math.max(max[0], cells(rs.getString(1)).size());
                });
        return max[0];
    }

    public void forEach(String batchId, int attempt, Consumer<RejectedRow> out) {
        RejectedRow[] current = {null};
        jdbc.sql("SELECT e.row_no, r.cells, e.column_name, e.field, e.severity, e.code, e.message FROM batch_error e "
                        + "LEFT JOIN rejected_row r ON r.batch_id = e.batch_id AND r.attempt = e.attempt AND r.row_no = e.row_no "
                        + "WHERE e.batch_id = ? AND e.attempt = ? AND " + REJECTED + " ORDER BY e.row_no, e.seq")
                .params(batchId, attempt).withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    long row = rs.getLong("row_no");
                    if (current[0] == null || current[0].row() != row) {
                        if (current[0] != null) {
                            out.accept(current[0]);
                        }
                        current[0] = new RejectedRow(row, cells(rs.getString("cells")), new ArrayList<>());
                    }
                    if (rs.getString("code") != null) {
                        current[0].problems().add(new RejectedRow.Problem(rs.getString("column_name"), rs.getString("field"),
                                rs.getString("severity"), rs.getString("code"), rs.getString("message")));
                    }
                });
        if (current[0] != null) {
            out.accept(current[0]);
        }
    }

    /** The JSON array of cells as the convert step stored it (none once purged); a null cell (short row) reads as empty. */
    static List<String> cells(String json) {
        List<String> cells = new ArrayList<>();
        if (json == null) {
            return cells;
        }
        JsonNode array = JSON.readTree(json);
        for (JsonNode cell : array) {
            cells.add(cell.isNull() ? "" : cell.asString());
        }
        return cells;
    }
}
