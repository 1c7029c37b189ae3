package org.tracehub.hub.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.security.SecurityCurrentUser;
import org.tracehub.hub.console.BatchDays;
import org.tracehub.hub.console.BatchFilter;
import org.tracehub.hub.console.BatchSearch;
import org.tracehub.hub.console.RowProblemsPage;
import org.tracehub.jobs.recovery.DiskFullWaits;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchErrorRepository;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchReceipt;
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
    private final BatchAttempts attempts;
    private final BatchSearch search;
    private final RowProblemsPage problemPages;
    private final SecurityCurrentUser currentUser;
    private final DiskFullWaits diskFullWaits;

    public BatchController(BatchRepository batches, BatchErrorRepository errors, BatchAttempts attempts, BatchSearch search,
                           RowProblemsPage problemPages, SecurityCurrentUser currentUser, DiskFullWaits diskFullWaits) {
        this.currentUser = currentUser;
        this.diskFullWaits = diskFullWaits;
        this.batches = batches;
        this.errors = errors;
        this.attempts = attempts;
        this.search = search;
        this.problemPages = problemPages;
    }

    /** Filtered and paginated; a sender (role SOURCE) gets its own source's batches whatever it asks for. */
    @GetMapping
    public List<BatchView> list(@RequestParam(required = false) String source,
                                @RequestParam(required = false) String status,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "0") int page) {
        BatchStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = BatchStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "未知的批次状态：" + status);
            }
        }
        source = currentUser.restrictedSource().orElse(source);
        // from/to: days (yyyy-MM-dd, hub time zone), both included, or times (yyyy-MM-ddTHH:mm, to excluded)
        List<Batch> found = search.find(new BatchFilter(source == null || source.isBlank() ? null : source, s, day(from), day(to)),
                ApiPages.offset(page, PAGE_SIZE, "更早的批次请用 from/to（日期或时间）缩小范围，再从第 0 页翻起。"), PAGE_SIZE);
        List<String> ids = found.stream().map(Batch::id).toList();
        Map<String, Integer> loaded = attempts.loadedAttempts(ids);
        Map<String, BatchReceipt> receipts = batches.receiptsOf(ids);
        return found.stream().map(b -> BatchView.of(b, loaded.get(b.id()), receipts.get(b.id()))).toList();
    }

    @GetMapping("/{id}")
    public BatchView one(@PathVariable String id) {
        Batch batch = find(id);
        return BatchView.of(batch, attempts.loadedAttempt(id).orElse(null), batches.receiptOf(id).orElse(null),
                batches.specVersions(id).orElse(null), diskFullWaits.of(batch).orElse(null));
    }

    /**
     * The problems of the batch's latest attempt, in row order; all of them, or one page of {@value #PAGE_SIZE} with
     * {@code page}. All of them are written as they are read from the store, a page at a time: a file with half a
     * million refused rows does not have to fit the heap.
     */
    @GetMapping("/{id}/errors")
    public Iterable<RowProblem> errors(@PathVariable String id, @RequestParam(required = false) Integer page) {
        Batch batch = find(id);
        if (batch.attempt() == 0) {
            return List.of();
        }
        if (page == null) {
            return errors.problemsOf(id, batch.attempt());
        }
        return problemPages.find(id, batch.attempt(),
                        ApiPages.offset(page, PAGE_SIZE, "不带 page 参数可一次取得全部问题行。"), PAGE_SIZE).stream()
                .map(l -> new RowProblem(l.row(), l.column(), l.field(), l.severity(), l.code(), l.message(), l.value())).toList();
    }

    private static BatchDays.Bound day(String day) {
        try {
            return BatchDays.parse(day);
        } catch (BatchDays.BadDay e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, e.getMessage());
        }
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
