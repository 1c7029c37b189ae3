package org.tracehub.routes.intake;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.routes.config.HubErrorHandling;

/**
 * Hands taken files that are still waiting back to intake: those whose intake gave up after the last
 * retry (the disk or the database refused) and those a restart cut off. It runs soon after start and
 * then every {@code hub.routes.intake-sweep-interval}.
 */
@Component
public class IntakeSweepRoute extends RouteBuilder {

    private final Duration interval;

    public IntakeSweepRoute(@Value("${hub.routes.intake-sweep-interval:5m}") Duration interval) {
        this.interval = interval;
    }

    @Override
    public void configure() {
        from("scheduler:intake-sweep?initialDelay=" + Math.min(interval.toMillis(), 10_000) + "&delay=" + interval.toMillis())
                .routeId("intake-sweep")
                .routeConfigurationId(HubErrorHandling.ID)
                .bean(IntakeSweep.class, "waiting")
                .split(body())
                    .setHeader(IntakeHeaders.SOURCE_ID, simple("${body.sourceId}"))
                    .setHeader(IntakeHeaders.BATCH_ID, simple("${body.batchId}"))
                    .setHeader(IntakeHeaders.TRANSPORT, simple("${body.transport}"))
                    .log("taking in batch ${body.batchId} (${body.originalName} from ${body.sourceId}) again")
                    .setBody(constant(null))
                    .to(IntakeEndpoints.FILE_RECEIVED)
                .end();
    }
}
