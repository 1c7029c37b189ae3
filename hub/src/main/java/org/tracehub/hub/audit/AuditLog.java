package org.tracehub.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.sql.CountUpTo;
import org.tracehub.platform.sql.StoreTimes;

/** The {@code audit_log} table: appended to, read newest first. */
@Repository
public class AuditLog {

    /** The columns' lengths (V6__audit_log.sql). */
    private static final int MAX_DETAIL = 1000;
    private static final int MAX_WHO = 100;
    private static final int MAX_BATCH_ID = 40;
    private static final int MAX_SOURCE_ID = 64;

    // A statement with the batch and one without. A single one for both, (CAST(:batch AS VARCHAR(40)) IS NULL OR
    // batch_id = :batch), has one plan for both, in which H2 cannot look the batch up in ix_audit_log_batch: every batch
    // page (its newest entries and their count) read the whole log, which grows as the batches do. AuditLogQueryPlanTest.
    static final String FIND_ALL = "SELECT id, acted_at, who, action, batch_id, source_id, outcome, detail FROM audit_log "
            + "ORDER BY acted_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY";
    static final String FIND_OF_BATCH = "SELECT id, acted_at, who, action, batch_id, source_id, outcome, detail FROM audit_log "
            + "WHERE batch_id = :batch ORDER BY acted_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY";
    // the whole log's count stops at :atMost (CountUpTo): on PostgreSQL COUNT(*) reads every entry, years of them
    static final String COUNT_UP_TO_ALL = CountUpTo.of("audit_log");
    static final String COUNT_UP_TO_OF_BATCH = CountUpTo.of("audit_log WHERE batch_id = :batch");
    static final String COUNT_OF_BATCH = "SELECT COUNT(*) FROM audit_log WHERE batch_id = :batch";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Writes one entry. A batch or source id from a request's path is kept in its column only when it fits there; a
     * longer one (a probe, a typo) goes into the detail instead, so that the refusal is on record rather than lost to
     * a failed insert.
     */
    public void record(String who, String action, String batchId, String sourceId, int outcome, String detail) {
        if (batchId != null && batchId.length() > MAX_BATCH_ID) {
            detail = "batch=" + batchId + (detail == null ? "" : " " + detail);
            batchId = null;
        }
        if (sourceId != null && sourceId.length() > MAX_SOURCE_ID) {
            detail = "source=" + sourceId + (detail == null ? "" : " " + detail);
            sourceId = null;
        }
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, batch_id, source_id, outcome, detail) "
                        + "VALUES (:at, :who, :action, :batch, :source, :outcome, :detail)")
                .param("at", OffsetDateTime.now(clock))
                .param("who", ColumnText.fit(who, MAX_WHO))
                .param("action", action)
                .param("batch", batchId)
                .param("source", sourceId)
                .param("outcome", outcome)
                .param("detail", ColumnText.fit(detail, MAX_DETAIL))
                .update();
    }

    /** Newest first; {@code batchId} may be null for every batch. */
    public List<AuditEntry> find(String batchId, int offset, int limit) {
        return (batchId == null ? jdbc.sql(FIND_ALL) : jdbc.sql(FIND_OF_BATCH).param("batch", batchId))
                .param("offset", offset)
                .param("limit", limit)
                .query(this::map).list();
    }

    /** How many entries one batch has (its page counts them beside its newest). */
    public long countOfBatch(String batchId) {
        return jdbc.sql(COUNT_OF_BATCH).param("batch", batchId).query(Long.class).single();
    }

    /** How many entries the log holds, or one batch's ({@code batchId} not null), counted no further than {@code atMost}. */
    public long countUpTo(String batchId, long atMost) {
        return (batchId == null ? jdbc.sql(COUNT_UP_TO_ALL) : jdbc.sql(COUNT_UP_TO_OF_BATCH).param("batch", batchId))
                .param("atMost", atMost).query(Long.class).single();
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        String action = rs.getString("action");
        return new AuditEntry(rs.getLong("id"), StoreTimes.inZone(rs, "acted_at", clock.getZone()), rs.getString("who"), action,
                AuditActions.chinese(action), rs.getString("batch_id"), rs.getString("source_id"), rs.getInt("outcome"),
                rs.getString("detail"));
    }
}
