package org.tracehub.hub.api;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.RowProblem;

/** Batches and their rejected rows. */
@RestController
@RequestMapping("/api/batches")
public class BatchController {

    private static final int PAGE_SIZE = 50;

    private final BatchRepository batches;
    private final BatchErrorRepository errors;

    public BatchController(BatchRepository batches, BatchErrorRepository errors) {
        this.batches = batches;
        this.errors = errors;
    }

    @GetMapping
    public List<BatchView> list(@RequestParam(required = false) String source,
                                @RequestParam(required = false) String status,
                                @RequestParam(defaultValue = "0") int page) {
        BatchStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = BatchStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "未知的批次状态：" + status);
            }
        }
        return batches.find(source, s, Math.max(page, 0) * PAGE_SIZE, PAGE_SIZE).stream().map(BatchView::of).toList();
    }

    @GetMapping("/{id}")
    public BatchView one(@PathVariable String id) {
        return BatchView.of(find(id));
    }

    /** The problems of the batch's latest attempt, in row order. */
    @GetMapping("/{id}/errors")
    public List<RowProblem> errors(@PathVariable String id) {
        Batch batch = find(id);
        return batch.attempt() == 0 ? List.of() : errors.findByBatch(id, batch.attempt());
    }

    private Batch find(String id) {
        if (!BatchIds.isWellFormed(id)) {
            throw notFound(id);
        }
        return batches.findById(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiErrorCodes.BATCH_NOT_FOUND, "批次不存在：" + id);
    }
}
