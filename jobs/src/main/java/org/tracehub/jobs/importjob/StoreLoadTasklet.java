package org.tracehub.jobs.importjob;

import java.util.List;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.staging.StagedEvent;
import org.tracehub.platform.staging.StagedEventRepository;
import org.tracehub.platform.staging.StoreLoadLock;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Loads one attempt's staged events into the central store in a single transaction (the step's):
 * each event by its deterministic id (insert or update, with its trace links), then the batch's
 * events of every other attempt are removed and the batch is switched to this attempt. Readers of the
 * store therefore see the batch's previous attempt until the commit and exactly this one after it,
 * never a mix; a failure or a crash anywhere rolls everything back, and the restart loads again.
 * Staged events are read a page at a time, so memory stays flat whatever the file's size.
 */
class StoreLoadTasklet implements Tasklet {

    private final String batchId;
    private final int attempt;
    private final int pageSize;
    private final StagedEventRepository staged;
    private final TraceEventStore store;
    private final BatchRepository batches;
    private final BatchAttempts attempts;
    private final StoreLoadLock lock;
    private final LiveProgress progress;

    StoreLoadTasklet(String batchId, int attempt, int pageSize, StagedEventRepository staged, TraceEventStore store,
                     BatchRepository batches, BatchAttempts attempts, StoreLoadLock lock, LiveProgress progress) {
        this.batchId = batchId;
        this.attempt = attempt;
        this.pageSize = pageSize;
        this.staged = staged;
        this.store = store;
        this.batches = batches;
        this.attempts = attempts;
        this.lock = lock;
        this.progress = progress;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        lock.acquireForCurrentTransaction();
        if (batches.findById(batchId).map(b -> b.attempt() != attempt).orElse(true)) {
            throw new SupersededAttemptException(batchId, attempt);
        }
        try {
            long total = staged.count(batchId, attempt);
            long loaded = 0;
            progress.loading(batchId, attempt, 0, total);
            List<StagedEvent> page = staged.page(batchId, attempt, 0, pageSize);
            while (!page.isEmpty()) {
                for (StagedEvent e : page) {
                    contribution.incrementReadCount();
                    store.upsert(StandardXml.fromXml(e.payload()), batchId, attempt);
                    progress.loading(batchId, attempt, ++loaded, total);
                }
                page = staged.page(batchId, attempt, page.get(page.size() - 1).row(), pageSize);
            }
            contribution.incrementWriteCount(loaded);
            // events of an earlier attempt that this attempt no longer produced leave the store with it
            store.removeEventsOfOtherAttempts(batchId, attempt);
            staged.deleteOtherAttempts(batchId, attempt);
            if (!attempts.markLoaded(batchId, attempt)) {
                throw new SupersededAttemptException(batchId, attempt);
            }
            return RepeatStatus.FINISHED;
        } finally {
            progress.ended(batchId, attempt);
        }
    }
}
