package org.tracehub.routes.receipt;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tracehub.platform.sql.AdvisoryLocks;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * The receipt redelivery's sweep: the receipts that went missing ({@link ReceiptDelivery#overdue}) delivered again, by one
 * node at a time among nodes sharing a PostgreSQL database ({@link AdvisoryLocks}, {@code receipt-redelivery}). Every
 * node runs the sweep; two sweeping at once would deliver the same receipts side by side into the outbox they share,
 * racing on moving an older batch's receipt aside. A node that finds the lock held leaves this sweep to the other.
 */
@Component
public class ReceiptRedeliverySweep {

    private static final Logger log = LoggerFactory.getLogger(ReceiptRedeliverySweep.class);
    static final long LOCK_KEY = AdvisoryLocks.key("receipt-redelivery");

    private final AdvisoryLocks locks;
    private final Supplier<Integer> reportLapsed;
    private final Supplier<List<String>> overdue;
    private final Consumer<String> deliver;

    @Autowired
    public ReceiptRedeliverySweep(AdvisoryLocks locks, ReceiptDelivery delivery, LapsedReceipts lapsed, CamelContext camel) {
        this(locks, lapsed::report, delivery::overdue, new Consumer<>() {
            private volatile ProducerTemplate template;

            @Override
            public void accept(String batchId) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                template.sendBodyAndHeader(IntakeEndpoints.RECEIPT, batchId, IntakeHeaders.BATCH_ID, batchId);
            }
        });
    }

    ReceiptRedeliverySweep(AdvisoryLocks locks, Supplier<List<String>> overdue, Consumer<String> deliver) {
        this(locks, () -> 0, overdue, deliver);
    }

    ReceiptRedeliverySweep(AdvisoryLocks locks, Supplier<Integer> reportLapsed, Supplier<List<String>> overdue, Consumer<String> deliver) {
        this.locks = locks;
        this.reportLapsed = reportLapsed;
        this.overdue = overdue;
        this.deliver = deliver;
    }

    /**
     * Delivers every overdue receipt again, the least recently tried first, unless another node is sweeping; reports
     * those that left the lookback undelivered ({@link LapsedReceipts}).
     */
    public void run() {
        boolean swept = locks.tryHolding(LOCK_KEY, () -> {
            try {
                reportLapsed.get();
            } catch (RuntimeException e) {
                // the report waits for the next sweep; the receipts still in the lookback do not
                log.error("could not report the receipts that left the redelivery's lookback undelivered", e);
            }
            for (String batchId : overdue.get()) {
                log.warn("delivering the receipt of batch {} again: it went missing", batchId);
                try {
                    deliver.accept(batchId);
                } catch (RuntimeException e) {
                    // one receipt that cannot be written holds back no other; the next sweep tries it again
                    log.error("the receipt of batch {} could not be delivered again", batchId, e);
                }
            }
        });
        if (!swept) {
            log.debug("receipt redelivery: another node is sweeping");
        }
    }
}
