package org.tracehub.jobs.purge;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.platform.storage.FileTimes;
import org.tracehub.platform.storage.HubStorage;

/**
 * Removes files of one kind from one folder of every source's drop-box once they were last written (or last had their
 * times changed) before the cutoff. Two kinds grow there for ever otherwise:
 * <ul>
 *     <li>receipts in the outboxes ({@link #receipts}): a sender fetches its receipt within days, and an outbox that
 *     kept every receipt for years (two files per batch) would slow every listing of the sender's polling script down
 *     until the disk filled. Nothing is lost: a receipt is written from the database, where the batch and its problems
 *     stay, and the console and the API download it again at any time;</li>
 *     <li>uploads the hub never took, left in the inboxes ({@link #inboxLeftovers}): a connection dropped or an upload
 *     cancelled mid-file, one whose write failed, an in-progress name never renamed. Never received — the sender was
 *     told so, or saw the upload fail — each is up to the size limit, and the console counted them as waiting.</li>
 * </ul>
 * Only regular files are touched, never a folder (the inbox's {@code .taken}, where received files wait to be archived).
 */
class DropBoxFilePurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DropBoxFilePurgeTasklet.class);

    private final OffsetDateTime cutoff;
    private final HubStorage storage;
    private final String folder;
    private final Predicate<Path> kind;
    private final LastTouched lastTouched;
    private final String what;

    /** When a file was last written, as far as the purge may trust it. */
    interface LastTouched {
        FileTime of(Path file) throws IOException;
    }

    DropBoxFilePurgeTasklet(OffsetDateTime cutoff, HubStorage storage, String folder, Predicate<Path> kind,
                                    LastTouched lastTouched, String what) {
        this.cutoff = cutoff;
        this.storage = storage;
        this.folder = folder;
        this.kind = kind;
        this.lastTouched = lastTouched;
        this.what = what;
    }

    /** Receipt files ({@code *.receipt.csv}, {@code *.receipt.xml}, and the hidden copies a delivery writes first). */
    static DropBoxFilePurgeTasklet receipts(OffsetDateTime cutoff, HubStorage storage) {
        // the hub writes them: their modification time is the hub's
        return new DropBoxFilePurgeTasklet(cutoff, storage, "outbox", DropBoxFilePurgeTasklet::isReceipt,
                file -> Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS), "receipts");
    }

    /** Every regular file left in an inbox: a file the hub takes leaves the inbox at once. */
    static DropBoxFilePurgeTasklet inboxLeftovers(OffsetDateTime cutoff, HubStorage storage) {
        return new DropBoxFilePurgeTasklet(cutoff, storage, "inbox", file -> true, FileTimes::modifiedOrChanged,
                "uploads never taken in");
    }

    /**
     * A file it cannot examine or delete (a permission, an immutable attribute) is logged at ERROR with the reason,
     * counted ({@link NotDeleted}) and left for the next run: the step goes on with the next file, and an outbox or inbox
     * it cannot list with the next source. What is not a regular file (a folder or link someone put there) is not the
     * hub's to remove: it is left, unreported.
     */
    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Path root = storage.dropBoxRoot();
        if (!Files.isDirectory(root)) {
            return RepeatStatus.FINISHED;
        }
        FileTime before = FileTime.from(cutoff.toInstant());
        try (DirectoryStream<Path> sources = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path source : sources) {
                Path dir = source.resolve(folder);
                if (Files.isDirectory(dir)) {
                    contribution.incrementWriteCount(purge(source, dir, before, contribution));
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            NotDeleted.record(contribution.getStepExecution(), root, e,
                    "the drop-box's sources could not be listed; left for the next run");
        }
        return RepeatStatus.FINISHED;
    }

    /** Removes the files of one source's folder; how many. */
    private int purge(Path source, Path dir, FileTime before, StepContribution contribution) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, kind::test)) {
            for (Path file : files) {
                contribution.incrementReadCount();
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && untouchedSince(file, before) && delete(file)) {
                        log.info("removed {} from {}/{}: one of its {}, last written before {}", file.getFileName(),
                                source.getFileName(), folder, what, cutoff);
                        removed++;
                    }
                } catch (IOException e) {
                    NotDeleted.record(contribution.getStepExecution(), file, e, "one of " + source.getFileName() + "'s " + what
                            + ", left for the next run");
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            NotDeleted.record(contribution.getStepExecution(), dir, e, "its " + what + " could not be listed (" + removed
                    + " removed before); left for the next run");
        }
        return removed;
    }

    /** False for a file gone meanwhile: the inbox is live, the drop-box takes a finished upload away at any moment. */
    private boolean untouchedSince(Path file, FileTime before) throws IOException {
        try {
            return lastTouched.of(file).compareTo(before) < 0;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    private static boolean isReceipt(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".receipt.csv") || name.endsWith(".receipt.xml") || name.startsWith(".") && name.contains(".receipt.");
    }

    private static boolean delete(Path file) throws IOException {
        try {
            Files.delete(file);
            return true;
        } catch (NoSuchFileException gone) {
            // the sender removed it, or the hub took it, meanwhile
            return false;
        }
    }
}
