package org.tracehub.routes.receipt;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * The sweep's delivery of a receipt through the {@code receipt-delivery} route, with the route's quick retry. The route's
 * error handling handles a delivery that failed after it (the sweep gets no exception), so whether the receipt reached
 * the outbox is read off the exchange: the exception the route caught.
 */
final class ReceiptRouteRedelivery implements ReceiptRedeliverySweep.Redelivery {

    private final CamelContext camel;
    private volatile ProducerTemplate template;

    ReceiptRouteRedelivery(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public boolean deliver(String batchId) {
        if (template == null) {
            template = camel.createProducerTemplate();
        }
        Exchange done = template.send(IntakeEndpoints.RECEIPT, exchange -> {
            exchange.getIn().setBody(batchId);
            exchange.getIn().setHeader(IntakeHeaders.BATCH_ID, batchId);
        });
        return done.getException() == null && done.getProperty(Exchange.EXCEPTION_CAUGHT) == null;
    }
}
