package org.tracehub.platform.staging;

/** An accepted event waiting for its load, as standard XML. */
public record StagedEvent(String batchId, int attempt, long row, String eventId, String payload) {
}
