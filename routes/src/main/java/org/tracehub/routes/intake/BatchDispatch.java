package org.tracehub.routes.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.BatchRepository;

/**
 * Keeps the books on announcements of RECEIVED batches, so that a batch whose announcement failed
 * after the last retry is announced again instead of staying RECEIVED for ever. A second announcement
 * of the same batch is harmless: the import job starts only a batch that is still RECEIVED.
 */
@Component
public class BatchDispatch {

    private static final int PER_SWEEP = 500;

    private final BatchRepository batches;
    private final Clock clock;
    private final Duration after;

    public BatchDispatch(BatchRepository batches, Clock clock, @Value("${hub.routes.redispatch-after:10m}") Duration after) {
        this.batches = batches;
        this.clock = clock;
        this.after = after;
    }

    public void markDispatched(@Header(IntakeHeaders.BATCH_ID) String batchId) {
        batches.markDispatched(batchId);
    }

    /** The batch an announcement is for, with its file, for the log when the announcement is given up. */
    public String describe(@Header(IntakeHeaders.BATCH_ID) String batchId) {
        return batches.findById(batchId)
                .map(b -> "the announcement of batch " + batchId + " (file " + b.fileName() + " of source " + b.sourceId() + ", archived at "
                        + b.archivePath() + "); it stays RECEIVED and batch-redispatch announces it again after " + after)
                .orElse("the announcement of batch " + batchId);
    }

    /**
     * RECEIVED batches not announced for {@code hub.routes.redispatch-after}: whose announcement never left, or whose
     * announcement left that long ago and did not start them (lost in the broker's dead-letter queue).
     */
    public List<String> overdue() {
        return batches.findAnnouncementsDue(OffsetDateTime.now(clock).minus(after), PER_SWEEP);
    }
}
