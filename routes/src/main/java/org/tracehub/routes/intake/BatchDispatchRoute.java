package org.tracehub.routes.intake;

import java.time.Duration;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.routes.config.BoundedSends;
import org.tracehub.routes.config.HubErrorHandling;

/**
 * Announces RECEIVED batches on the import queue and records that the announcement left; a periodic
 * sweep announces again those whose announcement failed after the last retry.
 */
@Component
public class BatchDispatchRoute extends RouteBuilder {

    private final Duration interval;
    private final BoundedSends sends;

    public BatchDispatchRoute(@Value("${hub.routes.redispatch-interval:5m}") Duration interval, BoundedSends sends) {
        this.interval = interval;
        this.sends = sends;
    }

    @Override
    public void configure() {
        from(IntakeEndpoints.BATCH_DISPATCH)
                .routeId("batch-dispatch")
                .routeConfigurationId(HubErrorHandling.ID)
                .setBody(header(IntakeHeaders.BATCH_ID))
                .setHeader(BatchMessaging.BATCH_ID_PROPERTY, header(IntakeHeaders.BATCH_ID))
                // an announcement, never a request (also when intake was called request-reply: HTTP upload), given up
                // after hub.routes.send-timeout when the broker blocks: the batch is recorded, batch-redispatch announces it
                .process(sends.to("jms:queue:" + BatchMessaging.BATCH_RECEIVED_QUEUE,
                        method(BatchDispatch.class, "describe")))
                .bean(BatchDispatch.class, "markDispatched");

        from("scheduler:batch-redispatch?initialDelay=" + interval.toMillis() + "&delay=" + interval.toMillis())
                .routeId("batch-redispatch")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(BatchDispatch.class, "overdue")
                // the first announcement the broker does not take ends this sweep: the others would wait as long each
                .split(body()).stopOnException()
                    .setHeader(IntakeHeaders.BATCH_ID, body())
                    .log(LoggingLevel.WARN, "org.tracehub.routes", "announcing batch ${body} again: its first announcement never left")
                    .to(IntakeEndpoints.BATCH_DISPATCH)
                .end();
    }
}
