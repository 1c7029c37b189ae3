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

    private final JdbcClient jdbc;
    private final Clock clock;

    public BatchRetention(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Batches in a final status, unchanged since before the cutoff, whose staging the purge has not yet removed (or found
     * none of), with the attempt they are at; oldest change first. LOADED and FAILED ones may hold staged events; the
     * others hold none, and are marked like them so that no night reads them again.
     */
    public List<StagedBatch> withStagingUnchangedSince(OffsetDateTime cutoff, int limit) {
        return jdbc.sql(STAGING_KEPT)
                .param("finals", FINALS)
                .param("cutoff", cutoff)
                .param("limit", limit)
                .query((rs, i) -> new StagedBatch(rs.getString(1), rs.getInt(2)))
                .list();
    }

    /**
     * Read through {@code ix_batch_staging_kept} (V15): the batches whose staging is not yet marked purged. Before it every
     * night read every LOADED and FAILED batch older than the staging age, purged years ago or not, to find those that
     * still had staged rows. The ORDER BY starts with staging_purged_at (NULL in every row it returns) for H2, which reads
     * rows off an index in ORDER BY order only when the ORDER BY starts at the index's first column.
     */
    static final String STAGING_KEPT = "SELECT id, attempt FROM batch WHERE staging_purged_at IS NULL AND updated_at < :cutoff "
            + "AND status IN (:finals) ORDER BY staging_purged_at, updated_at, id FETCH FIRST :limit ROWS ONLY";

    /**
     * Takes a batch's staging for the purge, before its rows are deleted: records when, by a compare-and-set on what
     * {@link #withStagingUnchangedSince} found — still unmarked, at that attempt, in a final status and unchanged since
     * before the cutoff. A reprocess or retry started since the page was read has changed the attempt, the status or the
     * time, and its staging is in use; once this is marked, either clears the mark as it starts (a new attempt may
     * stage again), after the purge's transaction commits.
     *
     * @return whether the batch was still so, and its staging up to that attempt may now go
     */
    public boolean markStagingPurged(String id, int attempt, OffsetDateTime cutoff) {
        return jdbc.sql("UPDATE batch SET staging_purged_at = :now WHERE id = :id AND attempt = :attempt "
                        + "AND staging_purged_at IS NULL AND status IN (:finals) AND updated_at < :cutoff")
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("attempt", attempt)
                .param("finals", FINALS)
                .param("cutoff", cutoff)
                .update() == 1;
    }

    /** A batch whose staging the purge may remove, and the attempt it was at when it was read. */
    public record StagedBatch(String id, int attempt) {
    }

    /**
     * Batches whose loaded attempt superseded earlier attempts (a later attempt loaded before the cutoff) whose problems
     * may still be kept, with the attempt the store holds; longest marked first.
     */
    public List<SupersededBatch> withSupersededProblemsSince(OffsetDateTime cutoff, int limit) {
        return jdbc.sql(SUPERSEDED_PROBLEMS)
                .param("since", MARKS_SINCE)
                .param("cutoff", cutoff)
                .param("limit", limit)
                .query((rs, i) -> new SupersededBatch(rs.getString(1), rs.getInt(2)))
                .list();
    }

    /**
     * Read through {@code ix_batch_superseded_problems} (V16): only the batches marked, and due. The lower bound is for
     * H2, which otherwise reads the index from its start, through the NULL of every batch never reprocessed, to the first
     * mark; no mark is older than the hub.
     */
    static final String SUPERSEDED_PROBLEMS = "SELECT id, loaded_attempt FROM batch WHERE superseded_problems_at >= :since "
            + "AND superseded_problems_at < :cutoff ORDER BY superseded_problems_at, id FETCH FIRST :limit ROWS ONLY";

    /** Before any mark the hub sets: the lower bound of {@link #SUPERSEDED_PROBLEMS}. */
    static final OffsetDateTime MARKS_SINCE = OffsetDateTime.parse("2000-01-01T00:00Z");

    /**
     * The problems of the attempts before {@code loadedAttempt} are gone: the batch's mark goes, unless a later attempt
     * loaded meanwhile (it marked the batch again, and the attempts it superseded wait for their own retention).
     *
     * @return whether the mark went
     */
    public boolean markSupersededProblemsPurged(String id, int loadedAttempt) {
        return jdbc.sql("UPDATE batch SET superseded_problems_at = NULL WHERE id = :id AND loaded_attempt = :loaded")
                .param("id", id)
                .param("loaded", loadedAttempt)
                .update() == 1;
    }

    /** A batch with problems of superseded attempts, and the attempt the store holds (every earlier one is superseded). */
    public record SupersededBatch(String id, int loadedAttempt) {
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
     * Takes the batch's original for the purge, before its file is deleted: records when, and forgets with it what was
     * kept of the batch's rows, every attempt's: the raw cells of its rejected rows (the sender's data), its row problems
     * (which the console, the error report and a receipt written again list, and which the original is needed to act
     * on), and its rows whose versions were lost ({@code lost_version}: only a reprocess, no longer possible, could store
     * them again). The batch row, with its counts and the time of the purge, stays: its page says what went and when.
     * Before, the problems of the current attempt stayed for ever: a 50,000-row file refused whole kept some 20 MB. A
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
            jdbc.sql("DELETE FROM batch_error WHERE batch_id = ?").param(id).update();
            jdbc.sql("DELETE FROM lost_version WHERE batch_id = ?").param(id).update();
        }
        return taken;
    }

    /** A batch and where its original lies, relative to the data directory. */
    public record ArchivedBatch(String id, String archivePath) {
    }
}
