package org.tracehub.jobs.actions;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.tracehub.jobs.recovery.HubNode;
import org.tracehub.jobs.recovery.HubNodes;
import org.tracehub.platform.batch.BatchListFilter;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BulkReprocessItem;
import org.tracehub.platform.batch.BulkReprocessRequest;
import org.tracehub.platform.batch.BulkReprocessState;
import org.tracehub.platform.batch.BulkReprocessStore;

/**
 * An admin's reprocess of every batch of a source received in a period: the request is recorded with its selection, and
 * {@link BulkReprocessRunner} reprocesses the batches one after another, each through {@link BatchActions#reprocess}.
 * One unfinished request per source; cancel and resume.
 */
@Service
public class BulkReprocess {

    private static final Logger log = LoggerFactory.getLogger(BulkReprocess.class);

    private final BulkReprocessStore store;
    private final BatchRepository batches;
    private final BulkReprocessRunner runner;
    private final HubNode node;
    private final HubNodes nodes;
    private final Clock clock;
    /** A node silent this long is gone ({@code hub.jobs.recovery.node-timeout}, as for its job executions). */
    private final Duration nodeTimeout;

    public BulkReprocess(BulkReprocessStore store, BatchRepository batches, BulkReprocessRunner runner, HubNode node, HubNodes nodes,
                         Clock clock, @Value("${hub.jobs.recovery.node-timeout:PT10M}") Duration nodeTimeout) {
        this.store = store;
        this.batches = batches;
        this.runner = runner;
        this.node = node;
        this.nodes = nodes;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
    }

    /** A request's state and its batches. */
    public record Progress(BulkReprocessRequest request, List<BulkReprocessItem> items) {
    }

    /**
     * Records the request and lets this node's runner start it.
     *
     * @param selection the source, the period (both bounds) and the status filter, as times
     * @param fromDay   the period as the admin gave it, kept with the request
     */
    public BulkReprocessRequest request(BatchListFilter selection, String fromDay, String toDay, String who) {
        String source = selection.sourceId();
        if (batches.countUpTo(selection, 1) == 0) {
            throw new BulkReprocessRefused(BulkReprocessCodes.BULK_REPROCESS_NOTHING_SELECTED,
                    "来源" + source + "在 " + fromDay + " 至 " + toDay + " 期间没有接收到" + (selection.status() == null ? "批次"
                            : "状态为“" + selection.status().chinese() + "”的批次"));
        }
        BulkReprocessRequest created = store.create(selection, fromDay, toDay, who, node.id())
                .orElseThrow(() -> running(source));
        log.info("bulk reprocess {} of source {} asked by {}: batches received {} to {}{}, {} selected", created.id(), source, who,
                fromDay, toDay, selection.status() == null ? "" : " in status " + selection.status(), created.selected());
        runner.wake();
        return created;
    }

    public Progress progress(String requestId) {
        return new Progress(find(requestId), store.items(requestId));
    }

    /** The source's requests, newest first. */
    public List<BulkReprocessRequest> ofSource(String sourceId, int limit) {
        return store.ofSource(sourceId, limit);
    }

    /** Stops the request before its next batch; the batch under way finishes. */
    public BulkReprocessRequest cancel(String requestId, String who) {
        interruptIfItsNodeIsGone(find(requestId));
        BulkReprocessState state = store.cancel(requestId, who).orElseThrow(() -> new BulkReprocessRefused(
                BulkReprocessCodes.BULK_REPROCESS_FINISHED, "批量重新处理 " + requestId + " 已经结束，无需取消"));
        log.info("bulk reprocess {} cancelled by {}: {}", requestId, who, state);
        return find(requestId);
    }

    /** Lets an interrupted request go on, on this node, with the batch after the last one it reached. */
    public BulkReprocessRequest resume(String requestId, String who) {
        BulkReprocessRequest request = find(requestId);
        interruptIfItsNodeIsGone(request);
        if (!store.resume(requestId, who, node.id())) {
            throw new BulkReprocessRefused(BulkReprocessCodes.BULK_REPROCESS_NOT_INTERRUPTED, "批量重新处理 " + requestId
                    + " 当前状态为“" + find(requestId).state().chinese() + "”，只有已中断的请求可以继续");
        }
        log.info("bulk reprocess {} of source {} resumed by {}", requestId, request.sourceId(), who);
        runner.wake();
        return find(requestId);
    }

    /**
     * A request still running on a node that has stopped beating (gone for good, or not started again) is interrupted as
     * that node's next start would: nothing else would ever end its batch under way, and a cancel would wait for it for ever.
     */
    private void interruptIfItsNodeIsGone(BulkReprocessRequest request) {
        if (request.state().finished() || request.state() == BulkReprocessState.INTERRUPTED || request.nodeId().equals(node.id())) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime beat = nodes.heartbeats().get(request.nodeId());
        if (beat == null || beat.isBefore(now.minus(nodeTimeout))) {
            int interrupted = store.interruptAll(request.nodeId(), now, BulkReprocessRunner.INTERRUPTED);
            log.warn("bulk reprocess {}: its node {} has been silent since {}: its {} running request(s) interrupted", request.id(),
                    request.nodeId(), beat, interrupted);
        }
    }

    private BulkReprocessRequest find(String requestId) {
        if (!BulkReprocessStore.isWellFormedId(requestId)) {
            throw notFound(requestId);
        }
        return store.find(requestId).orElseThrow(() -> notFound(requestId));
    }

    private BulkReprocessRefused running(String source) {
        String which = store.unfinishedOf(source).map(r -> "（请求 " + r.id() + "，" + r.state().chinese() + "）").orElse("");
        return new BulkReprocessRefused(BulkReprocessCodes.BULK_REPROCESS_RUNNING, "来源" + source + "已有一个尚未结束的批量重新处理"
                + which + "：请等待它完成，或先取消它");
    }

    private static BulkReprocessRefused notFound(String requestId) {
        return new BulkReprocessRefused(BulkReprocessCodes.BULK_REPROCESS_NOT_FOUND, "批量重新处理请求不存在：" + requestId);
    }
}
