package org.tracehub.platform.staging;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.MultiRowInsert;

/** Accepted events between convert and load. Keyed by (batch, attempt, row) so a retried chunk overwrites itself. */
@Repository
public class StagedEventRepository {

    private static final List<String> COLUMNS = List.of("batch_id", "attempt", "row_no", "event_id", "record_key", "payload");

    private final JdbcClient jdbc;

    public StagedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void replace(StagedEvent e) {
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt = ? AND row_no = ?")
                .params(e.batchId(), e.attempt(), e.row()).update();
        jdbc.sql("INSERT INTO staged_event (batch_id, attempt, row_no, event_id, record_key, payload) VALUES (?, ?, ?, ?, ?, ?)")
                .params(e.batchId(), e.attempt(), e.row(), e.eventId(), e.recordKey(), e.payload()).update();
    }

    /**
     * Stages a chunk's events (rows {@code fromRow}..{@code toRow} of the file, in reading order)
     * with one delete and multi-row inserts: what an earlier try of the same chunk staged in that
     * range is replaced, so a retried chunk still leaves exactly one copy of each event.
     */
    public void replaceRange(String batchId, int attempt, long fromRow, long toRow, List<StagedEvent> events) {
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt = ? AND row_no BETWEEN ? AND ?")
                .params(batchId, attempt, fromRow, toRow).update();
        List<Object[]> rows = new ArrayList<>(events.size());
        for (StagedEvent e : events) {
            rows.add(new Object[] {e.batchId(), e.attempt(), e.row(), e.eventId(), e.recordKey(), e.payload()});
        }
        MultiRowInsert.insert(jdbc, "staged_event", COLUMNS, rows);
    }

    /** A page of an attempt's staged events in row order, after a given row (keyset paging keeps memory flat). */
    public List<StagedEvent> page(String batchId, int attempt, long afterRow, int limit) {
        return jdbc.sql("SELECT batch_id, attempt, row_no, event_id, record_key, payload FROM staged_event "
                        // ordered by the whole primary key: H2 then reads the page off the key's index and stops after
                        // `limit` rows; ordered by row_no alone it sorted every remaining row of the batch for each page
                        // (a temp result spilled to disk), which made a load quadratic in the file's size
                        + "WHERE batch_id = ? AND attempt = ? AND row_no > ? ORDER BY batch_id, attempt, row_no FETCH FIRST " + limit
                        + " ROWS ONLY")
                .params(batchId, attempt, afterRow)
                .query((rs, i) -> new StagedEvent(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    public long count(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = ?")
                .params(batchId, attempt).query(Long.class).single();
    }

    /** Staging of older attempts is no longer needed once a newer attempt exists. */
    public void deleteOtherAttempts(String batchId, int keepAttempt) {
        // two ranges of the primary key instead of "attempt <> ?", which visited every staged row of the kept attempt
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt < ?").params(batchId, keepAttempt).update();
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt > ?").params(batchId, keepAttempt).update();
    }

    /** Every attempt's staging of a batch (the purge job, once nothing can load or restart from it). */
    public int deleteBatch(String batchId) {
        return jdbc.sql("DELETE FROM staged_event WHERE batch_id = ?").param(batchId).update();
    }
}
