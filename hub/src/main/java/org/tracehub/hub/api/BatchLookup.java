package org.tracehub.hub.api;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;

/** Finds a batch by the id in a URL, or answers 404 BATCH_NOT_FOUND. */
@Component
public class BatchLookup {

    private final BatchRepository batches;

    public BatchLookup(BatchRepository batches) {
        this.batches = batches;
    }

    public Batch find(String id) {
        if (!BatchIds.isWellFormed(id)) {
            throw notFound(id);
        }
        return batches.findById(id).orElseThrow(() -> notFound(id));
    }

    static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiErrorCodes.BATCH_NOT_FOUND, "批次不存在：" + id);
    }
}
