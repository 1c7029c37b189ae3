package org.tracehub.platform.batch;

import java.time.OffsetDateTime;

/** What intake knows of a file once it is archived. */
public record NewBatch(
        String id,
        String sourceId,
        String fileName,
        String storedName,
        String archivePath,
        long sizeBytes,
        String sha256,
        Transport transport,
        OffsetDateTime receivedAt) {

    public String contentKey() {
        return sourceId + ":" + sha256;
    }
}
