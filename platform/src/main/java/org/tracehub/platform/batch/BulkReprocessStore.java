package org.tracehub.platform.batch;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.sql.StoreTimes;

/**
 * Bulk reprocess requests (V42): the selection, made once when the request is made (the batches of the source received in
 * the period, received first, first), and the bookkeeping of its runner, each change one compare-and-set so that a cancel,
 * a resume and the runner never overtake one another. One unfinished request per source: the unique index on
 * {@code active_source} refuses a second on any node.
 */
@Repository
public class BulkReprocessStore {

    static final int REASON_LENGTH = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String COLUMNS = "id, source_id, from_day, to_day, status_filter, requested_by, requested_at, node_id, "
            + "state, selected, done, failed, skipped, interrupted, current_batch, changed_by, changed_at, ended_at";
    /** The request gives its source back, and ends. */
    private static final String ENDS = "active_source = NULL, ended_at = :now";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;

    public BulkReprocessStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Request ids look like batch ids with an R before them: {@code R20261202-1f3a9c0b2d}. */
    public static boolean isWellFormedId(String id) {
        return id != null && id.matches("R\\d{8}-[0-9a-f]{10}");
    }

    /**
     * Records the request and its selection, or nothing when the source already has an unfinished request (empty).
     * The selection is made here, once: batches received later, or a batch whose status changes meanwhile, do not change
     * what the admin confirmed.
     */
    public Optional<BulkReprocessRequest> create(BatchListFilter selection, String fromDay, String toDay, String requestedBy,
                                                 String nodeId) {
        if (selection.sourceId() == null || selection.receivedFrom() == null) {
            throw new IllegalArgumentException("a bulk reprocess selects the batches of one source from a time");
        }
        if (unfinishedOf(selection.sourceId()).isPresent()) {
            return Optional.empty(); // looked up first: on PostgreSQL a failed insert is an ERROR in the server's log
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String id = "R" + now.format(DAY) + "-" + HexFormat.of().formatHex(randomBytes());
        try {
            return tx.execute(status -> {
                jdbc.sql("INSERT INTO bulk_reprocess (id, source_id, active_source, received_from, received_before, from_day, to_day, "
                                + "status_filter, requested_by, requested_at, node_id, state, selected) VALUES (:id, :source, :source, "
                                + ":from, :before, :fromDay, :toDay, :status, :who, :now, :node, 'RUNNING', 0)")
                        .param("id", id).param("source", selection.sourceId())
                        .param("from", selection.receivedFrom()).param("before", selection.receivedBefore())
                        .param("fromDay", fromDay).param("toDay", toDay)
                        .param("status", selection.status() == null ? null : selection.status().name())
                        .param("who", ColumnText.fit(requestedBy, 100)).param("now", now).param("node", nodeId).update();
                BatchRepository.Listing listing = BatchRepository.Listing.of(selection);
                int selected = jdbc.sql("INSERT INTO bulk_reprocess_item (request_id, seq, batch_id, outcome) "
                                + "SELECT :request, ROW_NUMBER() OVER (ORDER BY received_at, id), id, 'PENDING' FROM batch" + listing.where())
                        .params(listing.params()).param("request", id).update();
                jdbc.sql("UPDATE bulk_reprocess SET selected = :n WHERE id = :id").param("n", selected).param("id", id).update();
                return find(id);
            });
        } catch (DuplicateKeyException e) {
            return Optional.empty(); // another node's request for the source came between the look-up and the insert
        }
    }

    public Optional<BulkReprocessRequest> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulk_reprocess WHERE id = ?").param(id).query(this::request).optional();
    }

    /** The source's unfinished request, if any. */
    public Optional<BulkReprocessRequest> unfinishedOf(String sourceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulk_reprocess WHERE active_source = ?").param(sourceId).query(this::request).optional();
    }

    /** The source's requests, newest first. */
    public List<BulkReprocessRequest> ofSource(String sourceId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulk_reprocess WHERE source_id = :source ORDER BY requested_at DESC, id DESC "
                        + "FETCH FIRST :limit ROWS ONLY")
                .param("source", sourceId).param("limit", limit).query(this::request).list();
    }

    /** The node's requests its runner works on (RUNNING, or CANCELLING with a batch under way), oldest first. */
    public List<BulkReprocessRequest> runnable(String nodeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulk_reprocess WHERE node_id = :node AND state IN ('RUNNING', 'CANCELLING') "
                        + "ORDER BY requested_at, id").param("node", nodeId).query(this::request).list();
    }

    /** The request's batches in their order, with the file name and received time of each. */
    public List<BulkReprocessItem> items(String requestId) {
        ZoneId zone = clock.getZone();
        return jdbc.sql("SELECT i.seq, i.batch_id, b.file_name, b.received_at, i.outcome, i.attempt, i.batch_status, i.code, i.reason, "
                        + "i.ended_at FROM bulk_reprocess_item i LEFT JOIN batch b ON b.id = i.batch_id WHERE i.request_id = ? ORDER BY i.seq")
                .param(requestId)
                .query((rs, n) -> new BulkReprocessItem(rs.getInt("seq"), rs.getString("batch_id"), rs.getString("file_name"),
                        StoreTimes.inZone(rs, "received_at", zone), BulkReprocessOutcome.valueOf(rs.getString("outcome")),
                        (Integer) rs.getObject("attempt", Integer.class), rs.getString("batch_status"), rs.getString("code"),
                        rs.getString("reason"), StoreTimes.inZone(rs, "ended_at", zone)))
                .list();
    }

    /** The next batch not reached yet. */
    public Optional<BulkReprocessItem> nextPending(String requestId) {
        return items(requestId, "outcome = 'PENDING'").stream().findFirst();
    }

    private List<BulkReprocessItem> items(String requestId, String condition) {
        return jdbc.sql("SELECT seq, batch_id, outcome FROM bulk_reprocess_item WHERE request_id = ? AND " + condition
                        + " ORDER BY seq FETCH FIRST 1 ROWS ONLY")
                .param(requestId)
                .query((rs, n) -> new BulkReprocessItem(rs.getInt("seq"), rs.getString("batch_id"), null, null,
                        BulkReprocessOutcome.valueOf(rs.getString("outcome")), null, null, null, null, null))
                .list();
    }

    /**
     * Takes the item as the batch under way, while the request still runs and has none under way: false when it was
     * cancelled (or interrupted) since the runner read it.
     */
    public boolean takeTurn(String requestId, BulkReprocessItem item) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int taken = jdbc.sql("UPDATE bulk_reprocess SET current_batch = :batch WHERE id = :id AND state = 'RUNNING' "
                    + "AND current_batch IS NULL").param("batch", item.batchId()).param("id", requestId).update();
            if (taken == 0) {
                return false;
            }
            jdbc.sql("UPDATE bulk_reprocess_item SET outcome = 'RUNNING' WHERE request_id = :id AND seq = :seq AND outcome = 'PENDING'")
                    .param("id", requestId).param("seq", item.seq()).update();
            return true;
        }));
    }

    /** The attempt the item's reprocess started. */
    public void recordAttempt(String requestId, int seq, int attempt) {
        jdbc.sql("UPDATE bulk_reprocess_item SET attempt = :attempt WHERE request_id = :id AND seq = :seq")
                .param("attempt", attempt).param("id", requestId).param("seq", seq).update();
    }

    /**
     * What became of the batch under way; the request counts it and has no batch under way any more. A request cancelled
     * while it was under way ends now.
     */
    public void recordOutcome(String requestId, int seq, BulkReprocessOutcome outcome, String batchStatus, String code, String reason) {
        String counter = switch (outcome) {
            case DONE -> "done";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
            case INTERRUPTED -> "interrupted";
            default -> throw new IllegalArgumentException("not an outcome of a batch's turn: " + outcome);
        };
        OffsetDateTime now = OffsetDateTime.now(clock);
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE bulk_reprocess_item SET outcome = :outcome, batch_status = :batchStatus, code = :code, reason = :reason, "
                            + "ended_at = :now WHERE request_id = :id AND seq = :seq")
                    .param("outcome", outcome.name()).param("batchStatus", batchStatus).param("code", ColumnText.fit(code, 40))
                    .param("reason", ColumnText.fit(reason, REASON_LENGTH)).param("now", now)
                    .param("id", requestId).param("seq", seq).update();
            jdbc.sql("UPDATE bulk_reprocess SET " + counter + " = " + counter + " + 1, current_batch = NULL WHERE id = :id")
                    .param("id", requestId).update();
            jdbc.sql("UPDATE bulk_reprocess SET state = 'CANCELLED', " + ENDS + " WHERE id = :id AND state = 'CANCELLING'")
                    .param("id", requestId).param("now", now).update();
        });
    }

    /** Ends a running request none of whose batches is left; false when one is (or it no longer runs). */
    public boolean complete(String requestId) {
        return jdbc.sql("UPDATE bulk_reprocess SET state = 'COMPLETED', " + ENDS + " WHERE id = :id AND state = 'RUNNING' "
                        + "AND current_batch IS NULL AND NOT EXISTS (SELECT 1 FROM bulk_reprocess_item WHERE request_id = :id "
                        + "AND outcome IN ('PENDING', 'RUNNING'))")
                .param("id", requestId).param("now", OffsetDateTime.now(clock)).update() == 1;
    }

    /**
     * Cancels an unfinished request: at once when no batch is under way, else once it is (CANCELLING). Empty when it was
     * finished already; else its state now.
     */
    public Optional<BulkReprocessState> cancel(String requestId, String who) {
        int changed = jdbc.sql("UPDATE bulk_reprocess SET "
                        + "state = CASE WHEN current_batch IS NULL THEN 'CANCELLED' ELSE 'CANCELLING' END, "
                        + "active_source = CASE WHEN current_batch IS NULL THEN NULL ELSE active_source END, "
                        + "ended_at = CASE WHEN current_batch IS NULL THEN :now ELSE ended_at END, changed_by = :who, changed_at = :now "
                        + "WHERE id = :id AND state IN ('RUNNING', 'INTERRUPTED')")
                .param("now", OffsetDateTime.now(clock)).param("who", ColumnText.fit(who, 100)).param("id", requestId).update();
        return changed == 0 ? Optional.empty() : find(requestId).map(BulkReprocessRequest::state);
    }

    /** Lets an interrupted request go on, on the given node; false when it was not interrupted. */
    public boolean resume(String requestId, String who, String nodeId) {
        return jdbc.sql("UPDATE bulk_reprocess SET state = 'RUNNING', node_id = :node, changed_by = :who, changed_at = :now "
                        + "WHERE id = :id AND state = 'INTERRUPTED'")
                .param("node", nodeId).param("who", ColumnText.fit(who, 100)).param("now", OffsetDateTime.now(clock))
                .param("id", requestId).update() == 1;
    }

    /**
     * At a node's start, its requests a stop or a crash left running (last changed before {@code before}, the start): each
     * INTERRUPTED (a CANCELLING one CANCELLED), the batch under way recorded as interrupted. Returns how many requests were.
     */
    public int interruptAll(String nodeId, OffsetDateTime before, String reason) {
        List<BulkReprocessRequest> left = runnable(nodeId).stream()
                .filter(r -> (r.changedAt() != null ? r.changedAt() : r.requestedAt()).isBefore(before)).toList();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (BulkReprocessRequest r : left) {
            tx.executeWithoutResult(status -> {
                int under = jdbc.sql("UPDATE bulk_reprocess_item SET outcome = 'INTERRUPTED', reason = :reason, ended_at = :now "
                                + "WHERE request_id = :id AND outcome = 'RUNNING'")
                        .param("reason", ColumnText.fit(reason, REASON_LENGTH)).param("now", now).param("id", r.id()).update();
                jdbc.sql("UPDATE bulk_reprocess SET interrupted = interrupted + :n, current_batch = NULL, "
                                + "state = CASE WHEN state = 'CANCELLING' THEN 'CANCELLED' ELSE 'INTERRUPTED' END, "
                                + "active_source = CASE WHEN state = 'CANCELLING' THEN NULL ELSE active_source END, "
                                + "ended_at = CASE WHEN state = 'CANCELLING' THEN :now ELSE ended_at END "
                                + "WHERE id = :id AND state IN ('RUNNING', 'CANCELLING')")
                        .param("n", under).param("now", now).param("id", r.id()).update();
            });
        }
        return left.size();
    }

    private BulkReprocessRequest request(ResultSet rs, int n) throws SQLException {
        ZoneId zone = clock.getZone();
        String status = rs.getString("status_filter");
        return new BulkReprocessRequest(rs.getString("id"), rs.getString("source_id"), rs.getString("from_day"), rs.getString("to_day"),
                status == null ? null : BatchStatus.valueOf(status), rs.getString("requested_by"),
                StoreTimes.inZone(rs, "requested_at", zone), rs.getString("node_id"), BulkReprocessState.valueOf(rs.getString("state")),
                rs.getInt("selected"), rs.getInt("done"), rs.getInt("failed"), rs.getInt("skipped"), rs.getInt("interrupted"),
                rs.getString("current_batch"), rs.getString("changed_by"), StoreTimes.inZone(rs, "changed_at", zone),
                StoreTimes.inZone(rs, "ended_at", zone));
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[5];
        RANDOM.nextBytes(random);
        return random;
    }
}
