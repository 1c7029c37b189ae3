package org.tracehub.routes.receipt;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.routes.config.HubErrorHandling;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * Receipt delivery: for files that ended at intake, and for every batch the import job reports
 * on the completed topic (STAGED, LOADED, FAILED).
 */
@Component
public class ReceiptRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("jms:topic:" + BatchMessaging.BATCH_COMPLETED_TOPIC)
                .routeId("batch-completed-receipt")
                .routeConfigurationId(HubErrorHandling.ID)
                .setHeader(IntakeHeaders.BATCH_ID, header(BatchMessaging.BATCH_ID_PROPERTY))
                .to(IntakeEndpoints.RECEIPT);

        from(IntakeEndpoints.RECEIPT)
                .routeId("receipt-delivery")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(ReceiptDelivery.class, "deliver");
    }
}
