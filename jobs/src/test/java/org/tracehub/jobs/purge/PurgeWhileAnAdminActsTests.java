package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import org.tracehub.jobs.actions.BatchActionCodes;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.actions.PausingTrigger;
import org.tracehub.jobs.importjob.ImportJobTestSupport;

/**
 * An admin's reprocess or retry while a purge is under way. The staging and archive purges read a page of batches and
 * purge each in a transaction of its own, whose mark holds the batch row until that batch's files and rows are gone:
 * an action on a batch the page has done goes ahead (or is refused for what the purge did) at once, not after the page.
 * A real H2 trigger holds the page at a later batch of it ({@link PausingTrigger}) while the action runs.
 */
class PurgeWhileAnAdminActsTests extends ImportJobTestSupport {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Autowired
    PurgeLauncher purge;

    @Autowired
    BatchActions actions;

    @Autowired
    DataSource dataSource;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        jobsLogger().addAppender(log);
    }

    @AfterEach
    void letThePurgeGo() {
        PausingTrigger.remove(jdbc);
        jobsLogger().detachAppender(log);
    }

    @Test
    void aReprocessOrRetryOfABatchAStagingPurgePageHasDoneGoesAheadWhileThePageStillPurgesALaterBatch() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String loaded = imported("43");
        String failed = failedInConvert("44");
        String holding = imported("45");
        // loaded or failed 40 days ago: the staging purge takes them, in this order, the archive step none of them
        age(loaded, now.minusDays(42));
        age(failed, now.minusDays(41));
        age(holding, now.minusDays(40));
        jdbc.sql("UPDATE batch SET staging_purged_at = NULL").update();
        PausingTrigger.install(jdbc, "batch", "BEFORE UPDATE", Map.of("id", holding));

        CompletableFuture<Optional<JobExecution>> run = purgeInBackground(now.plusSeconds(2));
        PausingTrigger.awaitReached();

        // the page is held at its last batch; the two before it are done and free: the reprocess starts attempt 2, the
        // retry is told at once that the failed run went with the staging (before, both waited for the whole page and
        // were refused as busy past H2's lock timeout)
        CompletableFuture<BatchActions.Started> reprocess = CompletableFuture.supplyAsync(() -> actions.reprocess(loaded));
        BatchActions.Started again = reprocess.get(60, TimeUnit.SECONDS);
        assertThat(again.attempt()).isEqualTo(2);
        BatchActionRefused refused = refusal(CompletableFuture.runAsync(() -> actions.retry(failed)));
        assertThat(refused.code()).isEqualTo(BatchActionCodes.NOTHING_TO_RETRY);
        assertThat(refused.getMessage()).contains("重新处理");
        assertThat(run).as("the page is still purging its last batch").isNotDone();
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = 1", loaded)).isZero();

        PausingTrigger.release();
        assertThat(run.get(60, TimeUnit.SECONDS).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", holding)).isZero();
        // the reprocess converts the original anew and loads it
        assertThat(again.completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(loaded).attempt()).isEqualTo(2);
        assertThat(batch(loaded).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(failed).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
    }

    @Test
    void aReprocessOfABatchAnArchivePurgePageHasDoneIsRefusedAsPurgedAtOnceWhileThePageStillPurgesALaterBatch() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String taken = imported("41");
        String holding = imported("42");
        // received four years ago, the first of the page; its staging already purged, so that only the archive step
        // writes these rows
        age(taken, now.minusYears(4).minusDays(1));
        age(holding, now.minusYears(4));
        Path folder = storage.resolve(batch(taken).archivePath()).getParent();
        PausingTrigger.install(jdbc, "batch", "BEFORE UPDATE", Map.of("id", holding));

        CompletableFuture<Optional<JobExecution>> run = purgeInBackground(now.plusSeconds(1));
        PausingTrigger.awaitReached();

        // the page is held at its second batch; the first is done: refused as purged without waiting for the page (before,
        // its mark waited uncommitted with the page, and the reprocess's locking read of it was refused as busy)
        BatchActionRefused refused = refusal(CompletableFuture.runAsync(() -> actions.reprocess(taken)));
        assertThat(refused.code()).isEqualTo(BatchActionCodes.ARCHIVE_PURGED);
        assertThat(refused.getMessage()).contains("保存期限");
        assertThat(run).as("the page is still purging its second batch").isNotDone();
        assertThat(folder).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NOT NULL", taken)).isEqualTo(1);

        PausingTrigger.release();
        assertThat(run.get(60, TimeUnit.SECONDS).orElseThrow().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NOT NULL", holding)).isEqualTo(1);
        assertThat(batch(taken).attempt()).isEqualTo(1);
    }

    /**
     * The window that is left: the archive purge deletes a batch's folder before it commits the batch's mark. Held there
     * as the purge's own statements would hold it (no database write follows the deletion for a trigger to hold).
     */
    @Test
    void aReprocessOfABatchWhoseOriginalTheArchivePurgeDeletedBeforeCommittingItsMarkIsRefusedAsPurgedNotAsALostFile()
            throws Exception {
        String taken = imported("46");
        Path folder = storage.resolve(batch(taken).archivePath()).getParent();
        try (Connection purgeTransaction = dataSource.getConnection()) {
            purgeTransaction.setAutoCommit(false);
            try (PreparedStatement mark = purgeTransaction.prepareStatement(
                    "UPDATE batch SET archive_purged_at = CURRENT_TIMESTAMP WHERE id = ? AND archive_purged_at IS NULL")) {
                mark.setString(1, taken);
                assertThat(mark.executeUpdate()).isEqualTo(1);
            }
            FileSystemUtils.deleteRecursively(folder);

            CompletableFuture<Void> reprocess = CompletableFuture.runAsync(() -> actions.reprocess(taken));
            // the reprocess waits for the purge's decision on the batch; commit it once it does (or once it answered)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> reprocess.isDone() || waitingForARowLock());
            purgeTransaction.commit();

            assertThat(refusal(reprocess).code()).isEqualTo(BatchActionCodes.ARCHIVE_PURGED);
        }
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("never removed"));
        assertThat(batch(taken).attempt()).isEqualTo(1);
    }

    // -----------------------------------------------------------------------------------------

    /**
     * A run of its own (the purge runs once per night it is given): two tests a second apart, one purging at now + 2 s
     * and the next at now + 1 s, gave the same night, and the second's purge was refused as already run.
     */
    private CompletableFuture<Optional<JobExecution>> purgeInBackground(OffsetDateTime at) {
        OffsetDateTime night = at.truncatedTo(ChronoUnit.SECONDS).plusNanos(TimeUnit.MILLISECONDS.toNanos(RUNS.incrementAndGet()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return purge.run(night);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Whether a session of the database is waiting for a lock another holds. */
    private boolean waitingForARowLock() {
        return count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL") > 0;
    }

    private static BatchActionRefused refusal(CompletableFuture<Void> action) throws Exception {
        try {
            action.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(BatchActionRefused.class);
            return (BatchActionRefused) e.getCause();
        }
        throw new AssertionError("the action was not refused");
    }

    private String imported(String n) throws Exception {
        String batchId = receive(FILE_NAME, variant(n));
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return batchId;
    }

    /** A convert that fails in its third chunk: a retry may resume it. */
    private String failedInConvert(String n) throws Exception {
        String batchId = receive(FILE_NAME, variant(n));
        jdbc.sql("ALTER TABLE staged_event ADD CONSTRAINT test_fault CHECK (NOT (batch_id = '" + batchId + "' AND row_no = 11))")
                .update();
        try {
            assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);
        } finally {
            jdbc.sql("ALTER TABLE staged_event DROP CONSTRAINT test_fault").update();
        }
        return batchId;
    }

    /** Received and last changed then; its staging marked purged when older than the staging age, as a night did. */
    private void age(String batchId, OffsetDateTime then) {
        jdbc.sql("UPDATE batch SET received_at = ?, updated_at = ?, staging_purged_at = ? WHERE id = ?")
                .params(then, then, then, batchId).update();
    }

    private static byte[] variant(String n) {
        return sampleText().replace("XJM26112700", "XJM261127" + n).replace("XJ202611270", "XJ2026112" + n)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Logger jobsLogger() {
        return (Logger) LoggerFactory.getLogger("org.tracehub.jobs");
    }
}
