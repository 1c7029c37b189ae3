package org.tracehub.platform.staging;

/**
 * An accepted event to stage ({@link StagedEventRepository#replaceRange}): its row of the file, its keys and its standard
 * XML as the marshaller wrote it, UTF-8. The bytes go to the attempt's file as they are: staged as a string they were
 * decoded after marshalling and encoded again for the file, a tenth of the convert step's writing thread (bench/README.md,
 * finding 32). {@code recordKey} {@code null} for an event made without one.
 */
public record NewStagedEvent(long row, String eventId, String recordKey, byte[] xml) {
}
