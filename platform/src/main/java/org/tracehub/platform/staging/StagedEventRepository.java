package org.tracehub.platform.staging;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accepted events between convert and load. Keyed by (batch, attempt, row) so a retried chunk overwrites itself. */
@Repository
public class StagedEventRepository {

    private final JdbcClient jdbc;

    public StagedEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void replace(StagedEvent e) {
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt = ? AND row_no = ?")
                .params(e.batchId(), e.attempt(), e.row()).update();
        jdbc.sql("INSERT INTO staged_event (batch_id, attempt, row_no, event_id, payload) VALUES (?, ?, ?, ?, ?)")
                .params(e.batchId(), e.attempt(), e.row(), e.eventId(), e.payload()).update();
    }

    /** A page of an attempt's staged events in row order, after a given row (keyset paging keeps memory flat). */
    public List<StagedEvent> page(String batchId, int attempt, long afterRow, int limit) {
        return jdbc.sql("SELECT batch_id, attempt, row_no, event_id, payload FROM staged_event "
                        + "WHERE batch_id = ? AND attempt = ? AND row_no > ? ORDER BY row_no FETCH FIRST " + limit + " ROWS ONLY")
                .params(batchId, attempt, afterRow)
                .query((rs, i) -> new StagedEvent(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    public long count(String batchId, int attempt) {
        return jdbc.sql("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = ?")
                .params(batchId, attempt).query(Long.class).single();
    }

    /** Staging of older attempts is no longer needed once a newer attempt exists. */
    public void deleteOtherAttempts(String batchId, int keepAttempt) {
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt <> ?").params(batchId, keepAttempt).update();
    }

    /** Every attempt's staging of a batch (the purge job, once nothing can load or restart from it). */
    public int deleteBatch(String batchId) {
        return jdbc.sql("DELETE FROM staged_event WHERE batch_id = ?").param(batchId).update();
    }
}
