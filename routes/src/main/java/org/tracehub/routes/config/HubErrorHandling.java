package org.tracehub.routes.config;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling, declared once for every route: retry with exponential back-off (a full disk, a
 * database restart), then log with the batch and file so an admin can act. A file whose intake
 * failed stays in its inbox, untouched.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .maximumRedeliveries("{{hub.routes.max-redeliveries:6}}")
                .redeliveryDelay("{{hub.routes.redelivery-delay-ms:1000}}")
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .handled(true)
                .log(LoggingLevel.ERROR, "org.tracehub.routes",
                        "${routeId} gave up: source=${header.TraceHubSourceId} file=${header.TraceHubFilePath} "
                                + "batch=${header.TraceHubBatchId}: ${exception.message}\n${exception.stacktrace}");
    }
}
