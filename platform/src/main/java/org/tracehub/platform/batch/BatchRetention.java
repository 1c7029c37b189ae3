package org.tracehub.platform.batch;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the purge job may remove. A batch is left alone while anything could still need it: while it
 * is not in a final status, and until it has been quiet (not received, converted, loaded or
 * reprocessed) for the whole period, since {@code updated_at} moves with every change of the batch.
 */
@Repository
public class BatchRetention {

    /** Final statuses whose staging is of no further use (LOADED: in the store; FAILED: see the purge job). */
    private static final List<String> STAGING_DONE = List.of(BatchStatus.LOADED.name(), BatchStatus.FAILED.name());

    private final JdbcClient jdbc;
    private final Clock clock;

    public BatchRetention(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** LOADED or FAILED batches, unchanged since before the cutoff, that still have staged events; oldest first. */
    public List<String> withStagingUnchangedSince(OffsetDateTime cutoff, int limit) {
        return jdbc.sql("SELECT b.id FROM batch b WHERE b.status IN (:done) AND b.updated_at < :cutoff "
                        + "AND EXISTS (SELECT 1 FROM staged_event s WHERE s.batch_id = b.id) ORDER BY b.updated_at, b.id "
                        + "FETCH FIRST " + limit + " ROWS ONLY")
                .param("done", STAGING_DONE)
                .param("cutoff", cutoff)
                .query(String.class).list();
    }

    /**
     * Whether a batch (read again) still qualifies as {@link #withStagingUnchangedSince} found it: a reprocess or
     * retry started since then has changed its status and time, and its staging is in use.
     */
    public boolean isStagingDone(Batch batch, OffsetDateTime cutoff) {
        return STAGING_DONE.contains(batch.status().name()) && batch.updatedAt().isBefore(cutoff);
    }

    /**
     * Batches in a final status, received and last changed before the cutoff, whose archived original
     * is still kept; oldest first.
     */
    public List<ArchivedBatch> withArchiveUnchangedSince(OffsetDateTime cutoff, int limit) {
        return jdbc.sql(ARCHIVE_KEPT)
                .param("finals", FINALS)
                .param("cutoff", cutoff)
                .param("limit", limit)
                .query((rs, i) -> new ArchivedBatch(rs.getString(1), rs.getString(2)))
                .list();
    }

    private static final List<String> FINALS = java.util.Arrays.stream(BatchStatus.values()).filter(BatchStatus::isFinal)
            .map(Enum::name).toList();

    /**
     * Read through {@code ix_batch_archive_kept} (V14): the batches whose original is still kept, oldest first. Without
     * it every nightly page read every batch older than the retention, purged years ago or not. The ORDER BY starts with
     * archive_purged_at (NULL in every row it returns, so the order is received_at's) because H2 reads rows off an index
     * in ORDER BY order only when the ORDER BY starts at the index's first column.
     */
    static final String ARCHIVE_KEPT = "SELECT id, archive_path FROM batch WHERE archive_purged_at IS NULL AND received_at < :cutoff "
            + "AND status IN (:finals) AND updated_at < :cutoff ORDER BY archive_purged_at, received_at, id FETCH FIRST :limit ROWS ONLY";

    /**
     * Takes the batch's original for the purge, before its file is deleted: records when, and forgets the raw cells of
     * the batch's rejected rows (the sender's data); the row problems (codes and messages) stay with the batch. A
     * compare-and-set on what {@link #withArchiveUnchangedSince} found: only while the original is still kept, the batch
     * still in a final status and received and unchanged since before the cutoff. A reprocess that took the batch after
     * the page was read has changed its status and time, so the purge leaves its file to it; and once this is marked, a
     * reprocess refuses (its own compare-and-set asks for {@code archive_purged_at IS NULL}).
     *
     * @return whether the batch was still so and its original may now be deleted
     */
    public boolean markArchivePurged(String id, OffsetDateTime cutoff) {
        boolean taken = jdbc.sql("UPDATE batch SET archive_purged_at = :now WHERE id = :id AND archive_purged_at IS NULL "
                        + "AND status IN (:finals) AND received_at < :cutoff AND updated_at < :cutoff")
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("finals", FINALS)
                .param("cutoff", cutoff)
                .update() == 1;
        if (taken) {
            jdbc.sql("DELETE FROM rejected_row WHERE batch_id = ?").param(id).update();
        }
        return taken;
    }

    /** A batch and where its original lies, relative to the data directory. */
    public record ArchivedBatch(String id, String archivePath) {
    }
}
