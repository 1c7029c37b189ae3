package org.tracehub.routes.pull;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.batch.Transport;
import org.tracehub.routes.config.HubErrorHandling;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * The pulls: one route template, filled in once per configured source (route {@code pull-<source>}):
 * a fetched file is taken (batch id, out of the download folder) and handed to the same intake queue
 * as every upload, with transport PULL.
 * Route {@code pull-requested} serves the nightly sync's "pull now" messages.
 */
@Component
public class LegacyPullRoutes extends RouteBuilder {

    static final String TEMPLATE = "legacy-pull";

    private final LegacyPulls pulls;

    public LegacyPullRoutes(LegacyPulls pulls) {
        this.pulls = pulls;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .templateParameter("source")
                .templateParameter("endpoint")
                .from("{{endpoint}}")
                    .routeConfigurationId(HubErrorHandling.PULL_ID)
                    .setHeader(IntakeHeaders.SOURCE_ID, constant("{{source}}"))
                    .setHeader(IntakeHeaders.TRANSPORT, constant(Transport.PULL.name()))
                    .bean(PulledFileIntake.class, "take")
                    // a copy without this exchange's completions: the remote file is moved, deleted or remembered
                    // as soon as it is taken, not when intake is done (a file the queue lost is found by the sweep)
                    .wireTap(IntakeEndpoints.FILE_RECEIVED);

        for (LegacyPulls.Pull pull : pulls.all()) {
            String sourceId = pull.settings().sourceId();
            PullSettings.PullBeans beans = PullSettings.PullBeans.of(sourceId);
            bindToRegistry(beans.schedule(), pull.schedule());
            bindToRegistry(beans.filter(), pull.filter());
            bindToRegistry(beans.fetched(), pull.fetched());
            bindToRegistry(beans.afterFetch(), pull.afterFetchFailures());
            bindToRegistry(beans.readLock(), pull.readLock());
            templatedRoute(TEMPLATE)
                    .routeId("pull-" + sourceId)
                    .parameter("source", sourceId)
                    .parameter("endpoint", pull.settings().endpointUri(beans));
        }

        from("jms:queue:" + BatchMessaging.PULL_REQUESTED_QUEUE)
                .routeId("pull-requested")
                .routeConfigurationId(HubErrorHandling.ID)
                .convertBodyTo(String.class)
                .bean(LegacyPulls.class, "request");
    }
}
