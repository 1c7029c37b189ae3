package org.tracehub.routes.receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchReceiptLapse;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Receipts the redelivery sweep no longer tries: their batch changed longer than {@code hub.routes.receipt-redelivery-lookback}
 * ago and the outbox still lacks its receipt. Each is logged at ERROR once, with its batch and source, and marked on the
 * batch, which the console and the API show (回执未送达, 已停止重发). Each report looks at the batches that left the lookback
 * within one more lookback, and further back when a report may have been missed: since this node's last complete report,
 * and on its first, since a lookback before the last batch change before it started. Nothing changes a batch while no
 * node runs, so that change tells when the nodes stopped, and a hub down for longer than the lookback reports the receipts
 * that left it meanwhile (by the window alone it never did). The look back is as long as the nodes were down, not the
 * whole batch table, which is never purged.
 */
@Component
public class LapsedReceipts {

    private static final Logger log = LoggerFactory.getLogger(LapsedReceipts.class);
    private static final int PER_SWEEP = 500;

    private final BatchRepository batches;
    private final Clock clock;
    private final Duration lookback;
    private final OffsetDateTime startedAt;
    /** The edge of this node's last report that found every lapse it looked for; null before the first. */
    private volatile OffsetDateTime reportedUpTo;

    public LapsedReceipts(BatchRepository batches, Clock clock,
                          @Value("${hub.routes.receipt-redelivery-lookback:7d}") Duration lookback) {
        this.batches = batches;
        this.clock = clock;
        this.lookback = lookback;
        this.startedAt = OffsetDateTime.now(clock);
    }

    /** Reports the receipts that left the lookback undelivered since the last sweep; how many. */
    public int report() {
        OffsetDateTime edge = OffsetDateTime.now(clock).minus(lookback);
        List<BatchReceiptLapse> lapses = batches.findReceiptsLapsed(lookingBackFrom(edge), edge, PER_SWEEP);
        int reported = 0;
        for (BatchReceiptLapse lapse : lapses) {
            if (batches.markReceiptGivenUp(lapse.batchId())) {
                log.error("the receipt of batch {} (source {}) never reached the outbox and is no longer delivered again: the batch "
                                + "last changed at {}, before hub.routes.receipt-redelivery-lookback; last failure: {}",
                        lapse.batchId(), lapse.sourceId(), lapse.updatedAt(), lapse.failure() == null ? "none recorded" : lapse.failure());
                reported++;
            }
        }
        if (lapses.size() < PER_SWEEP) {
            // a full page leaves more for the next report, from the same place
            reportedUpTo = edge;
        }
        return reported;
    }

    private OffsetDateTime lookingBackFrom(OffsetDateTime edge) {
        OffsetDateTime window = edge.minus(lookback);
        OffsetDateTime since = reportedUpTo;
        if (since == null) {
            since = batches.lastChangeBefore(startedAt).map(last -> last.minus(lookback).minus(lookback)).orElse(window);
        }
        return since.isBefore(window) ? since : window;
    }
}
