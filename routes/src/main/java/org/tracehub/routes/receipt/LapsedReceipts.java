package org.tracehub.routes.receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchReceiptLapse;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Receipts the redelivery sweep no longer tries: their batch changed longer than {@code hub.routes.receipt-redelivery-lookback}
 * ago and the outbox still lacks its receipt. Each is logged at ERROR once, with its batch and source, and marked on the
 * batch, which the console and the API show (回执未送达, 已停止重发). Batches that left the lookback within one more lookback
 * are looked at: a hub down for longer than that reports the ones that left meanwhile no more.
 */
@Component
public class LapsedReceipts {

    private static final Logger log = LoggerFactory.getLogger(LapsedReceipts.class);
    private static final int PER_SWEEP = 500;

    private final BatchRepository batches;
    private final Clock clock;
    private final Duration lookback;

    public LapsedReceipts(BatchRepository batches, Clock clock,
                          @Value("${hub.routes.receipt-redelivery-lookback:7d}") Duration lookback) {
        this.batches = batches;
        this.clock = clock;
        this.lookback = lookback;
    }

    /** Reports the receipts that left the lookback undelivered since the last sweep; how many. */
    public int report() {
        OffsetDateTime edge = OffsetDateTime.now(clock).minus(lookback);
        int reported = 0;
        for (BatchReceiptLapse lapse : batches.findReceiptsLapsed(edge.minus(lookback), edge, PER_SWEEP)) {
            if (batches.markReceiptGivenUp(lapse.batchId())) {
                log.error("the receipt of batch {} (source {}) never reached the outbox and is no longer delivered again: the batch "
                                + "last changed at {}, before hub.routes.receipt-redelivery-lookback; last failure: {}",
                        lapse.batchId(), lapse.sourceId(), lapse.updatedAt(), lapse.failure() == null ? "none recorded" : lapse.failure());
                reported++;
            }
        }
        return reported;
    }
}
