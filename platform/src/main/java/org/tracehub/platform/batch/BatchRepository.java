package org.tracehub.platform.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tracehub.platform.sql.ColumnText;
import org.tracehub.platform.sql.CountUpTo;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.sql.JsonStrings;
import org.tracehub.platform.sql.StoreTimes;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.RowNumbering;

/** Batches and their life cycle. */
@Repository
public class BatchRepository {

    /** Every column of a {@link Batch}, for queries elsewhere that map rows with {@link #mapper}. */
    public static final String COLUMNS = "id, source_id, file_name, stored_name, archive_path, size_bytes, sha256, duplicate_of, "
            + "transport, received_at, status, attempt, encoding, rows_read, rows_accepted, rows_rejected, rows_skipped, "
            + "rows_warned, failure_code, failure_message, updated_at, row_numbering, skip_reasons, "
            + "spec_fingerprint, file_warnings";
    /** batch.failure_message's length (V1): a longer reason is cut, so that recording a failure cannot fail. */
    public static final int FAILURE_MESSAGE_LENGTH = 4000;
    /**
     * batch.file_name's length (V1). The name is recorded as sent, but fitted as a message is: a NUL in it (an HTTP upload
     * refuses one, but a pulled or restored file may still bring it) would fail the insert on PostgreSQL on every try of
     * the intake, and the file would never become a batch.
     */
    public static final int FILE_NAME_LENGTH = 1024;
    /** batch.file_header's length (V17), the JSON array of the file's column titles. */
    static final int FILE_HEADER_LENGTH = 100_000;
    /** A column title is cut to this length in the recorded header, as a problem's column name is (batch_error.column_name). */
    static final int FILE_HEADER_TITLE_LENGTH = 200;

    private final JdbcClient jdbc;
    private final InsertIfAbsent inserts;
    private final Clock clock;
    private final RowMapper<Batch> rows;

    public BatchRepository(JdbcClient jdbc, InsertIfAbsent inserts, Clock clock) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.clock = clock;
        this.rows = mapper(clock.getZone());
    }

    /**
     * Records a newly received file as RECEIVED, unless the same content from the same source was
     * received before: then nothing is written and the earlier batch is returned as the duplicate's original.
     * A duplicate is found by looking it up, not by an insert that fails: on PostgreSQL that would be an ERROR in the
     * server's log for every re-sent file, and would abort a surrounding transaction. The insert skips a content key
     * taken meanwhile (two nodes taking in the same file at once) without failing either.
     */
    public Optional<Batch> insertReceived(NewBatch b) {
        Optional<Batch> earlier = findByContentKey(b.contentKey());
        if (earlier.isPresent()) {
            return earlier;
        }
        if (inserts.insert(INSERT, "content_key", values(b, BatchStatus.RECEIVED, b.contentKey(), null, null, null))) {
            return Optional.empty();
        }
        // only the content key makes a duplicate; a collision of the batch id itself is an error
        return Optional.of(findByContentKey(b.contentKey()).orElseThrow(() ->
                new DuplicateKeyException("batch id " + b.id() + " is taken by another batch")));
    }

    /** Records a file that ends at intake (DUPLICATE, UNKNOWN_SOURCE, EMPTY). */
    public void insertTerminal(NewBatch b, BatchStatus status, String duplicateOf, String code, String message) {
        values(b, status, null, duplicateOf, code, message).apply(jdbc.sql(INSERT)).update();
    }

    private static final String INSERT = "INSERT INTO batch (id, source_id, file_name, stored_name, archive_path, size_bytes, "
            + "sha256, content_key, duplicate_of, transport, received_at, status, attempt, failure_code, failure_message, updated_at) "
            + "VALUES (:id, :source, :fileName, :storedName, :archivePath, :size, :sha, :contentKey, :duplicateOf, "
            + ":transport, :receivedAt, :status, 0, :code, :message, :now)";

    private UnaryOperator<JdbcClient.StatementSpec> values(NewBatch b, BatchStatus status, String contentKey, String duplicateOf,
                                                           String code, String message) {
        return statement -> statement
                .param("id", b.id())
                .param("source", b.sourceId())
                .param("fileName", ColumnText.fit(b.fileName(), FILE_NAME_LENGTH))
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
                .param("message", ColumnText.fit(message, FAILURE_MESSAGE_LENGTH))
                .param("now", OffsetDateTime.now(clock));
    }

    public Optional<Batch> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM batch WHERE id = ?").param(id).query(rows).optional();
    }

    public Optional<Batch> findByContentKey(String contentKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM batch WHERE content_key = ?").param(contentKey)
                .query(rows).optional();
    }

    /** The batches a list shows, newest first (received time, then id), {@code limit} of them from {@code offset}. */
    public List<Batch> find(BatchListFilter filter, int offset, int limit) {
        Listing listing = Listing.of(filter);
        return jdbc.sql(listing.select()).params(listing.params()).param("offset", offset).param("limit", limit).query(rows).list();
    }

    /** How many batches the list of {@link #find} holds. */
    public long count(BatchListFilter filter) {
        Listing listing = Listing.of(filter);
        return jdbc.sql(listing.count()).params(listing.params()).query(Long.class).single();
    }

    /**
     * How many batches the list of {@link #find} holds, counted no further than {@code atMost}: a list page's count. The
     * batch table is never purged (2,000,000 rows a year), and on PostgreSQL even the plain {@code COUNT(*)} of it reads
     * every row (0.7–2.8 s at 2,000,000, on each view of the unfiltered list); so does the count of a status most batches
     * are in. Counted this way a view reads at most {@code atMost} index entries or rows.
     */
    public long countUpTo(BatchListFilter filter, long atMost) {
        Listing listing = Listing.of(filter);
        return jdbc.sql(listing.countUpTo()).params(listing.params()).param("atMost", atMost).query(Long.class).single();
    }

    /**
     * The batch a source sent last (of two received at the same time, the greater id), as its list shows it first: one
     * entry of {@code ix_batch_source_received}, however many batches the source sent. GET /api/sources and the console's
     * sources ask once per source.
     */
    public Optional<Batch> lastOfSource(String sourceId) {
        return find(BatchListFilter.ofSource(sourceId), 0, 1).stream().findFirst();
    }

    /**
     * A batch list's statements: a WHERE of the filters given only, each a condition an index can look up. A single
     * statement for every case, {@code (CAST(:source AS VARCHAR(64)) IS NULL OR source_id = :source) AND …}, has one plan
     * for all of them, in which H2 can look nothing up: until V13 every list, and each source's last batch, read the whole
     * table (0.9 s at 2,000,000 batches). The ORDER BY starts with the column that is the same in every row, the source or
     * else the status. That changes no order, but H2 reads rows off an index in the ORDER BY's order only when the ORDER BY
     * starts at the index's first column (V13's indexes); then a page reads its own rows and stops, instead of sorting
     * every batch that matches.
     */
    record Listing(String where, String orderBy, Map<String, Object> params) {

        static Listing of(BatchListFilter f) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> params = new HashMap<>();
            if (f.sourceId() != null) {
                conditions.add("source_id = :source");
                // a NUL from a request's ?source= failed the whole list on PostgreSQL (500); no source id holds one
                params.put("source", ColumnText.storable(f.sourceId()));
            }
            if (f.status() != null) {
                // written into the statement (an enum constant's name, never a user's text): PostgreSQL plans a statement
                // it runs often once for every value, and, not knowing which status, read the whole of ix_batch_received
                // for one that few batches are in (CONVERTING: 0.7 s at 1,000,000 batches); knowing it, it plans for its share
                conditions.add("status = '" + f.status().name() + "'");
            }
            if (f.waitingForDisk() != null) {
                // a filter on the rows the status or the period found: no index of its own
                conditions.add(f.waitingForDisk() ? "status = 'FAILED' AND failure_code = '" + ErrorCodes.DISK_FULL + "'"
                        : BatchReceipt.NOT_WAITING_FOR_DISK);
            }
            if (f.receivedFrom() != null) {
                conditions.add("received_at >= :from");
                params.put("from", f.receivedFrom());
            }
            if (f.receivedBefore() != null) {
                conditions.add("received_at < :to");
                params.put("to", f.receivedBefore());
            }
            String first = f.sourceId() != null ? "source_id, " : f.status() != null ? "status, " : "";
            return new Listing(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions),
                    " ORDER BY " + first + "received_at DESC, id DESC", params);
        }

        String select() {
            return "SELECT " + COLUMNS + " FROM batch" + where + orderBy + " OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY";
        }

        String count() {
            return "SELECT COUNT(*) FROM batch" + where;
        }

        String countUpTo() {
            return CountUpTo.of("batch" + where);
        }
    }

    /**
     * What a new attempt starts from: no counts, no encoding, no file header and no row numbering yet (a reprocess whose
     * conversion fails before its stage step reported the previous attempt's counts, 10 read, 7 accepted, beside an empty
     * problem list),
     * and a staging the purge has not taken (it may stage again: the mark would keep the staging purge from ever seeing
     * it, V15).
     */
    static final String NEW_ATTEMPT = "rows_read = 0, rows_accepted = 0, rows_rejected = 0, rows_skipped = 0, rows_warned = 0, "
            + "skip_reasons = NULL, encoding = NULL, file_header = NULL, row_numbering = NULL, staging_purged_at = NULL, load_job = NULL, "
            + "spec_fingerprint = NULL, file_warnings = NULL";

    /** Starts a new conversion attempt; returns its number (1 for the first). */
    public int startAttempt(String id) {
        jdbc.sql("UPDATE batch SET attempt = attempt + 1, " + NEW_ATTEMPT + ", status = :status, failure_code = NULL, "
                        + "failure_message = NULL, updated_at = :now WHERE id = :id")
                .param("status", BatchStatus.CONVERTING.name()).param("now", OffsetDateTime.now(clock)).param("id", id).update();
        return jdbc.sql("SELECT attempt FROM batch WHERE id = ?").param(id).query(Integer.class).single();
    }

    public void markStaged(String id, int attempt, BatchCounts counts, String encoding) {
        markStaged(id, attempt, counts, SkipReasons.NONE, encoding);
    }

    /** As {@link #markStaged(String, int, BatchCounts, String)}, with why the skipped rows were skipped (V30). */
    public void markStaged(String id, int attempt, BatchCounts counts, SkipReasons skipReasons, String encoding) {
        jdbc.sql("UPDATE batch SET status = :status, rows_read = :read, rows_accepted = :accepted, rows_rejected = :rejected, "
                        + "rows_skipped = :skipped, rows_warned = :warned, skip_reasons = :reasons, encoding = :encoding, "
                        + "failure_code = NULL, failure_message = NULL, updated_at = :now WHERE id = :id AND attempt = :attempt")
                .param("status", BatchStatus.STAGED.name())
                .param("reasons", skipReasons.entries().isEmpty() ? null : skipReasons.encoded())
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

    /**
     * Records the column titles of the batch's file as the attempt's convert step read them (V17), for the error report:
     * the titles of the rows' raw cells stay those of the file as it was converted, whatever becomes of the source's spec.
     * Each title is cut to {@value #FILE_HEADER_TITLE_LENGTH} characters, and titles that would not fit the column are
     * left off at the end (the report names those columns by their number). Not a change the sender hears of:
     * {@code updated_at} stays.
     */
    public void recordFileHeader(String id, int attempt, List<String> titles) {
        recordFileHeader(id, attempt, titles, RowNumbering.LINES);
    }

    /**
     * Records the column titles ({@link #recordFileHeader(String, int, List)}) and what the file's row numbers count
     * (V22), as the reader found them when it opened the file: the receipt labels a problem's row 行号 or 记录号 by it.
     */
    public void recordFileHeader(String id, int attempt, List<String> titles, RowNumbering numbering) {
        List<String> kept = new ArrayList<>(titles.size());
        int length = 2;   // []
        for (String title : titles) {
            String cut = recordedTitle(title);
            int more = JsonStrings.array(Collections.singletonList(cut)).length() - 2 + (kept.isEmpty() ? 0 : 1);
            if (length + more > FILE_HEADER_LENGTH) {
                break;
            }
            kept.add(cut);
            length += more;
        }
        jdbc.sql("UPDATE batch SET file_header = :header, row_numbering = :numbering WHERE id = :id AND attempt = :attempt")
                .param("header", JsonStrings.array(kept)).param("numbering", numbering.name()).param("id", id)
                .param("attempt", attempt).update();
    }

    /**
     * The column titles the attempt's convert step read from the file ({@link #recordFileHeader}); empty for an attempt
     * converted before V17, or one whose file was never opened, or no longer the batch's current attempt.
     */
    public Optional<List<String>> fileHeader(String id, int attempt) {
        return jdbc.sql("SELECT file_header FROM batch WHERE id = ? AND attempt = ?").params(id, attempt)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1))).optional()
                .flatMap(header -> header)
                .map(JsonStrings::parse);
    }

    /**
     * The header of the latest loaded file the batch's source sent before it (among the source's 20 files received
     * before it, so that a source whose files keep failing costs no more than 20 index entries), with the spec
     * fingerprint it was loaded with: what a column read by position held last time. Empty when there is none, or it
     * was loaded before its header was recorded (V17).
     */
    public Optional<PreviousHeader> previousLoadedHeader(String id) {
        return jdbc.sql("SELECT b.id, b.file_name, b.status, b.file_header, b.loaded_spec_fingerprint FROM batch b "
                        + "JOIN batch cur ON cur.id = :id AND b.source_id = cur.source_id AND b.received_at < cur.received_at "
                        + "ORDER BY b.received_at DESC, b.id DESC FETCH FIRST 20 ROWS ONLY")
                .param("id", id)
                .query((rs, i) -> BatchStatus.LOADED.name().equals(rs.getString(3)) && rs.getString(4) != null
                        ? new PreviousHeader(rs.getString(1), rs.getString(2), JsonStrings.parse(rs.getString(4)), rs.getString(5))
                        : null)
                .list().stream().filter(Objects::nonNull).findFirst();
    }

    /** A column title as {@link #recordFileHeader} keeps it: what a title read now is compared with a recorded one as. */
    public static String recordedTitle(String title) {
        return ColumnText.fit(title, FILE_HEADER_TITLE_LENGTH);
    }

    /** A previous file's recorded header ({@link #previousLoadedHeader}); {@code specFingerprint} may be null (before V33). */
    public record PreviousHeader(String batchId, String fileName, List<String> titles, String specFingerprint) {
    }

    /**
     * Records the fingerprint of the spec the attempt's convert step converts with (V33): which mapping made the batch
     * stays known after the job metadata that also held it is purged. Not a change the sender hears of.
     */
    public void recordSpecFingerprint(String id, int attempt, String fingerprint) {
        jdbc.sql("UPDATE batch SET spec_fingerprint = :fingerprint WHERE id = :id AND attempt = :attempt")
                .param("fingerprint", fingerprint).param("id", id).param("attempt", attempt).update();
    }

    /**
     * Records the warnings of the attempt's file as a whole (V36), as its convert step found them when it opened the file:
     * kept with the batch, not as problems of a row. A restart records the same again. Not a change the sender hears of.
     */
    public void recordFileWarnings(String id, int attempt, FileWarnings warnings) {
        jdbc.sql("UPDATE batch SET file_warnings = :warnings WHERE id = :id AND attempt = :attempt")
                .param("warnings", warnings.isEmpty() ? null : warnings.encoded()).param("id", id).param("attempt", attempt)
                .update();
    }

    /** The spec fingerprints of the batch's current attempt and of the attempt the store holds (V33); empty when no batch. */
    public Optional<SpecVersions> specVersions(String id) {
        return jdbc.sql("SELECT spec_fingerprint, loaded_spec_fingerprint FROM batch WHERE id = ?").param(id)
                .query((rs, i) -> new SpecVersions(rs.getString(1), rs.getString(2))).optional();
    }

    /**
     * Which spec versions made a batch ({@code MappingSpec.fingerprint}), null where not known (converted before V33, or
     * not yet).
     *
     * @param current the current attempt's, as its convert step opened the file
     * @param loaded  the attempt's whose events the store holds
     */
    public record SpecVersions(String current, String loaded) {
    }

    /** The warned rows of an attempt counted again: the load adds warnings of its own ({@code RECORD_REPEATED}). */
    public void updateRowsWarned(String id, int attempt, long warned) {
        jdbc.sql("UPDATE batch SET rows_warned = :warned WHERE id = :id AND attempt = :attempt")
                .param("warned", warned).param("id", id).param("attempt", attempt).update();
    }

    /**
     * Rows the convert step accepted that the load then refused ({@code RECORD_KEY_CONFLICT}): counted rejected from
     * now on, so that the receipt's counts and its problem rows agree. In the load's transaction, with the rows' problems.
     */
    public void refuseAcceptedRows(String id, int attempt, long rows) {
        jdbc.sql("UPDATE batch SET rows_accepted = rows_accepted - :rows, rows_rejected = rows_rejected + :rows "
                        + "WHERE id = :id AND attempt = :attempt")
                .param("rows", rows).param("id", id).param("attempt", attempt).update();
    }

    public void markFailed(String id, int attempt, String code, String message) {
        fail(id, attempt, null, code, message);
    }

    /**
     * Batches FAILED for a full data disk ({@link ErrorCodes#DISK_FULL}) that the hub retries itself once space is back,
     * those waiting longest first. Every node asks every few minutes, and FAILED batches of other causes are kept for
     * ever: the status and code are literals, so PostgreSQL's plan, even the generic one of a prepared statement, reads
     * the few waiting batches from V41's partial index {@code ix_batch_waiting_for_disk} in its order, not every FAILED
     * batch (nor, planned blind to the values, every batch by {@code ix_batch_updated}).
     */
    public List<String> findWaitingForDisk(int limit) {
        return jdbc.sql("SELECT id FROM batch WHERE status = '" + BatchStatus.FAILED.name() + "' AND failure_code = '"
                        + ErrorCodes.DISK_FULL + "' ORDER BY updated_at, id FETCH FIRST :limit ROWS ONLY")
                .param("limit", limit)
                .query(String.class).list();
    }

    /**
     * Marks the attempt FAILED only while the batch is still in the given status: a retry or reprocess whose job could
     * not be started fails its batch, unless something else has moved it on meanwhile (the nightly sync loaded it).
     *
     * @return whether the batch was in that status and is FAILED now
     */
    public boolean markFailedIfStill(String id, int attempt, BatchStatus expected, String code, String message) {
        return fail(id, attempt, expected, code, message);
    }

    private boolean fail(String id, int attempt, BatchStatus expected, String code, String message) {
        return jdbc.sql("UPDATE batch SET status = :status, failure_code = :code, failure_message = :message, updated_at = :now "
                        + "WHERE id = :id AND attempt = :attempt" + (expected == null ? "" : " AND status = :expected"))
                .param("status", BatchStatus.FAILED.name())
                .param("code", code)
                .param("message", ColumnText.fit(message, FAILURE_MESSAGE_LENGTH))
                .param("now", OffsetDateTime.now(clock))
                .param("id", id)
                .param("attempt", attempt)
                .param("expected", expected == null ? null : expected.name())
                .update() == 1;
    }

    // --- intake's delivery bookkeeping (V4): the JMS announcement and the receipt of each batch

    /** The batch's announcement on the import queue has left. */
    public void markDispatched(String id) {
        jdbc.sql("UPDATE batch SET dispatched_at = :now WHERE id = :id").param("now", OffsetDateTime.now(clock)).param("id", id).update();
    }

    /**
     * RECEIVED batches not announced since the given time: received before it and never announced (the send failed after
     * its last retry), or last announced before it and still not started (the message was lost on the way: the import
     * listener's redeliveries ran out while the database was down, and the broker moved it to its dead-letter queue);
     * oldest first.
     */
    public List<String> findAnnouncementsDue(OffsetDateTime before, int limit) {
        return jdbc.sql("SELECT id FROM batch WHERE status = :status AND (dispatched_at < :before OR dispatched_at IS NULL AND "
                        + "received_at < :before) ORDER BY received_at FETCH FIRST :limit ROWS ONLY")
                .param("status", BatchStatus.RECEIVED.name()).param("before", before).param("limit", limit)
                .query(String.class).list();
    }

    /** The receipt for this status and attempt of the batch is in the sender's outbox. */
    public void markReceiptDelivered(String id, BatchStatus status, int attempt) {
        jdbc.sql("UPDATE batch SET receipt_status = :status, receipt_attempt = :attempt, receipt_at = :now, receipt_tried_at = :now, "
                        + "receipt_failure = NULL WHERE id = :id")
                .param("status", status.name()).param("attempt", attempt).param("now", OffsetDateTime.now(clock)).param("id", id)
                .update();
    }

    /**
     * A delivery of the batch's receipt failed: when (the redelivery sweep takes the batches it tried least recently
     * first) and why (the console shows it while the receipt is behind the batch).
     */
    public void markReceiptFailed(String id, String reason) {
        jdbc.sql("UPDATE batch SET receipt_tried_at = :now, receipt_failure = :reason WHERE id = :id")
                .param("now", OffsetDateTime.now(clock)).param("reason", ColumnText.fit(reason, RECEIPT_FAILURE_LENGTH)).param("id", id)
                .update();
    }

    /** batch.receipt_failure's length (V29). */
    public static final int RECEIPT_FAILURE_LENGTH = 1000;

    /** What became of a batch's receipt, empty if there is no such batch. */
    public Optional<BatchReceipt> receiptOf(String id) {
        return receiptsOf(List.of(id)).values().stream().findFirst();
    }

    /** What became of each batch's receipt, by batch id. */
    public Map<String, BatchReceipt> receiptsOf(List<String> ids) {
        Map<String, BatchReceipt> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        ZoneId zone = clock.getZone();
        jdbc.sql("SELECT id, status, attempt, updated_at, receipt_status, receipt_attempt, receipt_at, receipt_tried_at, "
                        + "receipt_failure, receipt_given_up_at, failure_code FROM batch WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids))
                .query((rs, i) -> {
                    String status = rs.getString("receipt_status");
                    int attempt = rs.getInt("receipt_attempt");
                    Integer receiptAttempt = rs.wasNull() ? null : attempt;
                    return new BatchReceipt(rs.getString("id"), BatchStatus.valueOf(rs.getString("status")), rs.getInt("attempt"),
                            StoreTimes.inZone(rs, "updated_at", zone), status == null ? null : BatchStatus.valueOf(status), receiptAttempt,
                            StoreTimes.inZone(rs, "receipt_at", zone), StoreTimes.inZone(rs, "receipt_tried_at", zone),
                            rs.getString("receipt_failure"), StoreTimes.inZone(rs, "receipt_given_up_at", zone),
                            rs.getString("failure_code"));
                }).list()
                .forEach(r -> result.put(r.batchId(), r));
        return result;
    }

    /**
     * Batches whose status deserves a receipt (STAGED and every final status) but whose outbox holds none
     * written since their last change — none for that status and attempt, or one older than the change (a retry that
     * failed again, for another reason: FAILED at the same attempt, but not the receipt the sender has) — last changed
     * within the given window. The sources take turns: each source's receipt tried least recently (never tried: by its
     * change), then each one's second, and so on; within a turn the least recently tried first. By the last try alone, a
     * source whose outbox kept failing for days had thousands of receipts tried before a receipt another source missed
     * a minute ago, and filled every sweep with them.
     */
    public List<BatchReceiptDue> findReceiptsDue(OffsetDateTime changedAfter, OffsetDateTime changedBefore, int limit) {
        return jdbc.sql(RECEIPTS_DUE).param("after", changedAfter).param("before", changedBefore).param("limit", limit)
                .query((rs, i) -> new BatchReceiptDue(rs.getString("id"), rs.getString("source_id"))).list();
    }

    /**
     * How many batches of each source {@link #findReceiptsDue} would find, all of them: the receipts the redelivery has
     * not got into the outbox yet, for a meter. Sources with none are left out.
     */
    public Map<String, Long> countReceiptsDue(OffsetDateTime changedAfter, OffsetDateTime changedBefore) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT source_id, COUNT(*) AS owed FROM batch WHERE updated_at > :after AND updated_at < :before "
                        + "AND status NOT IN (" + NO_RECEIPT_STATUSES + ") AND " + BatchReceipt.NOT_WAITING_FOR_DISK + " "
                        + "AND " + BatchReceipt.BEHIND + " GROUP BY source_id")
                .param("after", changedAfter).param("before", changedBefore)
                .query(rs -> {
                    counts.put(rs.getString("source_id"), rs.getLong("owed"));
                });
        return counts;
    }

    /**
     * The statuses are named by those that get no receipt, the ones before the stage step. Named by the six that do, the
     * {@code IN} list was a look-up H2 preferred to the window of {@code updated_at}: it read every batch in those
     * statuses, nearly every batch, through the status index (2 s at 1,000,000 batches, every 5 minutes). A {@code NOT IN}
     * is no index condition, so only the window is read, through ix_batch_updated in the ORDER BY's order.
     */
    private static final String NO_RECEIPT_STATUSES = Arrays.stream(BatchStatus.values()).filter(s -> !BatchReceipt.isOwed(s))
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    static final String RECEIPTS_DUE = "SELECT id, source_id FROM (SELECT id, source_id, COALESCE(receipt_tried_at, updated_at) AS tried, "
            + "ROW_NUMBER() OVER (PARTITION BY source_id ORDER BY COALESCE(receipt_tried_at, updated_at), id) AS turn "
            + "FROM batch WHERE updated_at > :after AND updated_at < :before "
            + "AND status NOT IN (" + NO_RECEIPT_STATUSES + ") AND " + BatchReceipt.NOT_WAITING_FOR_DISK + " "
            + "AND " + BatchReceipt.BEHIND + ") due "
            + "ORDER BY turn, tried, id FETCH FIRST :limit ROWS ONLY";

    /**
     * Batches whose receipt is still behind them but which left the redelivery's window (changed at or before
     * {@code changedBefore}, after {@code changedAfter}) since they were last reported given up: no sweep takes them
     * again, so each is reported once ({@link #markReceiptGivenUp}).
     */
    public List<BatchReceiptLapse> findReceiptsLapsed(OffsetDateTime changedAfter, OffsetDateTime changedBefore, int limit) {
        return jdbc.sql("SELECT id, source_id, updated_at, receipt_failure FROM batch WHERE updated_at > :after AND updated_at <= :before "
                        + "AND status NOT IN (" + NO_RECEIPT_STATUSES + ") AND " + BatchReceipt.NOT_WAITING_FOR_DISK + " "
                        + "AND " + BatchReceipt.BEHIND + " "
                        + "AND (receipt_given_up_at IS NULL OR receipt_given_up_at < updated_at) ORDER BY updated_at, id FETCH FIRST :limit ROWS ONLY")
                .param("after", changedAfter).param("before", changedBefore).param("limit", limit)
                .query((rs, i) -> new BatchReceiptLapse(rs.getString("id"), rs.getString("source_id"),
                        StoreTimes.inZone(rs, "updated_at", clock.getZone()), rs.getString("receipt_failure")))
                .list();
    }

    /**
     * When a batch last changed before {@code before}, empty if none did: a hub starting after all nodes were down finds
     * when they stopped by it (nothing changes a batch while no node runs).
     */
    public Optional<OffsetDateTime> lastChangeBefore(OffsetDateTime before) {
        return jdbc.sql(LAST_CHANGE_BEFORE).param("before", before)
                .query((rs, i) -> StoreTimes.inZone(rs, "updated_at", clock.getZone())).optional();
    }

    static final String LAST_CHANGE_BEFORE = "SELECT updated_at FROM batch WHERE updated_at < :before ORDER BY updated_at DESC "
            + "FETCH FIRST 1 ROWS ONLY";

    /** Records that the batch's missing receipt was reported given up; false if another sweep did it first. */
    public boolean markReceiptGivenUp(String id) {
        return jdbc.sql("UPDATE batch SET receipt_given_up_at = :now WHERE id = :id "
                        + "AND (receipt_given_up_at IS NULL OR receipt_given_up_at < updated_at)")
                .param("now", OffsetDateTime.now(clock)).param("id", id).update() == 1;
    }

    /**
     * Maps rows selected with {@link #COLUMNS}, their times in {@code zone}. PostgreSQL hands a
     * {@code TIMESTAMP WITH TIME ZONE} back in UTC (H2 keeps the offset it was given): without the
     * conversion a receipt would tell a Shanghai clerk the time in London.
     */
    public static RowMapper<Batch> mapper(ZoneId zone) {
        return (rs, row) -> map(rs, zone);
    }

    private static Batch map(ResultSet rs, ZoneId zone) throws SQLException {
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
                StoreTimes.inZone(rs, "received_at", zone),
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
                StoreTimes.inZone(rs, "updated_at", zone),
                RowNumbering.of(rs.getString("row_numbering")),
                SkipReasons.decode(rs.getString("skip_reasons")),
                rs.getString("spec_fingerprint"),
                FileWarnings.decode(rs.getString("file_warnings")));
    }
}
