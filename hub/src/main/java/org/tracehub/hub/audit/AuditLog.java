package org.tracehub.hub.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.StoreTimes;

/** The {@code audit_log} table: appended to, read newest first. */
@Repository
public class AuditLog {

    private static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String who, String action, String batchId, String sourceId, int outcome, String detail) {
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, batch_id, source_id, outcome, detail) "
                        + "VALUES (:at, :who, :action, :batch, :source, :outcome, :detail)")
                .param("at", OffsetDateTime.now(clock))
                .param("who", who)
                .param("action", action)
                .param("batch", batchId)
                .param("source", sourceId)
                .param("outcome", outcome)
                .param("detail", detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL))
                .update();
    }

    /** Newest first; {@code batchId} may be null for every batch. */
    public List<AuditEntry> find(String batchId, int offset, int limit) {
        return jdbc.sql("SELECT id, acted_at, who, action, batch_id, source_id, outcome, detail FROM audit_log "
                        + "WHERE (CAST(:batch AS VARCHAR(40)) IS NULL OR batch_id = :batch) "
                        + "ORDER BY acted_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .param("batch", batchId)
                .param("offset", offset)
                .param("limit", limit)
                .query(this::map).list();
    }

    public long count(String batchId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE (CAST(:batch AS VARCHAR(40)) IS NULL OR batch_id = :batch)")
                .param("batch", batchId).query(Long.class).single();
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        String action = rs.getString("action");
        return new AuditEntry(rs.getLong("id"), StoreTimes.inZone(rs, "acted_at", clock.getZone()), rs.getString("who"), action,
                AuditActions.chinese(action), rs.getString("batch_id"), rs.getString("source_id"), rs.getInt("outcome"),
                rs.getString("detail"));
    }
}
