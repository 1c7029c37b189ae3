package org.tracehub.routes.config;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.tracehub.platform.reminder.Reminders;

/**
 * Whether a route's giving up on a batch is to be logged at ERROR. A file whose intake keeps failing stays taken and the
 * intake sweep hands it back every {@code hub.routes.intake-sweep-interval}: each try gave up and logged an ERROR with its
 * stack trace, every five minutes until an administrator acted. Each route's failure of a batch is now an ERROR when
 * first met and once a day while it lasts, and a DEBUG line at the sweeps in between. A failure without a batch is an
 * ERROR each time: there is nothing to tell one from the next by.
 */
public final class GaveUpLog {

    private final Reminders<String> told;

    GaveUpLog(Clock clock) {
        this.told = new Reminders<>(clock);
    }

    /** Called by the route configuration's {@code choice} with the failed exchange. */
    public boolean isDue(Exchange exchange) {
        String batchId = exchange.getMessage().getHeader("TraceHubBatchId", String.class);
        if (batchId == null) {
            return true;
        }
        told.forgetQuiet();
        return told.due(ExchangeHelper.getAtRouteId(exchange) + "/" + batchId);
    }
}
