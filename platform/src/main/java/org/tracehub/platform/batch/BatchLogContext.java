package org.tracehub.platform.batch;

import org.slf4j.MDC;

/**
 * The MDC keys that put a batch on a log line, shared by intake (routes), the jobs and the HTTP
 * requests of the hub, so every module's lines show them alike: open it around the work on one batch.
 */
public final class BatchLogContext implements AutoCloseable {

    public static final String BATCH_ID = "batchId";
    public static final String SOURCE_ID = "sourceId";

    private final boolean batchSet;
    private final boolean sourceSet;

    private BatchLogContext(String batchId, String sourceId) {
        batchSet = batchId != null;
        sourceSet = sourceId != null;
        if (batchSet) {
            MDC.put(BATCH_ID, batchId);
        }
        if (sourceSet) {
            MDC.put(SOURCE_ID, sourceId);
        }
    }

    /** Sets whichever of the two is known (null leaves a key alone); {@link #close()} removes them. */
    public static BatchLogContext open(String batchId, String sourceId) {
        return new BatchLogContext(batchId, sourceId);
    }

    @Override
    public void close() {
        if (batchSet) {
            MDC.remove(BATCH_ID);
        }
        if (sourceSet) {
            MDC.remove(SOURCE_ID);
        }
    }
}
