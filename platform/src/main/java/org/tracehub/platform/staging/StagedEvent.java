package org.tracehub.platform.staging;

/**
 * An accepted event waiting for its load, as standard XML, with the key the store finds it by
 * ({@code EventIds.recordKey}; {@code null} for events staged before the store kept it, V9).
 */
public record StagedEvent(String batchId, int attempt, long row, String eventId, String recordKey, String payload) {
}
