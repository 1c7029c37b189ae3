package org.tracehub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tracehub.hub.audit.AuditInterceptor;
import org.tracehub.hub.console.BatchDays;
import org.tracehub.hub.console.BatchFilter;
import org.tracehub.hub.console.BatchSearch;
import org.tracehub.hub.security.SecurityCurrentUser;
import org.tracehub.jobs.actions.BulkReprocess;
import org.tracehub.jobs.actions.BulkReprocessRefused;
import org.tracehub.platform.batch.BatchListFilter;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.BulkReprocessItem;
import org.tracehub.platform.batch.BulkReprocessRequest;
import org.tracehub.routes.intake.SourceIds;

/**
 * Reprocessing every batch of a source received in a period (admin): after a spec's record key or step changed, one
 * request instead of a click per batch. It answers 202 with the request's id and how many batches it selected; the
 * batches are reprocessed one after another in the background, in the order they were received. A second request for a
 * source whose request is not finished is a 409 {@code BULK_REPROCESS_RUNNING}.
 */
@RestController
@RequestMapping("/api/sources/{id}/reprocess")
public class BulkReprocessController {

    private static final int LISTED = 20;

    private final BulkReprocess bulk;
    private final BatchSearch search;
    private final SecurityCurrentUser currentUser;

    public BulkReprocessController(BulkReprocess bulk, BatchSearch search, SecurityCurrentUser currentUser) {
        this.bulk = bulk;
        this.search = search;
        this.currentUser = currentUser;
    }

    /** What was asked; follow it at {@code progress}. */
    public record Requested(String requestId, String sourceId, int selected, String progress) {
    }

    /** One batch of the request, in its order, with what became of it. */
    public record Item(int seq, String batchId, String fileName, OffsetDateTime receivedAt, String outcome, String outcomeText,
                       Integer attempt, String batchStatus, String code, String reason, OffsetDateTime endedAt) {

        static Item of(BulkReprocessItem i) {
            return new Item(i.seq(), i.batchId(), i.fileName(), i.receivedAt(), i.outcome().name(), i.outcome().chinese(), i.attempt(),
                    i.batchStatus(), i.code(), i.reason(), i.endedAt());
        }
    }

    /** A request as asked (who, when, the period) and how far it got; {@code items} only for one request. */
    public record Progress(String requestId, String sourceId, String from, String to, String status, String requestedBy,
                           OffsetDateTime startedAt, String state, String stateText, int selected, int done, int failed,
                           int skipped, int interrupted, int pending, String currentBatch, String changedBy,
                           OffsetDateTime changedAt, OffsetDateTime endedAt, String progress, List<Item> items) {

        static Progress of(BulkReprocessRequest r, List<Item> items) {
            return new Progress(r.id(), r.sourceId(), r.fromDay(), r.toDay(), r.statusFilter() == null ? null : r.statusFilter().name(),
                    r.requestedBy(), r.requestedAt(), r.state().name(), r.state().chinese(), r.selected(), r.done(), r.failed(),
                    r.skipped(), r.interrupted(), r.pending(), r.currentBatch(), r.changedBy(), r.changedAt(), r.endedAt(),
                    path(r.sourceId(), r.id()), items);
        }
    }

    /**
     * Reprocesses the source's batches received from {@code from} to {@code to} (days {@code yyyy-MM-dd} in the hub's zone,
     * both included, as the batch list's filter; or times {@code yyyy-MM-ddTHH:mm}, {@code to} excluded), of {@code status}
     * only when given.
     */
    @PostMapping
    public ResponseEntity<Requested> request(@PathVariable String id, @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to, @RequestParam(required = false) String status,
                                             HttpServletRequest http) {
        checkSource(id);
        BatchDays.Bound start = required(from, "from");
        BatchDays.Bound end = required(to, "to");
        if (end.end() != null && !start.start().isBefore(end.end())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "开始日期（from）不能晚于结束日期（to）：" + from + " 至 " + to);
        }
        BatchStatus only = status(status);
        BatchListFilter selection = search.selection(new BatchFilter(id, only, start, end));
        BulkReprocessRequest created = refusalsAsProblems(() -> bulk.request(selection, start.toString(), end.toString(), currentUser.name()));
        http.setAttribute(AuditInterceptor.DETAIL, created.id() + " " + start + " 至 " + end + (only == null ? "" : " " + only)
                + "，" + created.selected() + " 个批次");
        String progress = path(id, created.id());
        return ResponseEntity.accepted().location(URI.create(progress))
                .body(new Requested(created.id(), id, created.selected(), progress));
    }

    /** The source's requests, newest first. */
    @GetMapping
    public List<Progress> list(@PathVariable String id) {
        checkSource(id);
        return bulk.ofSource(id, LISTED).stream().map(r -> Progress.of(r, null)).toList();
    }

    @GetMapping("/{requestId}")
    public Progress progress(@PathVariable String id, @PathVariable String requestId) {
        BulkReprocess.Progress p = refusalsAsProblems(() -> bulk.progress(requestId));
        ofSource(id, p.request());
        return Progress.of(p.request(), p.items().stream().map(Item::of).toList());
    }

    /** Stops before the next batch; the batch under way finishes (state CANCELLING until it has). */
    @PostMapping("/{requestId}/cancel")
    public Progress cancel(@PathVariable String id, @PathVariable String requestId) {
        ofSource(id, refusalsAsProblems(() -> bulk.progress(requestId)).request());
        refusalsAsProblems(() -> bulk.cancel(requestId, currentUser.name()));
        return progress(id, requestId);
    }

    /** Goes on with an interrupted request (the hub stopped under it), from the batch after the last one it reached. */
    @PostMapping("/{requestId}/resume")
    public ResponseEntity<Progress> resume(@PathVariable String id, @PathVariable String requestId) {
        ofSource(id, refusalsAsProblems(() -> bulk.progress(requestId)).request());
        refusalsAsProblems(() -> bulk.resume(requestId, currentUser.name()));
        return ResponseEntity.accepted().location(URI.create(path(id, requestId))).body(progress(id, requestId));
    }

    static String path(String sourceId, String requestId) {
        return "/api/sources/" + sourceId + "/reprocess/" + requestId;
    }

    private static void ofSource(String id, BulkReprocessRequest request) {
        if (!request.sourceId().equals(id)) {
            throw new ApiException(HttpStatus.NOT_FOUND, org.tracehub.jobs.actions.BulkReprocessCodes.BULK_REPROCESS_NOT_FOUND,
                    "来源" + id + "没有批量重新处理请求 " + request.id());
        }
    }

    private static void checkSource(String id) {
        if (!SourceIds.isWellFormed(id)) {
            throw new ApiException(HttpStatus.NOT_FOUND, ApiErrorCodes.SOURCE_NOT_FOUND, "来源不存在：" + id);
        }
    }

    private static BatchDays.Bound required(String day, String name) {
        try {
            BatchDays.Bound bound = BatchDays.parse(day);
            if (bound == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST,
                        "请给出接收日期范围：from 和 to 都必须填写（yyyy-MM-dd，平台时区），缺少 " + name);
            }
            return bound;
        } catch (BatchDays.BadDay e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, e.getMessage());
        }
    }

    private static BatchStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return BatchStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.BAD_REQUEST, "未知的批次状态：" + status);
        }
    }

    private static <T> T refusalsAsProblems(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (BulkReprocessRefused e) {
            throw new ApiException(e.isNotFound() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
    }
}
