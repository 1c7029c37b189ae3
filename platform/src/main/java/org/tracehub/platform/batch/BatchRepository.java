package org.tracehub.platform.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Batches and their life cycle. */
@Repository
public class BatchRepository {

    private static final String COLUMNS = "id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, duplicate_of, "
            + "transport, received_at, status, attempt, encoding, rows_read, rows_accepted, rows_rejected, rows_skipped, "
            + "rows_warned, failure_code, failure_message, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    public BatchRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a newly received file as RECEIVED, unless the same content from the same source was
     * received before: then nothing is written and the earlier batch is returned as the duplicate's original.
     */
    public Optional<Batch> insertReceived(NewBatch b) {
        try {
            insert(b, BatchStatus.RECEIVED, b.contentKey(), null, null, null);
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return findByContentKey(b.contentKey());
        }
    }

    /** Records a file that ends at intake (DUPLICATE, UNKNOWN_SOURCE, EMPTY). */
    public void insertTerminal(NewBatch b, BatchStatus status, String duplicateOf, String code, String message) {
        insert(b, status, null, duplicateOf, code, message);
    }

    private void insert(NewBatch b, BatchStatus status, String contentKey, String duplicateOf, String code, String message) {
        jdbc.sql("INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, content_key, "
                        + "duplicate_of, transport, received_at, status, attempt, failure_code, failure_message, updated_at) "
                        + "VALUES (:id, :source, :fileName, :storedName, :archivePath, :size, :sha, :contentKey, :duplicateOf, "
                        + ":transport, :receivedAt, :status, 0, :code, :message, :now)")
                .param("id", b.id())
                .param("source", b.sourceId())
                .param("fileName", b.fileName())
                .param("storedName", b.storedName())
                .param("archivePath", b.archivePath())
                .param("size", b.sizeBytes())
                .param("sha", b.sha256())
                .param("contentKey", contentKey)
                .param("duplicateOf", duplicateOf)
                .param("transport", b.transport().name())
                .param("receivedAt", b.receivedAt())
                .param("status", status.name())
                .param("code", code)
                .param("message", message)
                .param("now", OffsetDateTime.now(clock))
                .update();
    }

    public Optional<Batch> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM batch WHERE id = ?").param(id).query(BatchRepository::map).optional();
    }

    public Optional<Batch> findByContentKey(String contentKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM batch WHERE content_key = ?").param(contentKey)
                .query(BatchRepository::map).optional();
    }

    /** Newest first; any filter may be null. */
    public List<Batch> find(String sourceId, BatchStatus status, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM batch WHERE (CAST(:source AS VARCHAR(64)) IS NULL OR source_id = :source) "
                        + "AND (CAST(:status AS VARCHAR(20)) IS NULL OR status = :status) ORDER BY received_at DESC, id DESC "
                        + "OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .param("source", sourceId)
                .param("status", status == null ? null : status.name())
                .param("offset", offset)
                .param("limit", limit)
                .query(BatchRepository::map).list();
    }

    /** Starts a new conversion attempt; returns its number (1 for the first). */
    public int startAttempt(String id) {
        jdbc.sql("UPDATE batch SET attempt = attempt + 1, status = :status, failure_code = NULL, failure_message = NULL, "
                        + "updated_at = :now WHERE id = :id")
                .param("status", BatchStatus.CONVERTING.name()).param("now", OffsetDateTime.now(clock)).param("id", id).update();
        return jdbc.sql("SELECT attempt FROM batch WHERE id = ?").param(id).query(Integer.class).single();
    }

    public void markStaged(String id, int attempt, BatchCounts counts, String encoding) {
        jdbc.sql("UPDATE batch SET status = :status, rows_read = :read, rows_accepted = :accepted, rows_rejected = :rejected, "
                        + "rows_skipped = :skipped, rows_warned = :warned, encoding = :encoding, failure_code = NULL, "
                        + "failure_message = NULL, updated_at = :now WHERE id = :id AND attempt = :attempt")
                .param("status", BatchStatus.STAGED.name())
                .param("read", counts.read())
                .param("accepted", counts.accepted())
                .param("rejected", counts.rejected())
                .param("skipped", counts.skipped())
                .param("warned", counts.warned())
                .param("encoding", encoding)
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("attempt", attempt)
                .update();
    }

    /** Also clears the reason of an earlier failed run of the same attempt that a restart overcame. */
    public void markLoaded(String id, int attempt) {
        jdbc.sql("UPDATE batch SET status = :status, failure_code = NULL, failure_message = NULL, updated_at = :now "
                        + "WHERE id = :id AND attempt = :attempt")
                .param("status", BatchStatus.LOADED.name()).param("now", OffsetDateTime.now(clock))
                .param("id", id).param("attempt", attempt).update();
    }

    public void markFailed(String id, int attempt, String code, String message) {
        jdbc.sql("UPDATE batch SET status = :status, failure_code = :code, failure_message = :message, updated_at = :now "
                        + "WHERE id = :id AND attempt = :attempt")
                .param("status", BatchStatus.FAILED.name())
                .param("code", code)
                .param("message", message)
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("attempt", attempt)
                .update();
    }

    private static Batch map(ResultSet rs, int row) throws SQLException {
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
