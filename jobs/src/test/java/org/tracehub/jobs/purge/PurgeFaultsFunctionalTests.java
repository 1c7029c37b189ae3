package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.util.FileSystemUtils;
import org.tracehub.jobs.importjob.ImportJobParameters;
import org.tracehub.jobs.importjob.ImportJobTestSupport;
import org.tracehub.platform.storage.HubStorage;

/**
 * The purge when something gets in its way: a file it cannot delete is reported and left for the next night while the
 * rest of its step and every later step go on, and a step that fails (a database error) keeps none of the other kinds
 * of purge from running; the run says so in its status and exit code. Before, the first such file failed the whole
 * purge, every night again at the same file, and the outboxes, the archive and the job records grew until the disk filled.
 */
@Import(PurgeFaultsFunctionalTests.DropBoxRefusingDeletionsConfiguration.class)
class PurgeFaultsFunctionalTests extends ImportJobTestSupport {

    private static final List<String> LATER_STEPS = List.of(PurgeParameters.SUPERSEDED_PROBLEMS_STEP, PurgeParameters.ARCHIVE_STEP,
            PurgeParameters.RECEIPT_STEP, PurgeParameters.INBOX_LEFTOVER_STEP, PurgeParameters.AUDIT_LOG_STEP,
            PurgeParameters.PULL_FETCHED_STEP, PurgeParameters.JOB_METADATA_STEP);

    @Autowired
    PurgeLauncher purge;

    @Autowired
    DropBoxRefusingDeletions dropBox;

    @Test
    void aStagedFileThatCannotBeDeletedIsReportedAndLeftForTheNextNightWhileTheRestOfThePurgeRuns() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String blocked = imported("01");
        String other = imported("02");
        age(blocked, now.minusDays(40), now.minusDays(40));
        age(other, now.minusDays(40), now.minusDays(40));
        endedDaysAgo(other, 100);
        long otherInstance = importInstance(other);
        // where the staged file should be, a folder with something in it: no file system lets that be deleted as a file
        Path stagedFile = stagedFolder(blocked).resolve("1.xml");
        Files.delete(stagedFile);
        Files.writeString(Files.createDirectories(stagedFile).resolve("kept-by-ops.txt"), "x");
        Path receipt = receipt("stage-fault-src", "交易明细_20260801.csv.receipt.csv", now.minusDays(91));
        OffsetDateTime night = now.truncatedTo(ChronoUnit.MINUTES);

        JobExecution run = purge.run(night).orElseThrow();

        // reported: the run, the step and its context say so, naming the file
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo(PurgeParameters.FILES_NOT_DELETED);
        StepExecution staging = step(run, PurgeParameters.STAGING_STEP);
        assertThat(staging.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(staging.getExitStatus().getExitCode()).isEqualTo(PurgeParameters.FILES_NOT_DELETED);
        assertThat(staging.getExitStatus().getExitDescription()).contains(stagedFile.toString(), "DirectoryNotEmptyException");
        assertThat(staging.getExecutionContext().getLong(NotDeleted.COUNT)).isEqualTo(1);
        // the blocked batch is left as it was, for the next night
        assertThat(staged(blocked)).isEqualTo(7);
        assertThat(stagingPurgedAt(blocked)).isEmpty();
        // the rest of the step went on: the other batch's staging is gone
        assertThat(staged(other)).isZero();
        assertThat(stagedFolder(other)).doesNotExist();
        assertThat(stagingPurgedAt(other)).isPresent();
        // and so did every later step
        assertThat(run.getStepExecutions()).extracting(StepExecution::getStepName).containsAll(LATER_STEPS);
        assertThat(run.getStepExecutions()).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertThat(receipt).doesNotExist();
        assertThat(jobRepository.getJobInstance(otherInstance)).as("the job records of the other batch").isNull();

        // ops remove the folder: the next night purges the batch's staging
        FileSystemUtils.deleteRecursively(stagedFile);
        JobExecution next = purge.run(night.plusSeconds(1)).orElseThrow();

        assertThat(next.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(staged(blocked)).isZero();
        assertThat(stagingPurgedAt(blocked)).isPresent();
        assertThat(stagedFolder(blocked)).doesNotExist();
    }

    @Test
    void aReceiptAndAnOriginalThatCannotBeDeletedAreReportedAndLeftForTheNextNightWhileTheRestOfThePurgeRuns() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Path locked = receipt("locked-src", "交易明细_20260801.csv.receipt.csv", now.minusDays(91));
        Path unlocked = receipt("unlocked-src", "交易明细_20260802.csv.receipt.csv", now.minusDays(91));
        String keptBatch = imported("03");
        String purgedBatch = imported("04");
        age(keptBatch, now.minusYears(4), now.minusYears(4));
        age(purgedBatch, now.minusYears(4), now.minusYears(4));
        Path keptOriginal = storage.resolve(batch(keptBatch).archivePath());
        Path purgedFolder = storage.resolve(batch(purgedBatch).archivePath()).getParent();
        OffsetDateTime night = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(10);

        // the receipt's deletion refused as an immutable file's is, for any user (the receipt step sees the drop-box through
        // DeletionRefusingFileSystem); in the original's folder, a tree no user can delete: too deep for the purge to walk
        JobExecution run;
        try (AutoCloseable lockedReceipt = dropBox.refuseToDelete(locked);
             TooDeepToDelete lockedOriginal = TooDeepToDelete.in(keptOriginal.getParent())) {
            run = purge.run(night).orElseThrow();
        }

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo(PurgeParameters.FILES_NOT_DELETED);
        assertThat(run.getExitStatus().getExitDescription()).contains("could not be deleted");
        // the receipt: reported and kept; the other outbox's receipt went
        StepExecution receipts = step(run, PurgeParameters.RECEIPT_STEP);
        assertThat(receipts.getExitStatus().getExitCode()).isEqualTo(PurgeParameters.FILES_NOT_DELETED);
        assertThat(receipts.getExitStatus().getExitDescription()).contains(locked.toString(), "Operation not permitted");
        assertThat(receipts.getExecutionContext().getLong(NotDeleted.COUNT)).isEqualTo(1);
        assertThat(locked).exists();
        assertThat(unlocked).doesNotExist();
        // the original: reported, kept with its mark and its rejected rows' cells rolled back (a reprocess still finds
        // them); the other batch's original went
        StepExecution archives = step(run, PurgeParameters.ARCHIVE_STEP);
        assertThat(archives.getExitStatus().getExitCode()).isEqualTo(PurgeParameters.FILES_NOT_DELETED);
        assertThat(archives.getExitStatus().getExitDescription()).contains(keptBatch, "FileSystemException");
        assertThat(keptOriginal).exists();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NULL", keptBatch)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM rejected_row WHERE batch_id = ?", keptBatch)).isEqualTo(3);
        assertThat(purgedFolder).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NOT NULL", purgedBatch)).isEqualTo(1);
        // the steps after them ran
        assertThat(step(run, PurgeParameters.INBOX_LEFTOVER_STEP).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(run, PurgeParameters.JOB_METADATA_STEP).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // deletable again: the next night removes both
        JobExecution next = purge.run(night.plusSeconds(1)).orElseThrow();

        assertThat(next.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(locked).doesNotExist();
        assertThat(keptOriginal.getParent()).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NOT NULL", keptBatch)).isEqualTo(1);
    }

    @Test
    void aStepThatFailsKeepsNoOtherKindOfPurgeFromRunningAndTheRunEndsFailed() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String stagedLastMonth = imported("05");
        age(stagedLastMonth, now.minusDays(40), now.minusDays(40));
        String archivedLongAgo = imported("06");
        age(archivedLongAgo, now.minusYears(4), now.minusYears(4));
        Path original = storage.resolve(batch(archivedLongAgo).archivePath());
        Path receipt = receipt("step-fault-src", "交易明细_20260803.csv.receipt.csv", now.minusDays(91));
        String oldRun = imported("07");
        endedDaysAgo(oldRun, 100);
        long oldInstance = importInstance(oldRun);

        // a database error in the archive step: the table its deletions go to is not there
        JobExecution run;
        jdbc.sql("ALTER TABLE rejected_row RENAME TO rejected_row_away").update();
        try {
            run = purge.run(now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(20)).orElseThrow();
        } finally {
            jdbc.sql("ALTER TABLE rejected_row_away RENAME TO rejected_row").update();
        }

        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(run.getExitStatus().getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
        assertThat(run.getExitStatus().getExitDescription()).contains("failed: " + PurgeParameters.ARCHIVE_STEP);
        assertThat(step(run, PurgeParameters.ARCHIVE_STEP).getExitStatus().getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
        // the flow went on past it: Spring Batch's mark that a restart would not run it again
        assertThat(step(run, PurgeParameters.ARCHIVE_STEP).getStatus()).isEqualTo(BatchStatus.ABANDONED);
        assertThat(original).as("the failed step's page rolled back").exists();
        assertThat(count("SELECT COUNT(*) FROM batch WHERE id = ? AND archive_purged_at IS NULL", archivedLongAgo)).isEqualTo(1);
        // the steps before and after it did their work
        assertThat(run.getStepExecutions()).filteredOn(s -> !s.getStepName().equals(PurgeParameters.ARCHIVE_STEP))
                .hasSize(8).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(BatchStatus.COMPLETED));
        assertThat(staged(stagedLastMonth)).isZero();
        assertThat(receipt).doesNotExist();
        assertThat(jobRepository.getJobInstance(oldInstance)).isNull();
    }

    // -----------------------------------------------------------------------------------------

    /**
     * A tree inside a folder that no user, root included, can delete on any Linux, and that needs no privilege to make:
     * deeper than a path may be long (PATH_MAX, 4096 bytes), so the purge's walk of the folder fails before it deletes
     * anything, as a deletion refused on the original would. Made by moving one deep tree into another, each short
     * enough alone; taken out again on close.
     */
    private static final class TooDeepToDelete implements AutoCloseable {

        private static final int PATH_MAX = 4096;
        private static final String LEVEL = "d".repeat(200);
        private static final int LEVELS = 12;

        private final Path inner;
        private final Path moved;
        private final Path parked;

        private TooDeepToDelete(Path inner, Path moved, Path parked) {
            this.inner = inner;
            this.moved = moved;
            this.parked = parked;
        }

        static TooDeepToDelete in(Path folder) throws IOException {
            Path deepest = Files.createDirectories(deep(folder));
            Path parked = Files.createTempDirectory(dataDir, "too-deep");
            Files.createDirectories(deep(parked));
            Path moved = Files.move(parked, deepest.resolve("too-deep"));
            assertThat(deep(moved).toString().getBytes(StandardCharsets.UTF_8)).as("longer than a path may be").hasSizeGreaterThan(PATH_MAX);
            return new TooDeepToDelete(folder.resolve(LEVEL), moved, parked);
        }

        @Override
        public void close() throws IOException {
            Files.move(moved, parked);
            FileSystemUtils.deleteRecursively(parked);
            FileSystemUtils.deleteRecursively(inner);
        }

        private static Path deep(Path top) {
            Path p = top;
            for (int i = 0; i < LEVELS; i++) {
                p = p.resolve(LEVEL);
            }
            return p;
        }
    }

    /**
     * The hub's storage, but with the drop-box root, where the purge's receipt and inbox steps start, seen through a
     * {@link DeletionRefusingFileSystem}; the inboxes and outboxes as the rest of the hub writes them, on the default one.
     */
    static final class DropBoxRefusingDeletions extends HubStorage {

        private final DeletionRefusingFileSystem fileSystem = new DeletionRefusingFileSystem();

        DropBoxRefusingDeletions(String dataDir) {
            super(dataDir);
        }

        @Override
        public Path dropBoxRoot() {
            return fileSystem.wrap(super.dropBoxRoot());
        }

        @Override
        public Path inbox(String sourceId) {
            return fileSystem.unwrap(super.inbox(sourceId));
        }

        @Override
        public Path outbox(String sourceId) {
            return fileSystem.unwrap(super.outbox(sourceId));
        }

        AutoCloseable refuseToDelete(Path file) {
            return fileSystem.refuseToDelete(file);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropBoxRefusingDeletionsConfiguration {

        @Bean
        @Primary
        DropBoxRefusingDeletions dropBoxRefusingDeletions(@Value("${hub.data-dir}") String dataDir) {
            return new DropBoxRefusingDeletions(dataDir);
        }
    }

    private String imported(String n) throws Exception {
        String batchId = receive(FILE_NAME, sampleText().replace("XJM26112700", "XJM261127" + n).replace("XJ202611270", "XJ2026112" + n)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(importNewAttempt(batchId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return batchId;
    }

    private Path receipt(String source, String name, OffsetDateTime lastWritten) throws IOException {
        Path file = Files.writeString(Files.createDirectories(storage.outbox(source)).resolve(name), "回执", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(lastWritten.toInstant()));
        return file;
    }

    private void age(String batchId, OffsetDateTime receivedAt, OffsetDateTime updatedAt) {
        jdbc.sql("UPDATE batch SET received_at = ?, updated_at = ? WHERE id = ?").params(receivedAt, updatedAt, batchId).update();
    }

    private void endedDaysAgo(String batchId, int days) {
        LocalDateTime then = LocalDateTime.now().minusDays(days);
        jdbc.sql("UPDATE BATCH_JOB_EXECUTION SET CREATE_TIME = ?, START_TIME = ?, END_TIME = ? WHERE JOB_INSTANCE_ID = ?")
                .params(then, then, then, importInstance(batchId)).update();
        runsAgedBehindThePurgesBack();
    }

    private long importInstance(String batchId) {
        return jobRepository.getJobInstance(ImportJobParameters.JOB_NAME, params(batchId, 1)).getInstanceId();
    }

    private Path stagedFolder(String batchId) {
        return storage.dataDir().resolve("staging").resolve(batchId);
    }

    private long staged(String batchId) {
        return count("SELECT COUNT(*) FROM staged_event WHERE batch_id = ?", batchId);
    }

    private Optional<OffsetDateTime> stagingPurgedAt(String batchId) {
        return jdbc.sql("SELECT staging_purged_at FROM batch WHERE id = ?").param(batchId)
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single();
    }
}
