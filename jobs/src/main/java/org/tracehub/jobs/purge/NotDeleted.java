package org.tracehub.jobs.purge;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A file or folder a purge step could not delete (a permission, an immutable attribute, a read-only file system, a
 * folder where a file should be): logged at ERROR with the path and the reason, counted in the step's
 * {@link ExecutionContext} ({@link #COUNT}, and the first few as {@link #EXAMPLES}), and skipped. The step goes on with
 * the next file, and the next night's run tries it again; {@link PurgeOutcome} turns the count into the step's and the
 * run's exit status. Before, one such file failed the step and with it the whole purge, every night again at the same
 * file, and the steps after it never ran.
 */
final class NotDeleted {

    /** How many paths the step could not delete. */
    static final String COUNT = "purge.notDeleted";
    /** The first few of them, with their reasons. */
    static final String EXAMPLES = "purge.notDeletedExamples";

    private static final Logger log = LoggerFactory.getLogger(NotDeleted.class);
    private static final int EXAMPLES_KEPT = 3;
    /** Beyond this many in one step, the rest are logged at DEBUG: the step's summary line (ERROR) counts them all. */
    private static final int LOGGED_AT_ERROR = 20;

    private NotDeleted() {
    }

    /**
     * Records that {@code path} could not be deleted.
     *
     * @param step        the step's execution, whose context counts them
     * @param why         what the file system said
     * @param consequence what happens to it now, for the log (e.g. "left for the next run")
     */
    static void record(StepExecution step, Path path, Exception why, String consequence) {
        ExecutionContext context = step.getExecutionContext();
        long count = context.getLong(COUNT, 0L) + 1;
        context.putLong(COUNT, count);
        String reason = reason(why);
        if (count <= EXAMPLES_KEPT) {
            String examples = context.getString(EXAMPLES, "");
            context.putString(EXAMPLES, (examples.isEmpty() ? "" : examples + "; ") + path + " (" + reason + ")");
        }
        if (count <= LOGGED_AT_ERROR) {
            log.error("{}: could not delete {} ({}); {}", step.getStepName(), path, reason, consequence);
        } else {
            log.debug("{}: could not delete {} ({}); {}", step.getStepName(), path, reason, consequence);
        }
    }

    /** How many paths the step could not delete so far. */
    static long count(StepExecution step) {
        return step.getExecutionContext().getLong(COUNT, 0L);
    }

    /** The first few, with their reasons; empty when none. */
    static String examples(StepExecution step) {
        return step.getExecutionContext().getString(EXAMPLES, "");
    }

    /** The exception's kind and message: {@code AccessDeniedException: /data/…/a.receipt.csv} says more than either alone. */
    private static String reason(Exception why) {
        Throwable cause = why instanceof UncheckedIOException unchecked && unchecked.getCause() != null ? unchecked.getCause() : why;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
