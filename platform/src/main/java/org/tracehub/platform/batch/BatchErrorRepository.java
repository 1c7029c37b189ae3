package org.tracehub.platform.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.sql.JdbcBatches;

/**
 * The problems of rejected and warned rows, and the raw cells of rejected rows. Writing a row's
 * problems replaces what an earlier try of the same chunk wrote, so restarts never double them.
 */
@Repository
public class BatchErrorRepository {

    private static final List<String> ERROR_COLUMNS = List.of("batch_id", "attempt", "row_no", "seq", "column_name", "field", "severity",
            "code", "message", "raw_value");
    private static final List<String> CELL_COLUMNS = List.of("batch_id", "attempt", "row_no", "cells");
    private static final String INSERT_ERROR = "INSERT INTO batch_error (" + String.join(", ", ERROR_COLUMNS)
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Problems read per query by {@link #problemsOf}. */
    static final int PROBLEM_PAGE = 5_000;
    /** The lengths of batch_error's text columns (V1). */
    static final int COLUMN_LENGTH = 200;
    static final int FIELD_LENGTH = 100;
    static final int MESSAGE_LENGTH = 1000;
    static final int RAW_VALUE_LENGTH = 4000;

    /**
     * A page of {@link #problemsOf} after the last problem read (row {@code lastRow}, its {@code lastSeq}). H2 walks the
     * primary key in order and stops at the page only when the ORDER BY names the key's leading columns (else it sorts
     * all the attempt's remaining problems for each page), and starts at the last row only from a plain range on it (an
     * OR is no index condition: each page would read the attempt's problems from its first).
     */
    static final String PROBLEMS_PAGE = "SELECT row_no, seq, column_name, field, severity, code, message, raw_value FROM batch_error "
            + "WHERE batch_id = :batch AND attempt = :attempt AND row_no >= :lastRow AND (row_no > :lastRow OR seq > :lastSeq) "
            + "ORDER BY batch_id, attempt, row_no, seq FETCH FIRST " + PROBLEM_PAGE + " ROWS ONLY";

    /** For the inserts: JDBC batches, which {@link JdbcClient} has none of. */
    private final JdbcOperations operations;
    private final JdbcClient jdbc;

    public BatchErrorRepository(JdbcOperations operations) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
    }

    public void replaceRow(String batchId, int attempt, long row, List<RowProblem> problems, String rawCellsJson) {
        jdbc.sql("DELETE FROM batch_error WHERE batch_id = ? AND attempt = ? AND row_no = ?").params(batchId, attempt, row).update();
        jdbc.sql("DELETE FROM rejected_row WHERE batch_id = ? AND attempt = ? AND row_no = ?").params(batchId, attempt, row).update();
        int seq = 0;
        for (RowProblem p : problems) {
            jdbc.sql(INSERT_ERROR).params(errorRow(batchId, attempt, row, seq++, p)).update();
        }
        if (rawCellsJson != null) {
            jdbc.sql("INSERT INTO rejected_row (batch_id, attempt, row_no, cells) VALUES (?, ?, ?, ?)")
                    .params(batchId, attempt, row, rawCellsJson).update();
        }
    }

    /** The problems of one row and, for a rejected row, its raw cells (a JSON array); null for a warned row. */
    public record RowRecord(long row, List<RowProblem> problems, String rawCellsJson) {
    }

    /**
     * Adds a problem to a row after the others it has (the load's warnings on rows the convert step accepted), inside
     * the caller's transaction.
     */
    public void append(String batchId, int attempt, RowProblem problem) {
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), -1) + 1 FROM batch_error WHERE batch_id = ? AND attempt = ? AND row_no = ?")
                .params(batchId, attempt, problem.row()).query(Integer.class).single();
        jdbc.sql(INSERT_ERROR).params(errorRow(batchId, attempt, problem.row(), seq, problem)).update();
    }

    /**
     * Records a chunk's rejected and warned rows (rows {@code fromRow}..{@code toRow} of the file, in
     * reading order) with one delete per table and JDBC batches of inserts: what an earlier try of the same
     * chunk wrote in that range is replaced, so each row's problems and cells are written once.
     */
    public void replaceRange(String batchId, int attempt, long fromRow, long toRow, List<RowRecord> records) {
        jdbc.sql("DELETE FROM batch_error WHERE batch_id = ? AND attempt = ? AND row_no BETWEEN ? AND ?")
                .params(batchId, attempt, fromRow, toRow).update();
        jdbc.sql("DELETE FROM rejected_row WHERE batch_id = ? AND attempt = ? AND row_no BETWEEN ? AND ?")
                .params(batchId, attempt, fromRow, toRow).update();
        List<Object[]> problems = new ArrayList<>();
        List<Object[]> cells = new ArrayList<>();
        for (RowRecord r : records) {
            int seq = 0;
            for (RowProblem p : r.problems()) {
                problems.add(errorRow(batchId, attempt, r.row(), seq++, p));
            }
            if (r.rawCellsJson() != null) {
                cells.add(new Object[] {batchId, attempt, r.row(), r.rawCellsJson()});
            }
        }
        JdbcBatches.insert(operations, "batch_error", ERROR_COLUMNS, problems);
        JdbcBatches.insert(operations, "rejected_row", CELL_COLUMNS, cells);
    }

    /**
     * The problems of an attempt in row order, read {@link #PROBLEM_PAGE} at a time by their primary key
     * each time the result is iterated: a receipt of a file with half a million refused rows never holds
     * them all (nor does the database driver, which would fetch a whole result at once).
     */
    public Iterable<RowProblem> problemsOf(String batchId, int attempt) {
        return () -> new ProblemPages(batchId, attempt);
    }

    private final class ProblemPages implements Iterator<RowProblem> {
        private final String batchId;
        private final int attempt;
        private List<PagedProblem> page = List.of();
        private int next;
        private long lastRow = -1;
        private int lastSeq = -1;
        private boolean exhausted;

        ProblemPages(String batchId, int attempt) {
            this.batchId = batchId;
            this.attempt = attempt;
        }

        @Override
        public boolean hasNext() {
            if (next < page.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            page = jdbc.sql(PROBLEMS_PAGE).param("batch", batchId).param("attempt", attempt).param("lastRow", lastRow)
                    .param("lastSeq", lastSeq)
                    .query((rs, i) -> new PagedProblem(rs.getInt("seq"), problem(rs)))
                    .list();
            next = 0;
            exhausted = page.size() < PROBLEM_PAGE;
            if (!page.isEmpty()) {
                PagedProblem last = page.get(page.size() - 1);
                lastRow = last.problem().row();
                lastSeq = last.seq();
            }
            return !page.isEmpty();
        }

        @Override
        public RowProblem next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(next++).problem();
        }
    }

    private record PagedProblem(int seq, RowProblem problem) {
    }

    private static RowProblem problem(ResultSet rs) throws SQLException {
        return new RowProblem(rs.getLong("row_no"), rs.getString("column_name"), rs.getString("field"),
                rs.getString("severity"), rs.getString("code"), rs.getString("message"), rs.getString("raw_value"));
    }

    /**
     * Deletes the problems of the batch's attempts before {@code attempt} (attempts a later loaded one superseded: the
     * purge), with their rejected rows' cells, the oldest first and about {@code limit} problems at a time (the rest of
     * the last row's problems too), so that a transaction stays bounded however many rows a file had refused. Every
     * statement is a range of the primary keys.
     *
     * @return the problems deleted: fewer than {@code limit} once none is left
     */
    public int deleteAttemptsBefore(String batchId, int attempt, int limit) {
        Optional<long[]> last = jdbc.sql("SELECT attempt, row_no FROM batch_error WHERE batch_id = ? AND attempt < ? "
                        + "ORDER BY batch_id, attempt, row_no, seq OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")
                .params(batchId, attempt, Math.max(0, limit - 1))
                .query((rs, i) -> new long[] {rs.getInt(1), rs.getLong(2)}).optional();
        if (last.isEmpty()) {
            int deleted = jdbc.sql("DELETE FROM batch_error WHERE batch_id = ? AND attempt < ?").params(batchId, attempt).update();
            jdbc.sql("DELETE FROM rejected_row WHERE batch_id = ? AND attempt < ?").params(batchId, attempt).update();
            return deleted;
        }
        int upToAttempt = (int) last.get()[0];
        long upToRow = last.get()[1];
        int deleted = 0;
        for (String table : List.of("batch_error", "rejected_row")) {
            int n = jdbc.sql("DELETE FROM " + table + " WHERE batch_id = ? AND attempt < ?").params(batchId, upToAttempt).update()
                    + jdbc.sql("DELETE FROM " + table + " WHERE batch_id = ? AND attempt = ? AND row_no <= ?")
                            .params(batchId, upToAttempt, upToRow).update();
            if (table.equals("batch_error")) {
                deleted = n;
            }
        }
        return deleted;
    }

    /** Whether the attempt recorded any problem at all: one index probe, not a page of them. */
    public boolean hasProblems(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM batch_error WHERE batch_id = ? AND attempt = ? FETCH FIRST 1 ROWS ONLY) p")
                .params(batchId, attempt).query(Long.class).single() > 0;
    }

    /**
     * Rows of an attempt that have an error but no raw cells, after {@code afterRow}, in row order, at most {@code limit}:
     * the rows the load refused ({@code RECORD_KEY_CONFLICT}), which had only their converted event. Walks the primary
     * key from the row on, with each row's cells looked up by theirs.
     */
    public List<Long> rejectedRowsWithoutCells(String batchId, int attempt, long afterRow, int limit) {
        List<Long> rows = new ArrayList<>();
        jdbc.sql(WITHOUT_CELLS).param("batch", batchId).param("attempt", attempt).param("after", afterRow).param("limit", limit)
                .query(rs -> {
                    long row = rs.getLong(1);
                    // a row may have several errors: its number once
                    if (rows.isEmpty() || rows.get(rows.size() - 1) != row) {
                        rows.add(row);
                    }
                });
        return rows;
    }

    /** Package-visible for the plan test. */
    static final String WITHOUT_CELLS = "SELECT e.row_no FROM batch_error e WHERE e.batch_id = :batch AND e.attempt = :attempt "
            + "AND e.row_no > :after AND e.severity = 'ERROR' AND NOT EXISTS (SELECT 1 FROM rejected_row r "
            + "WHERE r.batch_id = e.batch_id AND r.attempt = e.attempt AND r.row_no = e.row_no) "
            + "ORDER BY e.batch_id, e.attempt, e.row_no, e.seq FETCH FIRST :limit ROWS ONLY";

    /** Adds the raw cells (a JSON array each) of rejected rows that have none yet, in JDBC batches. */
    public void addRejectedCells(String batchId, int attempt, List<RowCells> rows) {
        List<Object[]> cells = new ArrayList<>(rows.size());
        rows.forEach(r -> cells.add(new Object[] {batchId, attempt, r.row(), r.cellsJson()}));
        JdbcBatches.insert(operations, "rejected_row", CELL_COLUMNS, cells);
    }

    /** A row's raw cells as the store keeps them: a JSON array of strings. */
    public record RowCells(long row, String cellsJson) {
    }

    public long countRejectedRows(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ? AND attempt = ?")
                .params(batchId, attempt).query(Long.class).single();
    }

    /**
     * Accepted rows that carry at least one warning. A row the load refused ({@code RECORD_KEY_CONFLICT}) has an error,
     * and its raw cells only once the load read them back from the original: neither makes it accepted.
     */
    public long countWarnedRows(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(DISTINCT e.row_no) FROM batch_error e WHERE e.batch_id = ? AND e.attempt = ? "
                        + "AND e.severity = 'WARNING' AND NOT EXISTS (SELECT 1 FROM rejected_row r "
                        + "WHERE r.batch_id = e.batch_id AND r.attempt = e.attempt AND r.row_no = e.row_no) "
                        + "AND NOT EXISTS (SELECT 1 FROM batch_error x WHERE x.batch_id = e.batch_id AND x.attempt = e.attempt "
                        + "AND x.row_no = e.row_no AND x.severity = 'ERROR')")
                .params(batchId, attempt).query(Long.class).single();
    }

    /**
     * One problem as the columns of {@code batch_error}. Messages quote the cell they are about, and a
     * cell can be as long as a line of the file: every text is cut to its column (the whole cell stays
     * in {@code rejected_row}), so that one long value rejects its row instead of failing the chunk.
     */
    private static Object[] errorRow(String batchId, int attempt, long row, int seq, RowProblem p) {
        return new Object[] {batchId, attempt, row, seq, ColumnText.fit(p.column(), COLUMN_LENGTH), ColumnText.fit(p.field(), FIELD_LENGTH),
                p.severity(), p.code(), ColumnText.fit(p.message(), MESSAGE_LENGTH), ColumnText.fit(p.rawValue(), RAW_VALUE_LENGTH)};
    }
}
