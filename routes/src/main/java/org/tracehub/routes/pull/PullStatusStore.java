package org.tracehub.routes.pull;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tracehub.platform.sql.InsertIfAbsent;
import org.tracehub.platform.sql.StoreTimes;

/** The {@code pull_state} table: each source's pull outcomes, kept across restarts. */
@Component
public class PullStatusStore {

    private static final int MAX_MESSAGE = 1000;

    private final JdbcClient jdbc;

    private final InsertIfAbsent inserts;

    private final ZoneId zone;

    public PullStatusStore(JdbcClient jdbc, InsertIfAbsent inserts, Clock clock) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.zone = clock.getZone();
    }

    public Optional<PullStatus> find(String sourceId) {
        return jdbc.sql("SELECT source_id, last_attempt_at, last_success_at, last_failure_at, last_failure_message, "
                        + "consecutive_failures, last_fetched, last_unmatched FROM pull_state WHERE source_id = ?")
                .param(sourceId)
                .query((rs, i) -> new PullStatus(rs.getString("source_id"), StoreTimes.inZone(rs, "last_attempt_at", zone),
                        StoreTimes.inZone(rs, "last_success_at", zone), StoreTimes.inZone(rs, "last_failure_at", zone),
                        rs.getString("last_failure_message"), rs.getInt("consecutive_failures"), rs.getInt("last_fetched"),
                        rs.getInt("last_unmatched")))
                .optional();
    }

    void started(String sourceId, OffsetDateTime at) {
        ensureRow(sourceId);
        jdbc.sql("UPDATE pull_state SET last_attempt_at = ? WHERE source_id = ?").params(at, sourceId).update();
    }

    void succeeded(String sourceId, OffsetDateTime at, int fetched) {
        succeeded(sourceId, at, fetched, 0);
    }

    /** @param unmatched files the pull listed whose names match none of the source's file names */
    void succeeded(String sourceId, OffsetDateTime at, int fetched, int unmatched) {
        ensureRow(sourceId);
        jdbc.sql("UPDATE pull_state SET last_success_at = ?, consecutive_failures = 0, last_fetched = ?, last_unmatched = ? "
                        + "WHERE source_id = ?")
                .params(at, fetched, unmatched, sourceId).update();
    }

    /** Records a failed pull; returns how many pulls have now failed in a row. */
    int failed(String sourceId, OffsetDateTime at, String message) {
        ensureRow(sourceId);
        jdbc.sql("UPDATE pull_state SET last_failure_at = ?, last_failure_message = ?, consecutive_failures = consecutive_failures + 1 "
                + "WHERE source_id = ?").params(at, clipped(message), sourceId).update();
        return jdbc.sql("SELECT consecutive_failures FROM pull_state WHERE source_id = ?").param(sourceId).query(Integer.class).single();
    }

    /**
     * The source's pull warning, as its runs left it
     * ({@link #warned}, {@link #warningCleared}, {@link #notFetchedWarningCleared}).
     */
    public Optional<PullWarning> warning(String sourceId) {
        return jdbc.sql("SELECT warning_kind, warning_at, warning_files, warning_message FROM pull_state "
                        + "WHERE source_id = ? AND warning_at IS NOT NULL")
                .param(sourceId)
                .query((rs, i) -> new PullWarning(kind(rs.getString("warning_kind")), StoreTimes.inZone(rs, "warning_at", zone),
                        rs.getInt("warning_files"), rs.getString("warning_message")))
                .optional();
    }

    /**
     * Records the source's warning. A warning of files not fetched does not replace a standing one of files taken in and
     * left on the server (the source has one warning): those need an admin's hand, and nothing else would say so; the
     * files not fetched are added to its detail (a later pull fetches them by itself).
     */
    void warned(String sourceId, PullWarning warning) {
        ensureRow(sourceId);
        if (warning.kind().notFetched()) {
            Optional<PullWarning> standing = warning(sourceId);
            if (standing.isPresent() && standing.get().kind() == PullWarning.Kind.LEFT_AFTER_FETCH) {
                String stem = standing.get().message();
                int earlierAddition = stem.indexOf(NOT_FETCHED_TOO);
                if (earlierAddition >= 0) {
                    stem = stem.substring(0, earlierAddition);
                }
                jdbc.sql("UPDATE pull_state SET warning_message = ? WHERE source_id = ?")
                        .params(clipped(stem + NOT_FETCHED_TOO + warning.message()), sourceId).update();
                return;
            }
        }
        jdbc.sql("UPDATE pull_state SET warning_kind = ?, warning_at = ?, warning_files = ?, warning_message = ? WHERE source_id = ?")
                .params(warning.kind().name(), warning.at(), warning.filesLeft(), clipped(warning.message()), sourceId).update();
    }

    /** Where a standing warning's detail goes on with files a later run did not fetch. */
    static final String NOT_FETCHED_TOO = "；另有未拉取的文件（不必处理，下一次拉取会再试）：";

    /**
     * Clears what the source's warning says of files not fetched (a later run left none): the whole warning if it is one of
     * files not fetched (too new, or waiting for disk space), the addition ({@link #NOT_FETCHED_TOO}) to a standing one of
     * files left on the server, which stays.
     */
    void notFetchedWarningCleared(String sourceId) {
        jdbc.sql(CLEAR_WARNING + " AND warning_kind IN (?, ?, ?)")
                .params(sourceId, PullWarning.Kind.NOT_FETCHED.name(), PullWarning.Kind.WAITING_FOR_DISK.name(),
                        PullWarning.Kind.UNMATCHED_NAMES.name()).update();
        Optional<PullWarning> standing = warning(sourceId);
        if (standing.isPresent()) {
            String message = standing.get().message();
            int addition = message.indexOf(NOT_FETCHED_TOO);
            if (addition >= 0) {
                jdbc.sql("UPDATE pull_state SET warning_message = ? WHERE source_id = ?")
                        .params(message.substring(0, addition), sourceId).update();
            }
        }
    }

    void warningCleared(String sourceId) {
        jdbc.sql(CLEAR_WARNING).param(sourceId).update();
    }

    private static final String CLEAR_WARNING = "UPDATE pull_state SET warning_kind = NULL, warning_at = NULL, "
            + "warning_files = NULL, warning_message = NULL WHERE source_id = ?";

    /** A warning's kind as stored; none (a warning written before V26) is a file left after its fetch, the only kind then. */
    private static PullWarning.Kind kind(String stored) {
        return stored == null ? PullWarning.Kind.LEFT_AFTER_FETCH : PullWarning.Kind.valueOf(stored);
    }

    /** A message as its column holds it (VARCHAR(1000)). */
    private static String clipped(String message) {
        return message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }

    private void ensureRow(String sourceId) {
        if (jdbc.sql("SELECT COUNT(*) FROM pull_state WHERE source_id = ?").param(sourceId).query(Long.class).single() == 0) {
            // skipped without an error if another node recorded the source's first pull at the same moment
            inserts.insert("INSERT INTO pull_state (source_id, consecutive_failures, last_fetched) VALUES (?, 0, 0)", "source_id",
                    statement -> statement.param(sourceId));
        }
    }
}
