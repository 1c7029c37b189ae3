package org.tracehub.mappings.engine;

/** Where the rows being converted come from; recorded in every event's provenance. */
public record ConversionContext(String sourceId, String batchId, int attempt) {
}
