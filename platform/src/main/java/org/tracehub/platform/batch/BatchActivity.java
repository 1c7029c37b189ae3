package org.tracehub.platform.batch;

/**
 * What one source sent in a period: files (batches of every status), the rows read and rejected in
 * them (their latest attempts), the batches that FAILED and those still STAGED for a load.
 */
public record BatchActivity(String sourceId, long files, long rowsRead, long rowsRejected, long failed, long staged) {
}
