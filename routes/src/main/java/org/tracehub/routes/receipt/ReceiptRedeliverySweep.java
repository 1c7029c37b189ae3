package org.tracehub.routes.receipt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchReceiptDue;
import org.tracehub.platform.sql.AdvisoryLocks;

/**
 * The receipt redelivery's sweep: the receipts that went missing ({@link ReceiptDelivery#overdue}) delivered again, by one
 * node at a time among nodes sharing a PostgreSQL database ({@link AdvisoryLocks}, {@code receipt-redelivery}). Every
 * node runs the sweep; two sweeping at once would deliver the same receipts side by side into the outbox they share,
 * racing on moving an older batch's receipt aside. A node that finds the lock held leaves this sweep to the other.
 *
 * <p>A sweep is bounded: a failing delivery costs its quick retry (a second), and a sweep through hundreds of them held
 * its thread, and the sweep's lock, for minutes. It stops once {@code hub.routes.receipt-redelivery-budget} is spent,
 * after one receipt at least, leaving the rest to the next sweep, which takes them first (they are the least recently
 * tried). A source whose outbox failed once in a sweep is tried no more in that sweep: its other receipts would each
 * fail the same way, and spend the budget the other sources' receipts need.
 */
@Component
public class ReceiptRedeliverySweep {

    private static final Logger log = LoggerFactory.getLogger(ReceiptRedeliverySweep.class);
    static final long LOCK_KEY = AdvisoryLocks.key("receipt-redelivery");

    /** One receipt delivered again. */
    @FunctionalInterface
    interface Redelivery {
        /** @return whether the receipt reached the outbox */
        boolean deliver(String batchId);
    }

    private final AdvisoryLocks locks;
    private final Supplier<Integer> reportLapsed;
    private final Supplier<List<BatchReceiptDue>> overdue;
    private final Redelivery redelivery;
    private final Clock clock;
    private final Duration budget;

    @Autowired
    public ReceiptRedeliverySweep(AdvisoryLocks locks, ReceiptDelivery delivery, LapsedReceipts lapsed, CamelContext camel, Clock clock,
                                  @Value("${hub.routes.receipt-redelivery-budget:1m}") Duration budget) {
        this(locks, lapsed::report, delivery::overdue, new ReceiptRouteRedelivery(camel), clock, budget);
    }

    ReceiptRedeliverySweep(AdvisoryLocks locks, Supplier<Integer> reportLapsed, Supplier<List<BatchReceiptDue>> overdue,
                           Redelivery redelivery, Clock clock, Duration budget) {
        this.locks = locks;
        this.reportLapsed = reportLapsed;
        this.overdue = overdue;
        this.redelivery = redelivery;
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * Delivers the overdue receipts again, the sources in turn and the least recently tried first, within the sweep's
     * budget, unless another node is sweeping; reports those that left the lookback undelivered ({@link LapsedReceipts}).
     */
    public void run() {
        boolean swept = locks.tryHolding(LOCK_KEY, () -> {
            try {
                reportLapsed.get();
            } catch (RuntimeException e) {
                // the report waits for the next sweep; the receipts still in the lookback do not
                log.error("could not report the receipts that left the redelivery's lookback undelivered", e);
            }
            redeliver(overdue.get());
        });
        if (!swept) {
            log.debug("receipt redelivery: another node is sweeping");
        }
    }

    private void redeliver(List<BatchReceiptDue> due) {
        Instant until = clock.instant().plus(budget);
        Set<String> failing = new LinkedHashSet<>();
        int tried = 0;
        int heldBack = 0;
        for (int i = 0; i < due.size(); i++) {
            BatchReceiptDue receipt = due.get(i);
            if (failing.contains(receipt.sourceId())) {
                heldBack++;
                continue;
            }
            if (tried > 0 && !clock.instant().isBefore(until)) {
                log.warn("receipt redelivery: this sweep spent hub.routes.receipt-redelivery-budget ({}) on {} receipts; the {} "
                        + "others overdue wait for the next sweep", budget, tried, due.size() - i - heldBack);
                break;
            }
            tried++;
            log.warn("delivering the receipt of batch {} again: it went missing", receipt.batchId());
            if (!delivered(receipt.batchId())) {
                failing.add(receipt.sourceId());
            }
        }
        if (heldBack > 0) {
            log.warn("receipt redelivery: the outbox of {} failed in this sweep; {} more of its overdue receipts wait for the next sweep",
                    failing, heldBack);
        }
    }

    private boolean delivered(String batchId) {
        try {
            return redelivery.deliver(batchId);
        } catch (RuntimeException e) {
            // one receipt that cannot be written holds back no other source's; the next sweep tries it again
            log.error("the receipt of batch {} could not be delivered again", batchId, e);
            return false;
        }
    }
}
