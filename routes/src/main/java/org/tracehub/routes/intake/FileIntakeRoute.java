package org.tracehub.routes.intake;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.routes.config.HubErrorHandling;

/**
 * Intake: a complete file → taken (batch id) → archive + batch record → either the import queue
 * (RECEIVED) or straight to a receipt (DUPLICATE, UNKNOWN_SOURCE, EMPTY). Transports send to the
 * queue {@code file-intake}; the HTTP upload calls {@code intake} itself to answer with the batch id.
 */
@Component
public class FileIntakeRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(IntakeEndpoints.FILE_RECEIVED)
                .routeId("file-intake")
                .routeConfigurationId(HubErrorHandling.ID)
                .to(IntakeEndpoints.INTAKE);

        from(IntakeEndpoints.INTAKE)
                .routeId("intake")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(FileIntake.class, "resolve")
                .filter(body().isNotNull())
                    .bean(FileIntake.class, "receive")
                    .setHeader(IntakeHeaders.BATCH_ID, simple("${body.batchId}"))
                    .setHeader(IntakeHeaders.BATCH_STATUS, simple("${body.status}"))
                    .choice()
                        .when(header(IntakeHeaders.BATCH_STATUS).isEqualTo(BatchStatus.RECEIVED))
                            .to(IntakeEndpoints.BATCH_DISPATCH)
                        .when(simple("${body.endsAtIntake}"))
                            .to(IntakeEndpoints.RECEIPT)
                        .otherwise()
                            // a retry found its batch already past intake: nothing left to do here
                            .log("batch ${header.TraceHubBatchId} is already ${header.TraceHubBatchStatus}")
                    .end()
                .end();
    }
}
