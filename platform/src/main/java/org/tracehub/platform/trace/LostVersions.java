package org.tracehub.platform.trace;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.schemas.validation.RowNumbering;

/**
 * A batch's accepted rows whose versions are no longer in the store (V27): a newer batch's version had replaced each,
 * and that batch's reprocess no longer produced the record and removed it ({@link TraceEventStore#removeEventsOfAttempt}).
 * Its receipt still counts them accepted; reprocessing the batch stores them again. Only rows of the attempt the store
 * holds of the batch, and only while no version of the record is back in the store (the batch's own, or a newer one's).
 * Served by {@code lost_version}'s primary key {@code (batch_id, row_no)} and, per row, {@code trace_event}'s
 * {@code (record_key, source_id)}: the cost follows the rows lost, not the batch's or the store's size.
 */
@Repository
public class LostVersions {

    private static final String STILL_LOST = "FROM lost_version l "
            + "WHERE l.batch_id = :batch AND l.attempt = (SELECT b.loaded_attempt FROM batch b WHERE b.id = :batch) "
            + "AND NOT EXISTS (SELECT 1 FROM trace_event t WHERE t.record_key = l.record_key AND t.source_id = l.source_id) ";

    static final String LIST = "SELECT l.row_no, l.trace_code, l.removed_by_batch, l.removed_by_row, l.removed_at, "
            + "(SELECT n.row_numbering FROM batch n WHERE n.id = l.removed_by_batch) " + STILL_LOST
            + "ORDER BY l.row_no FETCH FIRST :limit ROWS ONLY";

    private final JdbcClient jdbc;

    public LostVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One of the batch's rows whose version is gone: the row, its trace code, and the newer batch (and its row, in
     * that batch's numbering) whose reprocess removed it.
     */
    public record LostRow(long row, String traceCode, String removedByBatch, long removedByRow, RowNumbering removedByNumbering,
                          OffsetDateTime removedAt) {

        /** Where the record is in the newer batch: 第5行, or 第5条记录. */
        public String removedByRowText() {
            return removedByNumbering.at(removedByRow);
        }
    }

    /** The first {@code limit} of them, in row order. */
    public List<LostRow> of(String batchId, int limit) {
        return jdbc.sql(LIST).param("batch", batchId).param("limit", limit)
                .query((rs, i) -> new LostRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        RowNumbering.of(rs.getString(6)), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    public long count(String batchId) {
        return jdbc.sql("SELECT COUNT(*) " + STILL_LOST).param("batch", batchId).query(Long.class).single();
    }
}
