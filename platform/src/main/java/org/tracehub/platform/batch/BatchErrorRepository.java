package org.tracehub.platform.batch;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
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
            jdbc.sql("INSERT INTO batch_error (batch_id, attempt, row_no, seq, column_name, field, severity, code, message, raw_value) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(batchId, attempt, row, seq++, p.column(), p.field(), p.severity(), p.code(), p.message(), truncate(p.rawValue()))
                    .update();
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
                problems.add(new Object[] {batchId, attempt, r.row(), seq++, p.column(), p.field(), p.severity(), p.code(), p.message(),
                        truncate(p.rawValue())});
            }
            if (r.rawCellsJson() != null) {
                cells.add(new Object[] {batchId, attempt, r.row(), r.rawCellsJson()});
            }
        }
        JdbcBatches.insert(operations, "batch_error", ERROR_COLUMNS, problems);
        JdbcBatches.insert(operations, "rejected_row", CELL_COLUMNS, cells);
    }

    /** All problems of an attempt, in row order. */
    public List<RowProblem> findByBatch(String batchId, int attempt) {
        return jdbc.sql("SELECT row_no, column_name, field, severity, code, message, raw_value FROM batch_error "
                        + "WHERE batch_id = ? AND attempt = ? ORDER BY row_no, seq")
                .params(batchId, attempt)
                .query((rs, i) -> new RowProblem(rs.getLong("row_no"), rs.getString("column_name"), rs.getString("field"),
                        rs.getString("severity"), rs.getString("code"), rs.getString("message"), rs.getString("raw_value")))
                .list();
    }

    public long countRejectedRows(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ? AND attempt = ?")
                .params(batchId, attempt).query(Long.class).single();
    }

    /** Accepted rows that carry at least one warning. */
    public long countWarnedRows(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(DISTINCT e.row_no) FROM batch_error e WHERE e.batch_id = ? AND e.attempt = ? "
                        + "AND e.severity = 'WARNING' AND NOT EXISTS (SELECT 1 FROM rejected_row r "
                        + "WHERE r.batch_id = e.batch_id AND r.attempt = e.attempt AND r.row_no = e.row_no)")
                .params(batchId, attempt).query(Long.class).single();
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 4000 ? value : value.substring(0, 4000);
    }
}
