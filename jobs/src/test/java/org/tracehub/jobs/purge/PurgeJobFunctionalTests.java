package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.tracehub.jobs.ImportJobTestApplication;
import org.tracehub.jobs.actions.BatchActionCodes;
import org.tracehub.jobs.actions.BatchActionRefused;
import org.tracehub.jobs.actions.BatchActions;
import org.tracehub.jobs.actions.BatchJobHistory;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.jobs.recovery.MissedRuns;
import org.tracehub.jobs.recovery.ScheduledStarts;
import org.tracehub.jobs.importjob.ImportJobConfiguration;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.RowProblem;
import org.tracehub.platform.batch.Transport;

/**
 * The purge job with its default ages (staging 30 days, job metadata 90 days, archives 3 years) on
 * batches whose clocks are set back in the database: it removes what nothing needs any more, and
 * leaves alone every batch that a load, a retry or a reprocess may still need.
 */
class PurgeJobFunctionalTests extends ImportJobTestSupport {

    @Autowired
    PurgeLauncher purge;

    @Autowired
    BatchActions actions;

    @Autowired
    PurgeSettings settings;

    @Autowired
    MissedRuns missedRuns;

    @Autowired
    ScheduledStarts starts;

    @Autowired
    BatchRetention retention;

    @Autowired
    BatchJobHistory history;

    @Autowired
    PlatformTransactionManager tx;

    @Autowired
    BatchAttempts attempts;

    @Test
    void removesStagingArchivesAndJobRecordsThatNothingNeedsAndNothingElse() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // loaded 40 days ago: its staging goes, its original stays (within the retention)
        String loadedLastMonth = imported(receive(FILE_NAME, variant("01")));
        age(loadedLastMonth, now.minusDays(40), now.minusDays(40));
        // received and last changed four years ago: staging and original go, the batch row and its problems stay
        String loadedLongAgo = imported(receive(FILE_NAME, variant("02")));
        age(loadedLongAgo, now.minusYears(4), now.minusYears(4));
        Path longAgoFolder = storage.resolve(batch(loadedLongAgo).archivePath()).getParent();
        // staged four years ago and still waiting for its load: nothing of it goes
        String waiting = receive(ImportJobTestApplication.NIGHTLY_SOURCE, FILE_NAME, variant("03"));
        importNewAttempt(waiting);
        age(waiting, now.minusYears(4), now.minusYears(4));
        // loaded yesterday: its staging stays
        String recent = imported(receive(FILE_NAME, variant("04")));
        age(recent, now.minusDays(1), now.minusDays(1));
        // failed in convert 40 days ago: its staging goes, and with it the chance to resume the run
        String failedLastMonth = failedInConvert(receive(FILE_NAME, variant("05")));
        age(failedLastMonth, now.minusDays(40), now.minusDays(40));
        // failed yesterday, its run ended 100 days ago by its clock: retry may still restart it
        String failedRecently = failedInConvert(receive(FILE_NAME, variant("06")));
        age(failedRecently, now.minusDays(1), now.minusDays(1));

        endedDaysAgo(loadedLastMonth, 100);
        endedDaysAgo(failedRecently, 100);
        long loadedLastMonthInstance = instance(loadedLastMonth).getInstanceId();
        lostVersion(loadedLongAgo, 3);
        lostVersion(loadedLastMonth, 3);

        for (String id : new String[] {loadedLastMonth, loadedLongAgo, waiting, recent, failedLastMonth, failedRecently}) {
            assertThat(stagedFolder(id)).isDirectory();
        }

        JobExecution run = purge.run(now.truncatedTo(ChronoUnit.MINUTES)).orElseThrow();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, PurgeParameters.STAGING_STEP).getReadCount()).isEqualTo(3);
        assertThat(step(run, PurgeParameters.STAGING_STEP).getWriteCount()).isEqualTo(7 + 7 + 4);
        assertThat(step(run, PurgeParameters.ARCHIVE_STEP).getWriteCount()).isEqualTo(1);

        assertThat(staged(loadedLastMonth)).isZero();
        assertThat(staged(loadedLongAgo)).isZero();
        assertThat(staged(failedLastMonth)).isZero();
        assertThat(staged(waiting)).isEqualTo(7);
        assertThat(staged(recent)).isEqualTo(7);
        assertThat(staged(failedRecently)).isEqualTo(4);
        // the staged XML files go with their rows
        assertThat(stagedFolder(loadedLastMonth)).doesNotExist();
        assertThat(stagedFolder(loadedLongAgo)).doesNotExist();
        assertThat(stagedFolder(failedLastMonth)).doesNotExist();
        assertThat(stagedFolder(waiting).resolve("1.xml")).exists();
        assertThat(stagedFolder(recent).resolve("1.xml")).exists();
        assertThat(stagedFolder(failedRecently).resolve("1.xml")).exists();

        // the original, the raw rejected rows, the row problems and the lost versions are gone; the batch row and its counts stay
        assertThat(longAgoFolder).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NOT NULL AND rows_rejected = 3",
                loadedLongAgo)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", loadedLongAgo)).isZero();
        assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ?", loadedLongAgo)).isZero();
        assertThat(count("SELECT COUNT(*) FROM lost_version WHERE batch_id = ?", loadedLongAgo)).isZero();
        assertThat(count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ?", loadedLastMonth)).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM lost_version WHERE batch_id = ?", loadedLastMonth)).isEqualTo(1);
        assertThat(store.countByBatch(loadedLongAgo)).isEqualTo(7);
        for (String kept : new String[] {loadedLastMonth, waiting, recent, failedLastMonth, failedRecently}) {
            assertThat(storage.resolve(batch(kept).archivePath())).exists();
        }
        assertRefused(() -> actions.reprocess(loadedLongAgo), BatchActionCodes.ARCHIVE_PURGED);
        assertRefused(() -> actions.retry(failedLastMonth), BatchActionCodes.NOTHING_TO_RETRY);

        // job records: the old completed run is gone row by row, the restartable one stays
        assertThat(jobRepository.getJobInstance(loadedLastMonthInstance)).isNull();
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?", loadedLastMonthInstance)).isZero();
        assertThat(count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION_CONTEXT c JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = "
                + "c.STEP_EXECUTION_ID JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = ?",
                loadedLastMonthInstance)).isZero();
        assertThat(instance(failedRecently)).isNotNull();
        assertThat(instance(recent)).isNotNull();
        assertThat(jobRepository.getLastJobExecution(instance(failedRecently)).getStatus()).isEqualTo(BatchStatus.FAILED);

        // the same run again does nothing more
        assertThat(purge.run(now.truncatedTo(ChronoUnit.MINUTES))).isEmpty();
    }

    /**
     * Failed runs an admin's retry has resumed, their restarts still queued: the batches are CONVERTING (a failed convert)
     * and STAGED (a failed load) at that attempt, no longer FAILED. The purge kept a failed run only while its batch was
     * FAILED, and deleted these once they had ended longer than {@code job-metadata-age} ago (a job-metadata-age below the
     * staging-age lets a retry come that late): the restart found no run to resume, and Spring Batch started the attempt
     * afresh on a new instance, from row 1.
     */
    @Test
    void failedRunsARetryHasResumedAreKeptForTheirRestartsHoweverLongAgoTheyEnded() throws Exception {
        String converting = failedInConvert(receive(FILE_NAME, variant("13")));
        String staged = receive(FILE_NAME, variant("14"));
        withConstraint("trace_event", "NOT (batch_id = '" + staged + "' AND row_no = 11)",
                () -> assertThat(importNewAttempt(staged).getStatus()).isEqualTo(BatchStatus.FAILED));
        endedDaysAgo(converting, 100);
        endedDaysAgo(staged, 100);
        assertThat(attempts.resumeFailed(converting, 1, org.tracehub.platform.batch.BatchStatus.CONVERTING)).isTrue();
        assertThat(attempts.resumeFailed(staged, 1, org.tracehub.platform.batch.BatchStatus.STAGED)).isTrue();

        JobExecution purged = purge.run(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES).plusSeconds(50)).orElseThrow();

        assertThat(purged.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (String id : List.of(converting, staged)) {
            assertThat(instance(id)).as("the run of %s", id).isNotNull();
            // the queued restart runs: it resumes the failed run, converting only what its last chunk left
            JobExecution restart = jobOperator.restart(jobRepository.getLastJobExecution(instance(id)));
            assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(restart.getJobInstance().getInstanceId()).isEqualTo(instance(id).getInstanceId());
            assertThat(batch(id).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
            assertThat(store.countByBatch(id)).isEqualTo(7);
        }
        assertThat(step(jobRepository.getLastJobExecution(instance(converting)), ImportJobConfiguration.CONVERT_STEP).getReadCount())
                .as("resumed after its last chunk").isLessThan(10);
    }

    /**
     * A failed run kept for its batch's retry: the nights after the one that kept it read it no more (five years of
     * processing errors waiting for someone were read again every night), and the night after a reprocess loaded the
     * batch at another attempt, it goes — found through its batch's change, its own run having ended long before.
     */
    @Test
    void aFailedRunKeptForARetryIsNotReadAgainUntilItsBatchChangesAndGoesOnceAReprocessLoadedTheBatch() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = failedInConvert(receive(FILE_NAME, variant("15")));
        // failed ten days ago (its staging stays for a retry), its run ended longer ago than job-metadata-age by its clock
        age(batchId, now.minusDays(10), now.minusDays(10));
        endedDaysAgo(batchId, 100);
        OffsetDateTime firstNight = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(25);

        JobExecution first = purge.run(firstNight).orElseThrow();

        assertThat(step(first, PurgeParameters.JOB_METADATA_STEP).getWriteCount()).isZero();
        assertThat(instance(batchId)).as("kept for a retry").isNotNull();

        JobExecution quiet = purge.run(firstNight.plusSeconds(1)).orElseThrow();

        assertThat(step(quiet, PurgeParameters.JOB_METADATA_STEP).getReadCount()).as("nothing changed: nothing read").isZero();
        assertThat(instance(batchId)).isNotNull();

        assertThat(actions.reprocess(batchId).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).attempt()).isEqualTo(2);

        JobExecution afterTheReprocess = purge.run(firstNight.plusSeconds(2)).orElseThrow();

        assertThat(step(afterTheReprocess, PurgeParameters.JOB_METADATA_STEP).getReadCount()).isEqualTo(1);
        assertThat(step(afterTheReprocess, PurgeParameters.JOB_METADATA_STEP).getWriteCount()).isEqualTo(1);
        assertThat(instance(batchId)).as("attempt 1's failed run").isNull();
        assertThat(count("SELECT COUNT(*) FROM job_metadata_kept")).isZero();
    }

    @Test
    void aBatchWhoseStagingWentIsNotReadAgainUntilAReprocessStagesAnotherAttemptWhichALaterPurgeTakes() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = imported(receive(FILE_NAME, variant("09")));
        age(batchId, now.minusDays(40), now.minusDays(40));
        OffsetDateTime firstNight = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(10);

        JobExecution first = purge.run(firstNight).orElseThrow();

        assertThat(step(first, PurgeParameters.STAGING_STEP).getReadCount()).isEqualTo(1);
        assertThat(step(first, PurgeParameters.STAGING_STEP).getWriteCount()).isEqualTo(7);
        assertThat(staged(batchId)).isZero();
        assertThat(stagingPurgedAt(batchId)).isNotNull();
        assertThat(retention.withStagingUnchangedSince(firstNight.minus(settings.stagingAge()), 200)).as("the next night's look-up")
                .isEmpty();

        // reprocessed: attempt 2 stages again, and the mark no longer holds
        assertThat(actions.reprocess(batchId).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).attempt()).isEqualTo(2);
        assertThat(stagingPurgedAt(batchId)).isNull();
        assertThat(count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ? AND attempt = 2", batchId)).isEqualTo(7);
        assertThat(stagedFolder(batchId).resolve("2.xml")).exists();
        age(batchId, now.minusDays(40), now.minusDays(40));

        JobExecution second = purge.run(firstNight.plusSeconds(1)).orElseThrow();

        assertThat(step(second, PurgeParameters.STAGING_STEP).getWriteCount()).isEqualTo(7);
        assertThat(staged(batchId)).isZero();
        assertThat(stagedFolder(batchId)).doesNotExist();
        assertThat(stagingPurgedAt(batchId)).isNotNull();
    }

    @Test
    void batchesWithoutStagingAreSelectedOnceFoundWithNothingToRemoveAndMarked() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // loaded 40 days ago and its staging removed by a purge before V15, which left no mark
        String purgedBefore = imported(receive(FILE_NAME, variant("10")));
        jdbc.sql("DELETE FROM staged_event WHERE batch_id = ?").param(purgedBefore).update();
        org.springframework.util.FileSystemUtils.deleteRecursively(stagedFolder(purgedBefore));
        age(purgedBefore, now.minusDays(40), now.minusDays(40));
        // a duplicate of the same age: never staged anything
        String duplicate = BatchIds.next(now);
        batches.insertTerminal(new NewBatch(duplicate, SOURCE, FILE_NAME, FILE_NAME, "archive/none/" + duplicate + "/" + FILE_NAME, 1,
                "d".repeat(64), Transport.SFTP, now.minusDays(40)), org.tracehub.platform.batch.BatchStatus.DUPLICATE, purgedBefore,
                "FILE_DUPLICATE", "重复文件");
        age(duplicate, now.minusDays(40), now.minusDays(40));
        OffsetDateTime night = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(20);
        OffsetDateTime cutoff = night.minus(settings.stagingAge());
        assertThat(retention.withStagingUnchangedSince(cutoff, 200)).extracting(BatchRetention.StagedBatch::id)
                .containsExactlyInAnyOrder(purgedBefore, duplicate);

        JobExecution run = purge.run(night).orElseThrow();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, PurgeParameters.STAGING_STEP).getReadCount()).isEqualTo(2);
        assertThat(step(run, PurgeParameters.STAGING_STEP).getWriteCount()).isZero();
        assertThat(stagingPurgedAt(purgedBefore)).isNotNull();
        assertThat(stagingPurgedAt(duplicate)).isNotNull();
        assertThat(retention.withStagingUnchangedSince(cutoff, 200)).as("the next night's look-up").isEmpty();
        assertThat(batch(purgedBefore).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
    }

    @Test
    void theProblemsOfAnAttemptALaterLoadedAttemptSupersededGoAfterTheirRetentionAndEveryAttemptsCountsStay() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = imported(receive(FILE_NAME, variant("11")));
        assertThat(actions.reprocess(batchId).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(batchId).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(batchId).attempt()).isEqualTo(2);
        assertThat(problems(batchId, 1)).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ? AND attempt = 1", batchId)).isEqualTo(3);
        List<BatchJobHistory.Execution> executions = history.of(batchId, 2);
        assertThat(executions).extracting(BatchJobHistory.Execution::attempt).contains(1, 2);
        OffsetDateTime night = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(50);

        // the night after the reprocess: within the retention, attempt 1's problems stay
        JobExecution within = purge.run(night).orElseThrow();

        assertThat(step(within, PurgeParameters.SUPERSEDED_PROBLEMS_STEP).getWriteCount()).isZero();
        assertThat(problems(batchId, 1)).isEqualTo(4);

        // 91 days after the load of attempt 2
        jdbc.sql("UPDATE batch SET superseded_problems_at = ? WHERE id = ?").params(now.minusDays(91), batchId).update();
        JobExecution after = purge.run(night.plusSeconds(1)).orElseThrow();

        assertThat(after.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(after, PurgeParameters.SUPERSEDED_PROBLEMS_STEP).getReadCount()).isEqualTo(1);
        assertThat(step(after, PurgeParameters.SUPERSEDED_PROBLEMS_STEP).getWriteCount()).isEqualTo(4);
        assertThat(problems(batchId, 1)).isZero();
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ? AND attempt = 1", batchId)).isZero();
        // the attempt the store holds keeps its problems and cells; what each attempt read and wrote is still shown
        assertThat(errors.problemsOf(batchId, 2)).extracting(RowProblem::row).containsExactly(5L, 8L, 10L, 11L);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ? AND attempt = 2", batchId)).isEqualTo(3);
        assertThat(batch(batchId)).satisfies(b -> {
            assertThat(b.rowsRead()).isEqualTo(10);
            assertThat(b.rowsAccepted()).isEqualTo(7);
            assertThat(b.rowsRejected()).isEqualTo(3);
        });
        assertThat(history.of(batchId, 2)).isEqualTo(executions);
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND superseded_problems_at IS NULL", batchId)).isEqualTo(1);
    }

    @Test
    void supersededProblemsGoABoundedNumberPerTransaction() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String batchId = imported(receive(FILE_NAME, variant("12")));
        assertThat(actions.reprocess(batchId).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        jdbc.sql("UPDATE batch SET superseded_problems_at = ? WHERE id = ?").params(now.minusDays(91), batchId).update();
        SupersededProblemsPurgeTasklet threeAtATime = new SupersededProblemsPurgeTasklet(now.minusDays(90), retention, errors, 3);
        StepContribution contribution = MetaDataInstanceFactory.createStepExecution().createStepContribution();

        // rows 5, 8 and 10 of attempt 1, the share of a transaction; then row 11's warning, and the batch is done
        assertThat(threeAtATime.execute(contribution, null)).isEqualTo(RepeatStatus.CONTINUABLE);
        assertThat(problems(batchId, 1)).isEqualTo(1);
        assertThat(threeAtATime.execute(contribution, null)).isEqualTo(RepeatStatus.FINISHED);

        assertThat(contribution.getWriteCount()).isEqualTo(4);
        assertThat(problems(batchId, 1)).isZero();
        assertThat(problems(batchId, 2)).isEqualTo(4);
        assertThat(retention.withSupersededProblemsSince(now, 100)).isEmpty();
    }

    @Test
    void anOriginalReprocessedAfterThePurgeReadItsPageIsKeptForThatReprocess() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String reprocessed = imported(receive(FILE_NAME, variant("07")));
        age(reprocessed, now.minusYears(4), now.minusYears(4));
        String purged = imported(receive(FILE_NAME, variant("08")));
        age(purged, now.minusYears(4), now.minusYears(4));
        Path original = storage.resolve(batch(reprocessed).archivePath());
        Path purgedFolder = storage.resolve(batch(purged).archivePath()).getParent();
        // an admin reprocesses one of the page's batches right after the purge has read the page
        List<BatchActions.Started> started = new ArrayList<>();
        BatchRetention reprocessedAfterTheRead = new BatchRetention(jdbc, clock) {
            @Override
            public List<ArchivedBatch> withArchiveUnchangedSince(OffsetDateTime cutoff, int limit) {
                List<ArchivedBatch> page = super.withArchiveUnchangedSince(cutoff, limit);
                if (started.isEmpty()) {
                    assertThat(page).extracting(ArchivedBatch::id).containsExactlyInAnyOrder(reprocessed, purged);
                    started.add(actions.reprocess(reprocessed));
                }
                return page;
            }
        };
        StepContribution contribution = MetaDataInstanceFactory.createStepExecution().createStepContribution();

        RepeatStatus status = new ArchivePurgeTasklet(now.minusYears(3), reprocessedAfterTheRead, storage, tx).execute(contribution, null);

        assertThat(status).isEqualTo(RepeatStatus.FINISHED);
        assertThat(contribution.getWriteCount()).isEqualTo(1);
        assertThat(original).as("the reprocess's original").exists();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NULL", reprocessed)).isEqualTo(1);
        assertThat(started.get(0).completion().get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(batch(reprocessed).status()).isEqualTo(org.tracehub.platform.batch.BatchStatus.LOADED);
        assertThat(batch(reprocessed).attempt()).isEqualTo(2);
        // the page's other batch is purged as before
        assertThat(purgedFolder).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NOT NULL", purged)).isEqualTo(1);
    }

    @Test
    void removesOnlyReceiptsLastWrittenBeforeTheRetentionFromTheOutboxes() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Path outbox = java.nio.file.Files.createDirectories(storage.outbox("receipt-purge-src"));
        Path old = receiptFile(outbox, "交易明细_20260801.csv.receipt.csv", now.minusDays(91));
        Path oldXml = receiptFile(outbox, "交易明细_20260801.csv.receipt.xml", now.minusDays(91));
        Path oldOfABatch = receiptFile(outbox, "交易明细_20260801.csv.20260801-00000000a1.receipt.xml", now.minusDays(120));
        Path leftOverCopy = receiptFile(outbox, ".20260801-00000000a1.receipt.csv.tmp", now.minusDays(120));
        Path recent = receiptFile(outbox, "交易明细_20261127.csv.receipt.csv", now.minusDays(89));
        Path notAReceipt = receiptFile(outbox, "说明.txt", now.minusDays(400));

        // a run of its own (the other test's run is of the same minute)
        JobExecution run = purge.run(now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(30)).orElseThrow();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, PurgeParameters.RECEIPT_STEP).getWriteCount()).isGreaterThanOrEqualTo(4);
        assertThat(old).doesNotExist();
        assertThat(oldXml).doesNotExist();
        assertThat(oldOfABatch).doesNotExist();
        assertThat(leftOverCopy).doesNotExist();
        assertThat(recent).exists();
        assertThat(notAReceipt).exists();
    }

    @Test
    void removesUploadsNeverTakenInOnceUntouchedForTheRetentionAndNothingElseOfTheInbox() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Path inbox = java.nio.file.Files.createDirectories(storage.inbox("inbox-purge-src"));
        Path cancelled = java.nio.file.Files.writeString(inbox.resolve("交易明细_20261001.csv"), "序号,交易凭证号\r\n1,XJ", StandardCharsets.UTF_8);
        Path neverRenamed = java.nio.file.Files.writeString(inbox.resolve("交易明细_20261002.csv.filepart"), "序号", StandardCharsets.UTF_8);
        Path taken = java.nio.file.Files.createDirectories(inbox.resolve(".taken/20261001-00000000b1"));
        Path takenFile = java.nio.file.Files.writeString(taken.resolve("交易明细_20261001.csv"), "序号", StandardCharsets.UTF_8);
        // an upload still open whose client keeps the original's modification time (sftp put -p): changed just now
        java.nio.file.Files.setLastModifiedTime(cancelled, java.nio.file.attribute.FileTime.from(now.minusDays(400).toInstant()));

        // a run today: the modification time says 400 days, the status-change time says now
        JobExecution today = purge.run(now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(40)).orElseThrow();
        assertThat(today.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(cancelled).exists();
        assertThat(neverRenamed).exists();

        // a run 31 days on: both untouched for longer than the 30 days
        JobExecution later = purge.run(now.plusDays(31).truncatedTo(ChronoUnit.MINUTES)).orElseThrow();
        assertThat(later.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(later, PurgeParameters.INBOX_LEFTOVER_STEP).getWriteCount()).isGreaterThanOrEqualTo(2);
        assertThat(cancelled).doesNotExist();
        assertThat(neverRenamed).doesNotExist();
        assertThat(takenFile).as("a received file waiting to be archived").exists();
    }

    @Test
    void auditEntriesGoAfterTheAuditRetentionAndFetchRecordsOfMovingPullsAfterTheArchiveRetention() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        audit("audit-old", now.minusYears(3).minusDays(2));
        audit("audit-recent", now.minusYears(2));
        // a moving pull's record from four years ago goes; a remembering pull's (any other source) stays: it is what keeps
        // its pull from fetching the file, still on the legacy server, again
        fetched(ImportJobTestApplication.MOVING_PULL_SOURCE, "old", now.minusYears(4));
        fetched(ImportJobTestApplication.MOVING_PULL_SOURCE, "recent", now.minusYears(1));
        fetched("pull-remembering", "old", now.minusYears(4));

        JobExecution run = purge.run(now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(45)).orElseThrow();

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT who FROM audit_log WHERE who LIKE 'audit-%' ORDER BY who").query(String.class).list())
                .containsExactly("audit-recent");
        assertThat(jdbc.sql("SELECT source_id || '/' || file_key FROM pull_fetched ORDER BY 1").query(String.class).list())
                .containsExactly(ImportJobTestApplication.MOVING_PULL_SOURCE + "/recent", "pull-remembering/old");
        assertThat(step(run, PurgeParameters.AUDIT_LOG_STEP).getWriteCount()).isGreaterThanOrEqualTo(1);
        assertThat(step(run, PurgeParameters.PULL_FETCHED_STEP).getWriteCount()).isEqualTo(1);
    }

    private void audit(String who, OffsetDateTime at) {
        jdbc.sql("INSERT INTO audit_log (acted_at, who, action, outcome) VALUES (?, ?, 'ORIGINAL_DOWNLOAD', 200)").params(at, who)
                .update();
    }

    private void fetched(String source, String key, OffsetDateTime at) {
        jdbc.sql("INSERT INTO pull_fetched (source_id, key_hash, file_key, fetched_at) VALUES (?, ?, ?, ?)")
                .params(source, String.format("%064d", key.hashCode() & 0x7fffffff), key, at).update();
    }

    @Test
    void aPurgeMissedWhileTheHubWasDownRunsOnceAtStartAndNotAgainOnceItRan() throws Exception {
        // the purge ran at 03:30 on 9 March 2031 (years after the other tests' runs: these runs purge everything they left,
        // which they do not need again); the hub was down over 03:30 on the 10th and starts at 08:00
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(purge.run(OffsetDateTime.parse("2031-03-09T03:30+08:00"))).isPresent();
        PurgeScheduler scheduler = scheduler(Clock.fixed(Instant.parse("2031-03-10T00:00:00Z"), shanghai));

        Optional<JobExecution> caughtUp = scheduler.catchUp();

        assertThat(caughtUp).hasValueSatisfying(run -> {
            assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(run.getJobParameters().getString(PurgeParameters.RUN_AT)).isEqualTo("2031-03-10T03:30+08:00");
        });
        // started again the same morning: the run is recorded now
        assertThat(scheduler.catchUp()).isEmpty();
        // before 03:30 the next night, the last due run is the one that ran
        assertThat(scheduler(Clock.fixed(Instant.parse("2031-03-10T19:00:00Z"), shanghai)).catchUp()).isEmpty();
    }

    /** The purge's scheduler as the hub starts it, with its schedule on, at the given time. */
    private PurgeScheduler scheduler(Clock at) {
        PurgeSettings on = new PurgeSettings(true, settings.cron(), settings.zone(), settings.stagingAge(), settings.jobMetadataAge(),
                settings.archiveRetention(), settings.receiptRetention(), settings.inboxLeftoverRetention(),
                settings.supersededProblemsRetention(), settings.catchUpWindow(), settings.allowShortArchiveRetention(), settings.auditRetention(),
                settings.clockTolerance(), settings.acceptClockUntil());
        return new PurgeScheduler(on, purge, missedRuns, starts, at);
    }

    private static Path receiptFile(Path outbox, String name, OffsetDateTime lastWritten) throws Exception {
        Path file = java.nio.file.Files.writeString(outbox.resolve(name), "回执", StandardCharsets.UTF_8);
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(lastWritten.toInstant()));
        return file;
    }

    // -----------------------------------------------------------------------------------------

    private String imported(String batchId) throws Exception {
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return batchId;
    }

    /** A convert that fails in its third chunk: rows 3, 4, 6 and 7 stay staged. */
    private String failedInConvert(String batchId) throws Exception {
        jdbc.sql("ALTER TABLE staged_event ADD CONSTRAINT test_fault CHECK (NOT (batch_id = '" + batchId + "' AND row_no = 11))")
                .update();
        try {
            assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.FAILED);
        } finally {
            jdbc.sql("ALTER TABLE staged_event DROP CONSTRAINT test_fault").update();
        }
        return batchId;
    }

    private void lostVersion(String batchId, long row) {
        jdbc.sql("INSERT INTO lost_version (batch_id, row_no, attempt, source_id, record_key, trace_code, removed_by_batch, "
                        + "removed_by_row, removed_at) VALUES (?, ?, 1, ?, 'k', 'XJM', 'b-newer', 1, ?)")
                .params(batchId, row, SOURCE, OffsetDateTime.now(clock)).update();
    }

    private void age(String batchId, OffsetDateTime receivedAt, OffsetDateTime updatedAt) {
        jdbc.sql("UPDATE batch SET received_at = ?, updated_at = ? WHERE id = ?").params(receivedAt, updatedAt, batchId).update();
    }

    private void endedDaysAgo(String batchId, int days) {
        LocalDateTime then = LocalDateTime.now().minusDays(days);
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, END_TIME = ? WHERE JOB_INSTANCE_ID = ?")
                .params(then, then, then, instance(batchId).getInstanceId()).update();
        runsAgedBehindThePurgesBack();
    }

    private JobInstance instance(String batchId) {
        return jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(batchId, 1));
    }

    private Path stagedFolder(String batchId) {
        return storage.dataDir().resolve("staging").resolve(batchId);
    }

    private OffsetDateTime stagingPurgedAt(String batchId) {
        return jdbc.sql("SELECT staging_purged_at FROM batch WHERE id = ?").param(batchId)
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single().orElse(null);
    }

    private long problems(String batchId, int attempt) {
        return count("SELECT COUNT(*) FROM batch_error WHERE batch_id = ? AND attempt = ?", batchId, attempt);
    }

    private long staged(String batchId) {
        return count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", batchId);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable action, String code) {
        assertThatThrownBy(action).isInstanceOfSatisfying(BatchActionRefused.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** The sample with its own trace codes and vouchers (…<n>…), so each batch is other content. */
    private static byte[] variant(String n) {
        return sampleText().replace("XJM26112700", "XJM261127" + n).replace("XJ202611270", "XJ2026112" + n)
                .getBytes(StandardCharsets.UTF_8);
    }
}
