package org.tracehub.hub.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the rejected rows of one attempt with their problems, in row order, a page of rows at a time by their key.
 * Not one cursor over the whole attempt: embedded H2 builds a query's whole result in the heap (up to its
 * MAX_MEMORY_ROWS, whatever the fetch size), and a rejected row can carry thousands of cells. How many rows a page
 * holds follows from how wide and how long the attempt's rows are ({@link Extent#rowsAtATime}), so a page stays
 * within a few megabytes however the file was shaped. Every query walks the primary key in its order (which H2 only
 * does when the ORDER BY or GROUP BY names the key's leading columns too) and stops at its page.
 */
@Repository
public class RejectedRowSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The most rows read or written at a time, as the report always did. */
    static final int MAX_ROWS_AT_A_TIME = 200;
    /** The raw cells' characters (their stored JSON) a page of rows may carry. */
    static final int PAGE_CHARACTERS = 2_000_000;
    /** The cells (raw cells and problem columns) a page of rows may make. */
    static final int PAGE_CELLS = 100_000;
    /** The problems a page of rows may carry. */
    static final int PAGE_PROBLEMS = 5_000;
    /**
     * The problem's row was rejected: it has an error. Driven by the problems, not by the rejected rows' cells, which
     * the archive purge deletes with the original — the report of a purged batch still lists every rejected row.
     */
    private static final String REJECTED = "EXISTS (SELECT 1 FROM batch_error x WHERE x.batch_id = e.batch_id "
            + "AND x.attempt = e.attempt AND x.row_no = e.row_no AND x.severity = 'ERROR')";

    private final JdbcClient jdbc;
    private final int pageCharacters;

    @Autowired
    public RejectedRowSource(JdbcClient jdbc) {
        this(jdbc, PAGE_CHARACTERS);
    }

    /** With a page of rows carrying at most {@code pageCharacters} of raw cells (a test's few rows make several pages). */
    RejectedRowSource(JdbcClient jdbc, int pageCharacters) {
        this.jdbc = jdbc;
        this.pageCharacters = pageCharacters;
    }

    /**
     * How the attempt's rejected rows are shaped: what the report's layout and its pages need to know before the first row.
     *
     * @param cells       the most raw cells a rejected row has up to its last non-empty one (a row may be longer than the
     *                    header; an XLSX row runs to its last styled cell, empty or not)
     * @param problems    the most problems a rejected row has
     * @param rowsAtATime rows to read per page, and to keep in the workbook's window: within every page budget, at least one
     */
    public record Extent(int cells, int problems, int rowsAtATime) {

        public static final Extent NONE = new Extent(0, 0, MAX_ROWS_AT_A_TIME);
    }

    public Extent extent(String batchId, int attempt) {
        Integer problems = jdbc.sql("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM batch_error e WHERE e.batch_id = ? "
                        + "AND e.attempt = ? AND " + REJECTED + " GROUP BY e.batch_id, e.attempt, e.row_no) per_row")
                .params(batchId, attempt).query(Integer.class).optional().orElse(0);
        int longestJson = jdbc.sql("SELECT MAX(LENGTH(cells)) FROM rejected_row WHERE batch_id = ? AND attempt = ?")
                .params(batchId, attempt).query(Integer.class).optional().orElse(0);
        int cells = maxCellsPerRow(batchId, attempt, rowsAtATime(0, 0, longestJson));
        return new Extent(cells, problems, rowsAtATime(cells, problems, longestJson));
    }

    private int rowsAtATime(int cells, int problems, int longestJson) {
        long columns = 1L + cells + 5L * problems;
        long rows = Math.min(MAX_ROWS_AT_A_TIME, PAGE_CELLS / columns);
        rows = Math.min(rows, pageCharacters / Math.max(1, longestJson));
        rows = Math.min(rows, PAGE_PROBLEMS / Math.max(1, problems));
        return (int) Math.max(1, rows);
    }

    /** The most non-empty-ended cells of any rejected row of the attempt, reading the cells a page at a time. */
    private int maxCellsPerRow(String batchId, int attempt, int pageRows) {
        int max = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            List<Object[]> page = jdbc.sql("SELECT row_no, cells FROM rejected_row WHERE batch_id = ? AND attempt = ? AND row_no > ? "
                            + "ORDER BY batch_id, attempt, row_no FETCH FIRST " + pageRows + " ROWS ONLY")
                    .params(batchId, attempt, after)
                    .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
            for (Object[] row : page) {
                max = Math.max(max, cells((String) row[1]).size());
            }
            if (page.size() < pageRows) {
                return max;
            }
            after = (Long) page.get(page.size() - 1)[0];
        }
    }

    /** The rejected rows in row order, {@code rowsAtATime} (or fewer) read at a time. */
    public void forEach(String batchId, int attempt, int rowsAtATime, Consumer<RejectedRow> out) {
        long after = Long.MIN_VALUE;
        while (true) {
            // a row's errors in key order: the page's rows are those of its first rowsAtATime errors
            List<Long> errorRows = jdbc.sql("SELECT row_no FROM batch_error WHERE batch_id = ? AND attempt = ? AND row_no > ? "
                            + "AND severity = 'ERROR' ORDER BY batch_id, attempt, row_no, seq FETCH FIRST " + rowsAtATime + " ROWS ONLY")
                    .params(batchId, attempt, after).query(Long.class).list();
            if (errorRows.isEmpty()) {
                return;
            }
            long first = errorRows.get(0);
            long last = errorRows.get(errorRows.size() - 1);
            Map<Long, List<String>> cells = new HashMap<>();
            jdbc.sql("SELECT row_no, cells FROM rejected_row WHERE batch_id = ? AND attempt = ? AND row_no BETWEEN ? AND ? "
                            + "ORDER BY batch_id, attempt, row_no")
                    .params(batchId, attempt, first, last)
                    .query(rs -> {
                        cells.put(rs.getLong(1), cells(rs.getString(2)));
                    });
            RejectedRow[] current = {null};
            jdbc.sql("SELECT e.row_no, e.column_name, e.field, e.severity, e.code, e.message FROM batch_error e "
                            + "WHERE e.batch_id = ? AND e.attempt = ? AND e.row_no BETWEEN ? AND ? AND " + REJECTED
                            + " ORDER BY e.batch_id, e.attempt, e.row_no, e.seq")
                    .params(batchId, attempt, first, last)
                    .query(rs -> {
                        long row = rs.getLong("row_no");
                        if (current[0] == null || current[0].row() != row) {
                            if (current[0] != null) {
                                out.accept(current[0]);
                            }
                            current[0] = new RejectedRow(row, cells.getOrDefault(row, List.of()), new ArrayList<>());
                        }
                        current[0].problems().add(new RejectedRow.Problem(rs.getString("column_name"), rs.getString("field"),
                                rs.getString("severity"), rs.getString("code"), rs.getString("message")));
                    });
            if (current[0] != null) {
                out.accept(current[0]);
            }
            if (errorRows.size() < rowsAtATime) {
                return;
            }
            after = last;
        }
    }

    /**
     * The JSON array of cells as the convert step stored it (none once purged); a null cell (short row) reads as empty.
     * Empty cells after the last non-empty one are left out: an XLSX row runs to its last styled cell, a border across
     * the sheet makes it 16,384 cells long, and they would only widen the report with empty columns.
     */
    static List<String> cells(String json) {
        List<String> cells = new ArrayList<>();
        if (json == null) {
            return cells;
        }
        JsonNode array = JSON.readTree(json);
        int end = 0;
        for (JsonNode cell : array) {
            String text = cell.isNull() ? "" : cell.asString();
            cells.add(text);
            if (!text.isEmpty()) {
                end = cells.size();
            }
        }
        return end == cells.size() ? cells : new ArrayList<>(cells.subList(0, end));
    }
}
