package org.tracehub.jobs.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tracehub.jobs.actions.BatchActionCodes;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.importjob.BatchReporter;
import org.tracehub.jobs.importjob.ImportFailureListener;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.BatchStatus;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Retries the batches whose run stopped for a full data disk ({@code DISK_FULL}) once the disk is above
 * {@code hub.intake.min-disk-free} again: every {@code hub.jobs.disk-full-retry.interval}, each such batch's failed run is
 * restarted where it stopped, as an admin's retry would ({@link BatchActions#retry}). Before, such a batch ended
 * PROCESSING_ERROR with its 处理失败 receipt and waited for an admin for ever, though nothing was wrong with the file or the
 * hub once space was freed. A run that stops for the disk again is retried again, up to
 * {@code hub.jobs.disk-full-retry.max-tries} runs, then it fails for an admin with its receipt (the import failure
 * listener decides). Nodes sharing a database may both look: the retry's compare-and-set on the batch row lets one take it.
 */
@Component
@EnableConfigurationProperties(DiskFullRetrySettings.class)
public class DiskFullRetry {

    private static final Logger log = LoggerFactory.getLogger(DiskFullRetry.class);
    /** Batches retried per look: their runs queue for the background threads, the rest wait for the next look. */
    static final int PER_LOOK = 20;

    private final BatchRepository batches;
    private final BatchActions actions;
    private final DiskFloor floor;
    private final DiskFullRetrySettings settings;
    private final BatchReporter reporter;
    static final String LOOK = "disk-full-retry";

    private final RepeatedLook looks = new RepeatedLook(LOOK);
    private final LookFailures failures;
    /** Batches whose retry threw at an earlier look: tried after the others, so that one cannot hold up those behind it. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public DiskFullRetry(BatchRepository batches, BatchActions actions, DiskFloor floor, DiskFullRetrySettings settings,
                         BatchReporter reporter, LookFailures failures) {
        this.reporter = reporter;
        this.failures = failures;
        this.batches = batches;
        this.actions = actions;
        this.floor = floor;
        this.settings = settings;
    }

    /** Retries the waiting batches now if the disk is above its floor; how many retries were started. */
    public int runOnce() {
        if (floor.reached()) {
            log.debug("batches waiting for disk space are not retried yet: the data disk has {} free, below "
                    + "hub.intake.min-disk-free ({})", DiskFloor.megabytes(floor.usableBytes()), DiskFloor.megabytes(floor.minFreeBytes()));
            return 0;
        }
        int started = 0;
        for (String batchId : failingLast(batches.findWaitingForDisk(PER_LOOK + failing.size()))) {
            try {
                BatchActions.Started retry = actions.retry(batchId);
                started++;
                log.info("batch {} attempt {}: the data disk has space again, its run stopped for lack of it is restarted "
                        + "(execution {})", batchId, retry.attempt(), retry.restartOf());
            } catch (BatchActionRefused refused) {
                if (BatchActionCodes.NOTHING_TO_RETRY.equals(refused.code())) {
                    // no run left to restart (its staging purged): it would wait here for ever; an admin reprocesses it
                    giveUp(batchId, refused.getMessage());
                } else {
                    // another node or an admin took it first: left to them
                    log.info("batch {} waiting for disk space is not retried: {} ({})", batchId, refused.getMessage(), refused.code());
                }
            } catch (RuntimeException e) {
                // the batches behind it are retried all the same; it is tried again at the next look, after them
                failing.add(batchId);
                failures.failed(LOOK, batchId, "retrying batch " + batchId + ", waiting for disk space,", e);
                continue;
            }
            if (failing.remove(batchId)) {
                failures.over(LOOK, batchId);
            }
        }
        return started;
    }

    /**
     * The waiting batches, those whose retry threw last, and at most {@link #PER_LOOK}: the list is in the order the
     * batches last changed, and a batch whose retry throws does not change, so it came first at every look.
     */
    private List<String> failingLast(List<String> waiting) {
        failing.retainAll(waiting);
        List<String> ordered = new ArrayList<>(waiting.size());
        waiting.stream().filter(id -> !failing.contains(id)).forEach(ordered::add);
        waiting.stream().filter(failing::contains).forEach(ordered::add);
        return ordered.size() > PER_LOOK ? ordered.subList(0, PER_LOOK) : ordered;
    }

    private void giveUp(String batchId, String why) {
        batches.findById(batchId).ifPresent(batch -> {
            if (batches.markFailedIfStill(batchId, batch.attempt(), BatchStatus.FAILED, ErrorCodes.PROCESSING_ERROR,
                    ImportFailureListener.DISK_FULL_GAVE_UP_MESSAGE)) {
                log.error("batch {} attempt {} waited for disk space but its run cannot be restarted ({}): failed for an admin, "
                        + "who may reprocess it", batchId, batch.attempt(), why);
                reporter.report(batchId);
            }
        });
    }

    @EventListener(StartupRecoveryFinished.class)
    public synchronized void start() {
        failures.watch(LOOK);
        looks.start(settings.interval(), () -> {
            runOnce();
            failures.over(LOOK, null);
        }, e -> failures.failed(LOOK, null, "retrying the batches waiting for disk space", e));
    }

    @jakarta.annotation.PreDestroy
    public synchronized void stop() {
        looks.stop();
    }
}
