package org.tracehub.jobs.importjob;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

/**
 * Loads one attempt's staged events into the central store in a single transaction (the step's):
 * each event by its deterministic id (insert or update, with its trace links), then the batch's
 * events of every other attempt are removed and the batch is switched to this attempt. Readers of the
 * store therefore see the batch's previous attempt until the commit and exactly this one after it,
 * never a mix; a failure or a crash anywhere rolls everything back, and the restart loads again.
 * Staged events are read a page at a time, so memory stays flat whatever the file's size; each page is
 * written with a few multi-row statements ({@link TraceEventStore#upsertAll}), and the next page's
 * XML is parsed on another thread meanwhile, so parsing and writing use both cores.
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
        ExecutorService parser = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "load-parse-" + batchId);
            t.setDaemon(true);
            return t;
        });
        try {
            long total = staged.count(batchId, attempt);
            long loaded = 0;
            progress.loading(batchId, attempt, 0, total);
            // the next page is parsed on a second core while this one is written (reading stays on the transaction's thread)
            List<StagedEvent> page = staged.page(batchId, attempt, 0, pageSize);
            StagedEventXml xml = new StagedEventXml(); // used on the parser thread only
            Future<List<TraceEventStore.LoadedEvent>> parsed = parser.submit(() -> parse(xml, page));
            List<StagedEvent> current = page;
            while (!current.isEmpty()) {
                List<TraceEventStore.LoadedEvent> events = await(parsed);
                List<StagedEvent> next = staged.page(batchId, attempt, current.get(current.size() - 1).row(), pageSize);
                parsed = parser.submit(() -> parse(xml, next));
                store.upsertAll(events, batchId, attempt);
                for (int i = 0; i < events.size(); i++) {
                    contribution.incrementReadCount();
                }
                loaded += events.size();
                progress.loading(batchId, attempt, loaded, total);
                current = next;
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
            parser.shutdownNow();
            progress.ended(batchId, attempt);
        }
    }

    private static List<TraceEventStore.LoadedEvent> parse(StagedEventXml xml, List<StagedEvent> page) {
        List<TraceEventStore.LoadedEvent> events = new ArrayList<>(page.size());
        for (StagedEvent e : page) {
            events.add(new TraceEventStore.LoadedEvent(xml.read(e.payload()), e.payload()));
        }
        return events;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("load interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
