package org.tracehub.routes.config;

import java.time.Clock;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.tracehub.platform.reminder.Reminders;

/**
 * Whether a receipt delivery's giving up is to be logged at ERROR. A source whose outbox cannot be written fails every
 * receipt of its own, and the redelivery sweep tries one of them every {@code hub.routes.receipt-redelivery-interval}
 * for {@code hub.routes.receipt-redelivery-lookback}: an ERROR each time (288 a day per broken outbox). Now the source's
 * failure is an ERROR when first met and once a day while it lasts, and DEBUG in between; the meter
 * {@code tracehub_receipts_undelivered} {source} says how many wait.
 */
public final class ReceiptFailureLog {

    private final Reminders<String> told;
    /** The source of a batch, when the exchange does not say it (the receipt route is handed the batch id alone). */
    private final Function<String, String> sourceOfBatch;

    ReceiptFailureLog(Clock clock, Function<String, String> sourceOfBatch) {
        this.told = new Reminders<>(clock);
        this.sourceOfBatch = sourceOfBatch;
    }

    /** Called by the receipt route configuration's {@code choice} with the failed exchange. */
    public boolean isDue(Exchange exchange) {
        String source = exchange.getMessage().getHeader("TraceHubSourceId", String.class);
        String batchId = exchange.getMessage().getHeader("TraceHubBatchId", String.class);
        if (source == null && batchId != null) {
            source = sourceOf(batchId);
        }
        told.forgetQuiet();
        return told.due(source != null ? source : "batch " + batchId);
    }

    private String sourceOf(String batchId) {
        try {
            return sourceOfBatch.apply(batchId);
        } catch (RuntimeException e) {
            // the database is what fails, not the outbox: told per batch, as a failure without a source
            return null;
        }
    }
}
