package org.tracehub.platform.batch;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.StoreTimes;

/**
 * The attempts of a batch as the batch jobs move them: reprocessing (attempt n+1), retrying a failed
 * attempt, and switching the attempt the store holds. Every change is a compare-and-set on the batch
 * row, so two admins (or two nodes) acting on the same batch cannot both win.
 */
@Repository
public class BatchAttempts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final BatchRepository batches;

    public BatchAttempts(JdbcClient jdbc, Clock clock, BatchRepository batches) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.batches = batches;
    }

    /**
     * Starts attempt n+1 of a batch that is in one of the given statuses and whose archived original
     * is still kept: the batch becomes CONVERTING, its failure is cleared. Empty when the batch is in
     * another status (busy, or someone else was first) or its archive was purged.
     */
    public OptionalInt startNextAttempt(String id, Set<BatchStatus> from) {
        if (from.isEmpty()) {
            return OptionalInt.empty();
        }
        return nextAttempt(id, "status IN (:from)", Map.of("from", from.stream().map(Enum::name).toList()));
    }

    /**
     * Starts attempt n+1 of a batch left in an in-progress status (CONVERTING) by a run that will never end it: only
     * while it is still at that status and attempt and has not changed since before {@code unchangedBefore} (a run that
     * took it up meanwhile changes the row), and its original is kept. Empty otherwise.
     */
    public OptionalInt startNextAttemptOfStuck(String id, BatchStatus status, int attempt, OffsetDateTime unchangedBefore) {
        return nextAttempt(id, "status = :stuck AND attempt = :attempt AND updated_at < :unchangedBefore",
                Map.of("stuck", status.name(), "attempt", attempt, "unchangedBefore", unchangedBefore));
    }

    private OptionalInt nextAttempt(String id, String condition, Map<String, Object> params) {
        int updated = jdbc.sql("UPDATE batch SET attempt = attempt + 1, " + BatchRepository.NEW_ATTEMPT
                        + ", status = :converting, failure_code = NULL, failure_message = NULL, updated_at = :now "
                        + "WHERE id = :id AND " + condition + " AND archive_purged_at IS NULL")
                .param("converting", BatchStatus.CONVERTING.name())
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .params(params)
                .update();
        if (updated == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(jdbc.sql("SELECT attempt FROM batch WHERE id = ?").param(id).query(Integer.class).single());
    }

    /**
     * A FAILED attempt runs again where it stopped: the batch goes back to the status of the work
     * that is resumed (CONVERTING or STAGED) and loses its failure, and the staging purge's mark (a run that failed
     * before it staged anything may stage now). False when the batch is no longer FAILED at that attempt.
     */
    public boolean resumeFailed(String id, int attempt, BatchStatus to) {
        return jdbc.sql("UPDATE batch SET status = :to, failure_code = NULL, failure_message = NULL, staging_purged_at = NULL, "
                        + "updated_at = :now "
                        + "WHERE id = :id AND attempt = :attempt AND status = :failed")
                .param("to", to.name())
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("attempt", attempt)
                .param("failed", BatchStatus.FAILED.name())
                .update() == 1;
    }

    /**
     * The attempt is now the one in the store: LOADED, {@code loaded_attempt} switched, a failure of an
     * earlier run of the same attempt cleared. A later attempt than the first also marks the batch for the purge of
     * the problems of the attempts it supersedes ({@code superseded_problems_at}, V16; the purge removes them after their
     * retention, never this transaction). Call it in the transaction that loaded the attempt.
     * False when a newer attempt superseded this one meanwhile (nothing is changed then).
     */
    public boolean markLoaded(String id, int attempt) {
        return jdbc.sql("UPDATE batch SET status = :loaded, loaded_attempt = :attempt, load_completed_attempt = :attempt, "
                        + "loaded_spec_fingerprint = spec_fingerprint, "
                        + "failure_code = NULL, "
                        + "failure_message = NULL, updated_at = :now" + (attempt > 1 ? ", superseded_problems_at = :now" : "")
                        + " WHERE id = :id AND attempt = :attempt")
                .param("loaded", BatchStatus.LOADED.name())
                .param("attempt", attempt)
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .update() == 1;
    }

    /**
     * A first load of a batch (nothing of it in the store yet) takes the store for its attempt before
     * its first page commits, so that {@code loaded_attempt} names the one attempt whose events the store
     * may hold while the load is still running (a later attempt then knows what to remove). Call it in
     * the first page's transaction. False when the batch already has another attempt in the store or a
     * newer attempt superseded this one (nothing is changed then).
     */
    public boolean claimStore(String id, int attempt) {
        // not a change the sender hears of: updated_at stays, or the receipt redelivery would take the STAGED receipt
        // already delivered for older than the batch and send it again in the middle of the load
        return jdbc.sql("UPDATE batch SET loaded_attempt = :attempt, loaded_spec_fingerprint = spec_fingerprint "
                        + "WHERE id = :id AND attempt = :attempt AND (loaded_attempt IS NULL OR loaded_attempt = :attempt)")
                .param("attempt", attempt)
                .param("id", id)
                .update() == 1;
    }

    /**
     * Takes the load of the batch's current attempt for the job whose load step runs ({@code importJob} or
     * {@code loadJob}): only while the batch is at that attempt and no other job has it. The batch stays STAGED while it
     * loads, so without this a nightly sync running while an import loads (its source just switched to load at night)
     * loaded the same attempt a second time beside it. Not bound to STAGED: a restart of the job's own run may find its
     * batch FAILED (start-up recovery of a run whose failure was marked before the crash), and loads it as before. One
     * conditional update, so of two runs (or two nodes on one database) one wins. A new attempt clears it
     * ({@link BatchRepository#NEW_ATTEMPT}); a retry keeps it (it restarts the same job). False when another job has the
     * attempt's load or a newer attempt superseded it (nothing is changed then).
     */
    public boolean claimLoad(String id, int attempt, String job) {
        return claimLoad(id, attempt, job, "");
    }

    /**
     * {@link #claimLoad} for a run that is about to start a load of the batch (the nightly sync): only while the batch is
     * STAGED, as the sync listed it, or the job has the load already. False when the batch has been loaded, has failed
     * or is being loaded by another job since.
     */
    public boolean claimStagedLoad(String id, int attempt, String job) {
        return claimLoad(id, attempt, job, " AND status = '" + BatchStatus.STAGED.name() + "'");
    }

    private boolean claimLoad(String id, int attempt, String job, String firstClaimCondition) {
        // not a change the sender hears of: updated_at stays (the receipt redelivery and start-up recovery go by it)
        return jdbc.sql("UPDATE batch SET load_job = :job WHERE id = :id AND attempt = :attempt "
                        + "AND (load_job = :job OR load_job IS NULL" + firstClaimCondition + ")")
                .param("job", job)
                .param("id", id)
                .param("attempt", attempt)
                .update() == 1;
    }

    /** The node whose recovery claimed the start of a batch attempt left without any job, and when (V25). */
    public record StartClaim(String node, OffsetDateTime at) {
    }

    /**
     * Who claimed the start of this attempt of the batch ({@link #claimStartWithoutJob}); empty when no node has (a claim
     * of an earlier attempt does not count).
     */
    public Optional<StartClaim> startClaim(String id, int attempt) {
        return jdbc.sql("SELECT recovery_claimed_by, recovery_claimed_at FROM batch WHERE id = ? AND recovery_claimed_attempt = ?")
                .params(id, attempt)
                .query((rs, i) -> new StartClaim(rs.getString(1), StoreTimes.inZone(rs, "recovery_claimed_at", clock.getZone())))
                .optional();
    }

    /**
     * Claims for a node the start of a batch attempt left CONVERTING without any job execution, which start-up recovery
     * or the takeover is about to start: only while the batch is still CONVERTING at that attempt and the claim is as
     * {@code seen} read it (no claim of this attempt, or the claim of that node). One conditional update, so of two nodes
     * that read the same claim one wins; the other leaves the batch to it. Not a change the sender hears of: updated_at
     * stays.
     *
     * @param seen the node whose claim of this attempt was read ({@link #startClaim}), empty when there was none
     */
    public boolean claimStartWithoutJob(String id, int attempt, Optional<String> seen, String node) {
        String asSeen = seen.isPresent() ? " OR recovery_claimed_by = :seen" : "";
        JdbcClient.StatementSpec update = jdbc.sql("UPDATE batch SET recovery_claimed_by = :node, recovery_claimed_attempt = :attempt, "
                        + "recovery_claimed_at = :now WHERE id = :id AND attempt = :attempt AND status = :converting "
                        + "AND (recovery_claimed_attempt IS NULL OR recovery_claimed_attempt <> :attempt" + asSeen + ")")
                .param("node", node)
                .param("attempt", attempt)
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("converting", BatchStatus.CONVERTING.name());
        if (seen.isPresent()) {
            update = update.param("seen", seen.get());
        }
        return update.update() == 1;
    }

    /** The job that has taken the load of the batch's current attempt ({@link #claimLoad}); empty while none has. */
    public Optional<String> loadJob(String id) {
        return jdbc.sql("SELECT load_job FROM batch WHERE id = ?").param(id)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1))).optional()
                .flatMap(o -> o);
    }

    /**
     * The attempt whose events the store holds if its load ran to its end (V20); empty when nothing of the batch was
     * loaded, or the store holds what a load stopped half-way committed.
     */
    public Optional<Integer> wholeLoadedAttempt(String id) {
        return jdbc.sql("SELECT loaded_attempt FROM batch WHERE id = ? AND load_completed_attempt = loaded_attempt").param(id)
                .query((rs, i) -> Optional.ofNullable((Integer) rs.getObject(1, Integer.class))).optional()
                .flatMap(o -> o);
    }

    /** What a load stopped half-way left in the store: its attempt and how many of its events are there. */
    public record PartialLoad(int attempt, long events) {
    }

    /**
     * The attempt whose events the store holds though its load did not run to its end (a first load stopped half-way:
     * its committed pages stay, served like any other events, until a later attempt of the batch loads), with how many
     * of its events the store holds; empty when nothing of the batch is in the store or its attempt was loaded whole
     * ({@link #wholeLoadedAttempt}). While a first load runs, its own attempt.
     */
    public Optional<PartialLoad> partiallyLoadedAttempt(String id) {
        return jdbc.sql("SELECT loaded_attempt FROM batch WHERE id = ? AND loaded_attempt IS NOT NULL "
                        + "AND (load_completed_attempt IS NULL OR load_completed_attempt <> loaded_attempt)").param(id)
                .query(Integer.class).optional()
                .map(attempt -> new PartialLoad(attempt, jdbc.sql("SELECT COUNT(*) FROM trace_event WHERE batch_id = ? AND attempt = ?")
                        .params(id, attempt).query(Long.class).single()))
                // a newer batch may have replaced every one of them (one row per record and source): nothing of it is left
                .filter(partial -> partial.events() > 0);
    }

    /** The attempt whose events the store holds; empty when nothing of the batch was loaded. */
    public Optional<Integer> loadedAttempt(String id) {
        return jdbc.sql("SELECT loaded_attempt FROM batch WHERE id = ?").param(id)
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, Integer.class))).optional()
                .flatMap(o -> o);
    }

    /** {@link #loadedAttempt} of several batches at once (a page of the batch list); batches with none are absent. */
    public Map<String, Integer> loadedAttempts(Collection<String> ids) {
        Map<String, Integer> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT id, loaded_attempt FROM batch WHERE id IN (:ids) AND loaded_attempt IS NOT NULL")
                .param("ids", List.copyOf(ids))
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** Batches in a status, oldest first; of the given sources only, unless {@code sources} is null. */
    public List<Batch> findInStatus(BatchStatus status, Collection<String> sources) {
        if (sources != null && sources.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT id FROM batch WHERE status = :status"
                + (sources == null ? "" : " AND source_id IN (:sources)") + " ORDER BY received_at, id";
        var statement = jdbc.sql(sql).param("status", status.name());
        if (sources != null) {
            statement = statement.param("sources", List.copyOf(sources));
        }
        return statement.query(String.class).list().stream()
                .map(batches::findById).flatMap(Optional::stream).toList();
    }

    /** When the archived original was purged, in the hub's zone; empty while it is kept. */
    public Optional<OffsetDateTime> archivePurgedAt(String id) {
        return archivePurgedAt(id, "");
    }

    /**
     * {@link #archivePurgedAt} once no other transaction holds the batch row: an archive purge marks the batch and deletes
     * its folder before its transaction commits, and until then a plain read still finds the original kept. This read
     * waits for that transaction to end (it locks the row, for this statement only when no transaction is active), so it
     * sees what the purge decided. On H2 it gives up after the lock timeout (a
     * {@link org.springframework.dao.QueryTimeoutException}).
     */
    public Optional<OffsetDateTime> archivePurgedAtOnceSettled(String id) {
        return archivePurgedAt(id, " FOR UPDATE");
    }

    private Optional<OffsetDateTime> archivePurgedAt(String id, String lock) {
        return jdbc.sql("SELECT archive_purged_at FROM batch WHERE id = ?" + lock).param(id)
                .query((rs, i) -> Optional.ofNullable(StoreTimes.inZone(rs, "archive_purged_at", clock.getZone()))).optional()
                .flatMap(o -> o);
    }
}
