package org.tracehub.hub.metrics;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * Counts files taken in, observed from outside the intake route: an exchange of route
 * {@code file-intake} that completed with a batch status header is one file received. Camel picks
 * up event notifiers from the Spring context.
 */
@Component
public class IntakeMetrics extends EventNotifierSupport {

    static final String INTAKE_ROUTE_ID = "file-intake";

    private final HubMetrics metrics;

    public IntakeMetrics(HubMetrics metrics) {
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event.getType() == CamelEvent.Type.ExchangeCompleted;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (!INTAKE_ROUTE_ID.equals(exchange.getFromRouteId()) || exchange.isFailed()) {
            return;
        }
        Object status = exchange.getMessage().getHeader(IntakeHeaders.BATCH_STATUS);
        Object source = exchange.getMessage().getHeader(IntakeHeaders.SOURCE_ID);
        if (status == null || source == null) {
            return; // the file had already been taken by an earlier report of the same upload
        }
        Object transport = exchange.getMessage().getHeader(IntakeHeaders.TRANSPORT);
        metrics.fileReceived(source.toString(), transport == null ? "UNKNOWN" : transport.toString(), status.toString());
    }
}
