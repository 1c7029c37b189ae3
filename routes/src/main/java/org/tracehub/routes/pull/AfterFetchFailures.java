package org.tracehub.routes.pull;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracehub.routes.intake.IntakeHeaders;

/**
 * The sftp endpoint's {@code onCompletionExceptionHandler}: what went wrong once a fetched file was taken in, above all
 * a move to done-dir or a delete the legacy server refused. Camel's own handler only logged "Error during commit" at WARN
 * and the run counted as a plain success, while the file, already remembered as fetched, stayed in the legacy folder for
 * good. Here the source's {@link PullSchedule} records it as the run's warning (health shows it), and the log names the
 * file and what to do. The file itself stays taken in.
 */
final class AfterFetchFailures implements ExchangeExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AfterFetchFailures.class);

    private final PullSettings settings;
    private final PullSchedule schedule;

    AfterFetchFailures(PullSettings settings, PullSchedule schedule) {
        this.settings = settings;
        this.schedule = schedule;
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String file = exchange == null ? null : exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String batchId = exchange == null ? null : exchange.getMessage().getHeader(IntakeHeaders.BATCH_ID, String.class);
        String sourceId = settings.sourceId();
        if (exchange == null || exchange.isFailed()) {
            // not after a file was taken in (a rollback's own failure): the run has failed already and is retried
            log.warn("pull of {}: {}{}: {}", sourceId, file == null ? "" : file + ": ", message, PullSchedule.describe(exception));
            return;
        }
        String folder = settings.remoteDir().isEmpty() ? "the login folder" : settings.remoteDir();
        String step = switch (settings.afterFetch()) {
            case MOVE -> "moved to " + settings.doneDir() + "/" + (batchId == null || file == null ? ""
                    : DoneNames.of(batchId, file));
            case DELETE -> "deleted";
            case REMEMBER -> "finished with";
        };
        String fix = switch (settings.afterFetch()) {
            case MOVE -> "let the pull's user (" + settings.user() + ") create folders in " + settings.doneDir() + "/";
            case DELETE -> "let the pull's user (" + settings.user() + ") delete files in " + folder;
            case REMEMBER -> "see the cause";
        };
        String why = PullSchedule.describe(exception);
        String text = (file == null ? "a file" : file) + " was taken in" + (batchId == null ? "" : " as batch " + batchId)
                + " but could not be " + step + " on the legacy server (" + why + "); it stays in " + folder
                + " and is not fetched again: move or delete it there by hand, and " + fix;
        log.warn("pull of {}: {}", sourceId, text);
        schedule.leftOnServer(text);
    }
}
