package org.tracehub.routes.pull;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.file.remote.FtpConstants;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.Transport;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.routes.intake.IntakeStaging;
import org.tracehub.routes.intake.TakenFile;

/**
 * Takes a fetched file in: the downloaded copy in the source's work folder is moved into its taken
 * folder (batch id) before the legacy server is told anything, so that the remote file is moved,
 * deleted or remembered only once the hub holds it safely; intake then runs as for any upload.
 */
@Component
public class PulledFileIntake {

    private static final Logger log = LoggerFactory.getLogger(PulledFileIntake.class);
    /** Exchange property: the pull's outcome hooks are registered (once, even when this step is retried). */
    private static final String TRACKED = "TraceHubPullTracked";

    private final IntakeStaging staging;
    private final LegacyPulls pulls;

    public PulledFileIntake(IntakeStaging staging, LegacyPulls pulls) {
        this.staging = staging;
        this.pulls = pulls;
    }

    public void take(@Header(IntakeHeaders.SOURCE_ID) String sourceId, @Header(Exchange.FILE_NAME_ONLY) String remoteName,
                     @Header(FtpConstants.FILE_LOCAL_WORK_PATH) String workFile, Exchange exchange) throws Exception {
        PullSchedule schedule = pulls.schedule(sourceId);
        if (exchange.getProperty(TRACKED) == null) {
            exchange.setProperty(TRACKED, true);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    schedule.fileTaken();
                }

                @Override
                public void onFailure(Exchange failed) {
                    schedule.fileFailed(remoteName, failed.getException());
                }
            });
        }
        TakenFile taken = staging.take(sourceId, Path.of(workFile), remoteName, Transport.PULL)
                .orElseThrow(() -> new IllegalStateException("the downloaded copy of " + remoteName + " is missing: " + workFile));
        exchange.getMessage().setHeader(IntakeHeaders.BATCH_ID, taken.batchId());
        exchange.getMessage().setHeader(DoneNames.HEADER, DoneNames.of(taken.batchId(), remoteName));
        exchange.getMessage().setBody(null);
        log.info("pulled {} from the legacy server of {} as batch {}", remoteName, sourceId, taken.batchId());
    }
}
