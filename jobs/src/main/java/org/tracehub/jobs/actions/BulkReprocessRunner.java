package org.tracehub.jobs.actions;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.recovery.HubNode;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.batch.BulkReprocessItem;
import org.tracehub.platform.batch.BulkReprocessOutcome;
import org.tracehub.platform.batch.BulkReprocessRequest;
import org.tracehub.platform.batch.BulkReprocessStore;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Works off this node's bulk reprocess requests on one thread of its own ({@code bulk-reprocess}): one batch at a time,
 * whatever the number of requests (a turn each, oldest request first), so that on-arrival imports keep the other
 * background thread and the store's load lock most of the time. Each batch goes through {@link BatchActions#reprocess}
 * with its rules and refusals, and the runner waits for its attempt to end before it takes the next: the batches of a
 * request are reprocessed in the order they were received, as an admin clicking through them would.
 *
 * <p>A request the hub stopped under (a stop or a crash) is not taken up by itself: at the next start it is INTERRUPTED,
 * the batch under way recorded as interrupted (start-up recovery finishes that attempt), until an admin resumes or cancels
 * it. A request runs on the node that took it (or resumed it); one of a node that stopped beating is interrupted when an
 * admin cancels or resumes it ({@link BulkReprocess}).
 */
@Component
public class BulkReprocessRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BulkReprocessRunner.class);

    /** How often the runner looks for work it was not woken for (a request resumed on this node by another). */
    static final Duration LOOK_EVERY = Duration.ofSeconds(30);

    static final String INTERRUPTED = "平台在重新处理此批次时停止：启动时的恢复会继续该批次的处理，结果请见批次页面";
    static final String NOT_RECORDED = "此批次的重新处理结果未能记录（数据库暂时不可用），结果请见批次页面";

    /** The statuses a reprocess that went well leaves: loaded, or staged for the night. */
    private static final Set<BatchStatus> WENT_WELL = EnumSet.of(BatchStatus.LOADED, BatchStatus.STAGED);

    private final BulkReprocessStore store;
    private final BatchActions actions;
    private final BatchRepository batches;
    private final HubNode node;
    /** Requests left running before this process started are the ones a stop or a crash interrupted. */
    private final OffsetDateTime startedAt;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean stopping;

    public BulkReprocessRunner(BulkReprocessStore store, BatchActions actions, BatchRepository batches, HubNode node, Clock clock) {
        this.store = store;
        this.actions = actions;
        this.batches = batches;
        this.node = node;
        this.startedAt = OffsetDateTime.now(clock);
    }

    /** A request was made or resumed here: look now rather than at the next look. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::run, "bulk-reprocess");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes no further batch; the one under way is left to the hub's stop (RunningJobsStop) and the next start. */
    @Override
    public void stop() {
        stopping = true;
        running = false;
        wake();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        boolean interruptedMarked = false;
        boolean failing = false;
        while (!stopping) {
            try {
                if (!interruptedMarked) {
                    int interrupted = store.interruptAll(node.id(), startedAt, INTERRUPTED);
                    if (interrupted > 0) {
                        log.warn("{} bulk reprocess request(s) of this node were running when the hub stopped: INTERRUPTED, an admin "
                                + "resumes or cancels them", interrupted);
                    }
                    interruptedMarked = true;
                }
                boolean worked = turnOfEach();
                failing = false;
                if (!worked) {
                    pause();
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("bulk reprocess: the requests could not be read or updated, trying again in {}: {}", LOOK_EVERY, e.toString());
                }
                failing = true;
                pause();
            }
        }
    }

    /** One batch of each request this node runs; whether there was anything to do. */
    private boolean turnOfEach() {
        boolean worked = false;
        for (BulkReprocessRequest request : store.runnable(node.id())) {
            if (stopping) {
                return worked;
            }
            if (request.currentBatch() != null) {
                // this thread alone takes turns: a batch still under way is one whose outcome a failure kept from the store
                worked |= leftOver(request);
                continue;
            }
            worked = true;
            Optional<BulkReprocessItem> next = store.nextPending(request.id());
            if (next.isEmpty()) {
                if (store.complete(request.id())) {
                    BulkReprocessRequest done = store.find(request.id()).orElse(request);
                    log.info("bulk reprocess {} of source {} completed: {} reprocessed, {} failed, {} skipped, {} interrupted", done.id(),
                            done.sourceId(), done.done(), done.failed(), done.skipped(), done.interrupted());
                }
                continue;
            }
            if (store.takeTurn(request.id(), next.get())) {
                reprocess(request, next.get());
            }
        }
        return worked;
    }

    private void reprocess(BulkReprocessRequest request, BulkReprocessItem item) {
        String batchId = item.batchId();
        BatchActions.Started started;
        try {
            started = actions.reprocess(batchId);
        } catch (BatchActionRefused refused) {
            log.info("bulk reprocess {}: batch {} skipped, {}: {}", request.id(), batchId, refused.code(), refused.getMessage());
            store.recordOutcome(request.id(), item.seq(), BulkReprocessOutcome.SKIPPED, statusOf(batchId), refused.code(),
                    refused.getMessage());
            return;
        } catch (RuntimeException e) {
            log.warn("bulk reprocess {}: the reprocess of batch {} could not be started", request.id(), batchId, e);
            store.recordOutcome(request.id(), item.seq(), BulkReprocessOutcome.FAILED, statusOf(batchId), ErrorCodes.PROCESSING_ERROR,
                    "重新处理未能启动，管理员将排查");
            return;
        }
        store.recordAttempt(request.id(), item.seq(), started.attempt());
        try {
            started.completion().join();
        } catch (CompletionException | CancellationException e) {
            // the batch row says what came of it: the refusal's handler has failed it, or left it to the run that took it
        }
        if (stopping) {
            return; // the hub stopped the run at a chunk: the next start restarts it and interrupts this request
        }
        Batch batch = batches.findById(batchId).orElseThrow();
        boolean wentWell = batch.attempt() == started.attempt() && WENT_WELL.contains(batch.status());
        store.recordOutcome(request.id(), item.seq(), wentWell ? BulkReprocessOutcome.DONE : BulkReprocessOutcome.FAILED,
                batch.status().name(), wentWell ? null : batch.failureCode(), wentWell ? null : batch.failureMessage());
        log.info("bulk reprocess {}: batch {} attempt {} ended {}", request.id(), batchId, started.attempt(), batch.status());
    }

    private boolean leftOver(BulkReprocessRequest request) {
        Optional<BulkReprocessItem> under = store.items(request.id()).stream()
                .filter(i -> i.outcome() == BulkReprocessOutcome.RUNNING).findFirst();
        under.ifPresent(i -> store.recordOutcome(request.id(), i.seq(), BulkReprocessOutcome.INTERRUPTED, statusOf(i.batchId()), null,
                NOT_RECORDED));
        return under.isPresent();
    }

    private String statusOf(String batchId) {
        return batches.findById(batchId).map(b -> b.status().name()).orElse(null);
    }

    private void pause() {
        synchronized (signal) {
            if (!woken && !stopping) {
                try {
                    signal.wait(LOOK_EVERY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            woken = false;
        }
    }

    /** Stops in the JMS listeners' phase, with the background jobs it hands its batches to. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
