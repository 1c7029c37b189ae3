package org.tracehub.platform.batch;

/** Row counts of one conversion attempt. Rows read = accepted + rejected; skipped rows are apart. */
public record BatchCounts(long read, long accepted, long rejected, long skipped, long warned) {
}
