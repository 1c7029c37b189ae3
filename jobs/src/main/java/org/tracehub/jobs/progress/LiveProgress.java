package org.tracehub.jobs.progress;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The progress of the work running on this node, updated row by row. What a chunk commits is also in
 * the job repository, readable from any node; this adds what is not committed yet: the rows of the
 * current chunk, and a load, which is a single transaction from its first event to its last.
 */
@Component
public class LiveProgress {

    /** What a running step of one batch attempt has done so far. */
    public record Snapshot(Phase phase, int attempt, long done, long total, long bytesRead, Instant updatedAt) {
    }

    /** The two phases that work through rows. */
    public enum Phase {
        CONVERTING,
        LOADING
    }

    private final Map<String, Snapshot> running = new ConcurrentHashMap<>();

    /** Rows returned by the converting reader so far, and the estimated bytes of the file they took up. */
    public void converting(String batchId, int attempt, long rowsRead, long bytesRead) {
        running.put(batchId, new Snapshot(Phase.CONVERTING, attempt, rowsRead, -1, bytesRead, Instant.now()));
    }

    /** Events written into the store so far by the load's transaction, of {@code total}. */
    public void loading(String batchId, int attempt, long loaded, long total) {
        running.put(batchId, new Snapshot(Phase.LOADING, attempt, loaded, total, 0, Instant.now()));
    }

    /** The step ended (either way): its committed outcome is in the job repository. */
    public void ended(String batchId, int attempt) {
        running.computeIfPresent(batchId, (id, s) -> s.attempt() == attempt ? null : s);
    }

    public Optional<Snapshot> of(String batchId) {
        return Optional.ofNullable(running.get(batchId));
    }
}
