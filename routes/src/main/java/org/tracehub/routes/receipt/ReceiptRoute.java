package org.tracehub.routes.receipt;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.routes.config.HubErrorHandling;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * Receipt delivery: for files that ended at intake, for every batch the import job reports on the
 * completed topic (STAGED, LOADED, FAILED), and again for any batch whose receipt went missing.
 */
@Component
public class ReceiptRoute extends RouteBuilder {

    private final Duration redeliveryInterval;

    public ReceiptRoute(@Value("${hub.routes.receipt-redelivery-interval:5m}") Duration redeliveryInterval) {
        this.redeliveryInterval = redeliveryInterval;
    }

    @Override
    public void configure() {
        // shared: with several nodes on one broker, each writing every receipt into the outbox they share would race on
        // moving an older batch's receipt aside, and could leave it under the newer batch's name
        from("jms:topic:" + BatchMessaging.BATCH_COMPLETED_TOPIC + "?subscriptionShared=true&subscriptionName="
                + BatchMessaging.RECEIPT_SUBSCRIPTION)
                .routeId("batch-completed-receipt")
                .routeConfigurationId(HubErrorHandling.ID)
                .setHeader(IntakeHeaders.BATCH_ID, header(BatchMessaging.BATCH_ID_PROPERTY))
                .to(IntakeEndpoints.RECEIPT);

        from(IntakeEndpoints.RECEIPT)
                .routeId("receipt-delivery")
                .routeConfigurationId(HubErrorHandling.RECEIPT_ID)
                .bean(ReceiptDelivery.class, "deliver");

        from("scheduler:receipt-redelivery?initialDelay=" + redeliveryInterval.toMillis() + "&delay=" + redeliveryInterval.toMillis())
                .routeId("receipt-redelivery")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(ReceiptRedeliverySweep.class, "run");
    }
}
