package org.tracehub.platform.staging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.JdbcBatches;

/**
 * Accepted events between convert and load. Keyed by (batch, attempt, row) so a retried chunk overwrites itself. A row
 * keeps the event's keys; its XML is in the attempt's file ({@link StagedPayloadFiles}), the row pointing at it (rows
 * staged before V10 hold it in {@code payload}).
 */
@Repository
public class StagedEventRepository {

    private static final List<String> COLUMNS = List.of("batch_id", "attempt", "row_no", "event_id", "record_key", "payload_offset",
            "payload_length", "payload_crc");

    /** For the inserts: JDBC batches, which {@link JdbcClient} has none of. */
    private final JdbcOperations operations;
    private final JdbcClient jdbc;
    private final StagedPayloadFiles files;

    public StagedEventRepository(JdbcOperations operations, StagedPayloadFiles files) {
        this.operations = operations;
        this.jdbc = JdbcClient.create(operations);
        this.files = files;
    }

    /**
     * Stages a chunk's events (rows {@code fromRow}..{@code toRow} of the file, in reading order)
     * with one delete and a JDBC batch of inserts: what an earlier try of the same chunk staged in that
     * range is replaced, so a retried chunk still leaves exactly one copy of each event. Their XML is
     * appended to the attempt's file and on the disk before the rows are written.
     */
    public void replaceRange(String batchId, int attempt, long fromRow, long toRow, List<NewStagedEvent> events) {
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt = ? AND row_no BETWEEN ? AND ?")
                .params(batchId, attempt, fromRow, toRow).update();
        if (events.isEmpty()) {
            return;
        }
        List<StagedPayloadFiles.Slice> slices = files.append(batchId, attempt, events.stream().map(NewStagedEvent::xml).toList());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            NewStagedEvent e = events.get(i);
            StagedPayloadFiles.Slice s = slices.get(i);
            rows.add(new Object[] {batchId, attempt, e.row(), e.eventId(), e.recordKey(), s.offset(), s.length(), s.crc()});
        }
        JdbcBatches.insert(operations, "staged_event", COLUMNS, rows);
    }

    /** A page of an attempt's staged events in row order, after a given row (keyset paging keeps memory flat). */
    public List<StagedEvent> page(String batchId, int attempt, long afterRow, int limit) {
        List<StagedRow> rows = jdbc.sql("SELECT row_no, event_id, record_key, payload, payload_offset, payload_length, payload_crc "
                        + "FROM staged_event "
                        // ordered by the whole primary key: H2 then reads the page off the key's index and stops after
                        // `limit` rows; ordered by row_no alone it sorted every remaining row of the batch for each page
                        // (a temp result spilled to disk), which made a load quadratic in the file's size
                        + "WHERE batch_id = ? AND attempt = ? AND row_no > ? ORDER BY batch_id, attempt, row_no FETCH FIRST " + limit
                        + " ROWS ONLY")
                .params(batchId, attempt, afterRow)
                .query((rs, i) -> {
                    long offset = rs.getLong(5);
                    StagedPayloadFiles.Slice slice = rs.wasNull() ? null : new StagedPayloadFiles.Slice(offset, rs.getInt(6), rs.getLong(7));
                    return new StagedRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), slice);
                })
                .list();
        List<String> inFile = files.read(batchId, attempt,
                rows.stream().map(StagedRow::slice).filter(Objects::nonNull).toList());
        List<StagedEvent> page = new ArrayList<>(rows.size());
        int next = 0;
        for (StagedRow r : rows) {
            String payload = r.slice() == null ? r.payload() : inFile.get(next++);
            page.add(new StagedEvent(batchId, attempt, r.row(), r.eventId(), r.recordKey(), payload));
        }
        return page;
    }

    private record StagedRow(long row, String eventId, String recordKey, String payload, StagedPayloadFiles.Slice slice) {
    }

    /** Whether anything of the attempt is staged after {@code row}, without reading any XML. */
    public boolean anyAfter(String batchId, int attempt, long row) {
        return jdbc.sql("SELECT row_no FROM staged_event WHERE batch_id = ? AND attempt = ? AND row_no > ? "
                        + "ORDER BY batch_id, attempt, row_no FETCH FIRST 1 ROWS ONLY")
                .params(batchId, attempt, row).query(Long.class).optional().isPresent();
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
        files.deleteAfterCommit(batchId, keepAttempt - 1);
    }

    /**
     * The staging of a batch's attempts up to {@code lastAttempt} (the purge job, once nothing can load or restart from
     * them), rows and files: a reprocess started meanwhile stages into a later attempt, which is kept.
     */
    public int deleteBatch(String batchId, int lastAttempt) {
        int rows = jdbc.sql("DELETE FROM staged_event WHERE batch_id = ? AND attempt <= ?").params(batchId, lastAttempt).update();
        files.deleteAfterCommit(batchId, lastAttempt);
        return rows;
    }
}
