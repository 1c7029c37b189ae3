package org.tracehub.routes.intake;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.routes.config.HubErrorHandling;

/**
 * Intake: a complete file → archive + batch record → either the import queue (RECEIVED) or straight
 * to a receipt (DUPLICATE, UNKNOWN_SOURCE, EMPTY).
 */
@Component
public class FileIntakeRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(IntakeEndpoints.FILE_RECEIVED)
                .routeId("file-intake")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(FileIntake.class, "receive")
                .filter(body().isNotNull())
                .setHeader(IntakeHeaders.BATCH_ID, simple("${body.batchId}"))
                .setHeader(IntakeHeaders.BATCH_STATUS, simple("${body.status}"))
                .choice()
                    .when(header(IntakeHeaders.BATCH_STATUS).isEqualTo(BatchStatus.RECEIVED))
                        .to("direct:batch-dispatch")
                    .otherwise()
                        .to(IntakeEndpoints.RECEIPT)
                .end();

        from("direct:batch-dispatch")
                .routeId("batch-dispatch")
                .routeConfigurationId(HubErrorHandling.ID)
                .setBody(header(IntakeHeaders.BATCH_ID))
                .setHeader(BatchMessaging.BATCH_ID_PROPERTY, header(IntakeHeaders.BATCH_ID))
                .to("jms:queue:" + BatchMessaging.BATCH_RECEIVED_QUEUE);
    }
}
