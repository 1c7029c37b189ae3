package org.tracehub.hub.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.Transport;

/** The batch list with source, status and date filters, newest first (portable SQL, H2 and PostgreSQL). */
@Repository
public class BatchSearch {

    private static final String COLUMNS = "id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, duplicate_of, "
            + "transport, received_at, status, attempt, encoding, rows_read, rows_accepted, rows_rejected, rows_skipped, "
            + "rows_warned, failure_code, failure_message, updated_at";
    private static final String WHERE = " WHERE (CAST(:source AS VARCHAR(64)) IS NULL OR source_id = :source) "
            + "AND (CAST(:status AS VARCHAR(20)) IS NULL OR status = :status) "
            + "AND (CAST(:from AS TIMESTAMP WITH TIME ZONE) IS NULL OR received_at >= :from) "
            + "AND (CAST(:to AS TIMESTAMP WITH TIME ZONE) IS NULL OR received_at < :to)";

    private final JdbcClient jdbc;
    private final Clock clock;

    public BatchSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Batch> find(BatchFilter filter, int offset, int limit) {
        return bind(jdbc.sql("SELECT " + COLUMNS + " FROM batch" + WHERE
                        + " ORDER BY received_at DESC, id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY"), filter)
                .param("offset", offset)
                .param("limit", limit)
                .query(BatchSearch::map).list();
    }

    public long count(BatchFilter filter) {
        return bind(jdbc.sql("SELECT COUNT(*) FROM batch" + WHERE), filter).query(Long.class).single();
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, BatchFilter f) {
        return statement
                .param("source", f.source())
                .param("status", f.status() == null ? null : f.status().name())
                .param("from", f.from() == null ? null : f.from().atStartOfDay(clock.getZone()).toOffsetDateTime())
                .param("to", f.to() == null ? null : f.to().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime());
    }

    static Batch map(ResultSet rs, int row) throws SQLException {
        return new Batch(
                rs.getString("id"),
                rs.getString("source_id"),
                rs.getString("file_name"),
                rs.getString("stored_name"),
                rs.getString("archive_path"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("duplicate_of"),
                Transport.valueOf(rs.getString("transport")),
                rs.getObject("received_at", OffsetDateTime.class),
                BatchStatus.valueOf(rs.getString("status")),
                rs.getInt("attempt"),
                rs.getString("encoding"),
                rs.getLong("rows_read"),
                rs.getLong("rows_accepted"),
                rs.getLong("rows_rejected"),
                rs.getLong("rows_skipped"),
                rs.getLong("rows_warned"),
                rs.getString("failure_code"),
                rs.getString("failure_message"),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
