package org.tracehub.hub.metrics;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * Counts files taken in, observed from outside the intake routes: an exchange that a transport
 * started (it carries the source and transport headers) and that completed with an intake outcome
 * (RECEIVED, DUPLICATE, UNKNOWN_SOURCE, EMPTY) in its batch status header is one file received —
 * whether it came through the {@code file-intake} queue (SFTP, pulls) or the HTTP upload's
 * request-reply call. Camel picks up event notifiers from the Spring context.
 */
@Component
public class IntakeMetrics extends EventNotifierSupport {

    private static final Set<String> INTAKE_OUTCOMES = Set.of(BatchStatus.RECEIVED.name(), BatchStatus.DUPLICATE.name(),
            BatchStatus.UNKNOWN_SOURCE.name(), BatchStatus.EMPTY.name());

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
        if (exchange.isFailed()) {
            return;
        }
        Object status = exchange.getMessage().getHeader(IntakeHeaders.BATCH_STATUS);
        Object source = exchange.getMessage().getHeader(IntakeHeaders.SOURCE_ID);
        Object transport = exchange.getMessage().getHeader(IntakeHeaders.TRANSPORT);
        // no status: the file had already been taken by an earlier report of the same upload;
        // another status: a retry found its batch already past intake
        if (status == null || source == null || transport == null || !INTAKE_OUTCOMES.contains(status.toString())) {
            return;
        }
        metrics.fileReceived(source.toString(), transport.toString(), status.toString());
    }
}
