package org.tracehub.jobs.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.BackgroundJobs;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.importjob.BatchReporter;
import org.tracehub.jobs.importjob.DiskFullRuns;
import org.tracehub.jobs.importjob.ImportFailureListener;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.platform.testing.LoggedEvents;
import org.tracehub.platform.testing.SettableDiskSpace;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * A batch converted while the data disk is below {@code hub.intake.min-disk-free}: real H2, staging files and broker on
 * the test's disk; the free space the floor reads is the floor's seam, set by each test.
 */
@Import(SettableDiskSpace.class)
@TestPropertySource(properties = "hub.jobs.disk-full-retry.max-tries=2")
class DiskFullRetryTests extends ImportJobTestSupport {

    private static final long FLOOR = SettableDiskSpace.FLOOR;
    private static final AtomicLong FREE = SettableDiskSpace.FREE;

    @Autowired
    DiskFullRetry retry;

    @Autowired
    BatchActions actions;

    @Autowired
    @Qualifier("loadJob")
    Job loadJob;

    @Autowired
    BatchAttempts attempts;

    @Autowired
    SpecCatalog catalog;

    @Autowired
    BackgroundJobs background;

    @Autowired
    DiskFloor floor;

    @Autowired
    DiskFullRetrySettings settings;

    @Autowired
    BatchReporter reporter;

    @AfterEach
    void spaceBack() {
        FREE.set(Long.MAX_VALUE);
    }

    @Test
    void aBatchConvertedBelowTheDiskFloorWaitsWithoutAReceiptAndIsLoadedOnceSpaceIsBack() throws Exception {
        String batchId = receiveSample();
        FREE.set(FLOOR - 1);

        try (CompletedTopic topic = subscribe(batchId)) {
            assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);

            Batch waiting = batch(batchId);
            assertThat(waiting.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
            assertThat(waiting.failureCode()).isEqualTo(ErrorCodes.DISK_FULL);
            assertThat(waiting.failureMessage()).startsWith("磁盘空间不足").isEqualTo(ImportFailureListener.DISK_FULL_MESSAGE);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?").param(batchId).query(Long.class).single())
                    .as("nothing staged").isZero();
            assertThat(batches.receiptOf(batchId).orElseThrow().owed()).as("no receipt while it waits").isFalse();
            assertThat(batches.findReceiptsDue(waiting.updatedAt().minusDays(1), waiting.updatedAt().plusDays(1), 10))
                    .as("nor for the redelivery").isEmpty();

            // the disk is still short: the hub's look retries nothing
            assertThat(retry.runOnce()).isZero();
            assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.DISK_FULL);

            // an admin frees space
            FREE.set(Long.MAX_VALUE);
            assertThat(retry.runOnce()).isEqualTo(1);

            assertThat(topic.next(Duration.ofSeconds(60)).getStringProperty(BatchMessaging.STATUS_PROPERTY))
                    .as("the first and only receipt").isEqualTo("LOADED");
        }
        Batch loaded = batch(batchId);
        assertThat(loaded.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(loaded.attempt()).isEqualTo(1);
        assertThat(loaded.rowsAccepted()).isEqualTo(ACCEPTED_ROWS.size());
    }

    @Test
    void aBatchThatStopsForDiskSpaceAtEveryTryFailsForAnAdminWithItsReceiptAfterMaxTries() throws Exception {
        String batchId = receiveSample();
        FREE.set(FLOOR - 1);

        try (CompletedTopic topic = subscribe(batchId)) {
            assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.DISK_FULL);

            // restarted while the disk is still short (an admin's retry, as the hub's own would be): the second run of two
            JobExecution second = actions.retry(batchId).completion().get(60, TimeUnit.SECONDS);
            assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);

            assertThat(topic.next(Duration.ofSeconds(60)).getStringProperty(BatchMessaging.STATUS_PROPERTY)).isEqualTo("FAILED");
        }
        Batch failed = batch(batchId);
        assertThat(failed.failureCode()).as("an admin's retry, as any processing error").isEqualTo(ErrorCodes.PROCESSING_ERROR);
        assertThat(failed.failureMessage()).isEqualTo(ImportFailureListener.DISK_FULL_GAVE_UP_MESSAGE);
        assertThat(batches.findWaitingForDisk(10)).doesNotContain(batchId);
    }

    @Test
    void aRunThatFailedForAnotherReasonBeforeLeavesTheBatchAllItsTriesForTheDisk() throws Exception {
        String batchId = receiveSample();
        // the first run fails for a reason of its own (the store refuses row 11's staged event): an admin retries it
        withConstraint("staged_event", "row_no <> 11", () -> assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED));
        assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);

        // the admin's retry stops for the disk: the first of max-tries (2) such runs, not the second run of the attempt
        FREE.set(FLOOR - 1);
        assertThat(actions.retry(batchId).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.FAILED);

        Batch waiting = batch(batchId);
        assertThat(waiting.failureCode()).as("waits for space, its tries not used up by the other failure").isEqualTo(ErrorCodes.DISK_FULL);
        assertThat(DiskFullRuns.ofAttempt(jobRepository, batchId, 1)).isEqualTo(1);
        assertThat(batches.findWaitingForDisk(10)).contains(batchId);

        // the second run in a row that stops for the disk is the last
        assertThat(actions.retry(batchId).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(batch(batchId).failureCode()).isEqualTo(ErrorCodes.PROCESSING_ERROR);
        assertThat(batch(batchId).failureMessage()).isEqualTo(ImportFailureListener.DISK_FULL_GAVE_UP_MESSAGE);
    }

    @Test
    void aLoadBelowTheDiskFloorWritesNothingToTheStoreWaitsForSpaceAndLoadsOnceItIsBack() throws Exception {
        String batchId = receiveSample(ImportJobTestApplication.NIGHTLY_SOURCE);
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.STAGED);

        // the night comes while the disk is below the floor
        FREE.set(FLOOR - 1);
        JobExecution load = jobOperator.start(loadJob, params(batchId, 1));

        assertThat(load.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(load.getExitStatus().getExitCode()).isEqualTo(DiskFullRuns.EXIT_CODE);
        assertThat(store.countByBatch(batchId)).as("not one event written").isZero();
        Batch waiting = batch(batchId);
        assertThat(waiting.status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.FAILED);
        assertThat(waiting.failureCode()).isEqualTo(ErrorCodes.DISK_FULL);

        FREE.set(Long.MAX_VALUE);
        assertThat(retry.runOnce()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> batch(batchId).status() == org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(store.countByBatch(batchId)).isEqualTo(ACCEPTED_ROWS.size());
    }

    @Test
    void aBatchWhoseRetryThrowsHoldsUpNoBatchBehindItAndIsAnErrorOnceAndCounted() throws Exception {
        String first = receiveSample();
        String second = receive("交易明细_20261128.csv", sampleText().replace("XJ", "XK").getBytes(GB18030));
        FREE.set(FLOOR - 1);
        assertThat(importNewAttempt(first).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(importNewAttempt(second).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(batches.findWaitingForDisk(10)).as("the failing one sorts first").startsWith(first).contains(second);
        FREE.set(Long.MAX_VALUE);

        BatchActions failingFirst = new BatchActions(batches, attempts, catalog, storage, jobOperator, jobRepository, importJob,
                background, clock, Duration.ofMinutes(30)) {
            @Override
            public Started retry(String batchId) {
                if (batchId.equals(first)) {
                    throw new IllegalStateException("the job repository cannot be read");
                }
                return super.retry(batchId);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DiskFullRetry looking = new DiskFullRetry(batches, failingFirst, floor, settings, reporter,
                new LookFailures(meters, Clock.systemUTC()));
        Logger logger = (Logger) LoggerFactory.getLogger(LookFailures.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertThat(looking.runOnce()).as("the batch behind the failing one").isEqualTo(1);
            looking.runOnce();
        } finally {
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> errors = LoggedEvents.of(appender).stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains(first);
            assertThat(e.getThrowableProxy()).as("with its stack trace").isNotNull();
        });
        assertThat(meters.get(LookFailures.FAILURES).tag(LookFailures.TAG_LOOK, DiskFullRetry.LOOK).counter().count()).isEqualTo(2);
        assertThat(batches.findWaitingForDisk(10)).containsExactly(first);
    }
}
