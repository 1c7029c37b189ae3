package org.tracehub.jobs.purge;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.platform.storage.HubStorage;

/**
 * Removes receipts from the sources' outboxes once they were last written before the cutoff: a sender fetches
 * its receipt within days, and an outbox that kept every receipt for years (two files per batch) would slow
 * every listing of the sender's polling script down until the disk filled. Nothing is lost: a receipt is
 * written from the database, where the batch and its problems stay, and the console and the API download it
 * again at any time. Only receipt files ({@code *.receipt.csv}, {@code *.receipt.xml}, and the hidden copies a
 * delivery writes first) are touched, never anything else a source's folder may hold.
 */
class ReceiptPurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReceiptPurgeTasklet.class);

    private final OffsetDateTime cutoff;
    private final HubStorage storage;

    ReceiptPurgeTasklet(OffsetDateTime cutoff, HubStorage storage) {
        this.cutoff = cutoff;
        this.storage = storage;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        Path root = storage.dropBoxRoot();
        if (!Files.isDirectory(root)) {
            return RepeatStatus.FINISHED;
        }
        FileTime before = FileTime.from(cutoff.toInstant());
        try (DirectoryStream<Path> sources = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path source : sources) {
                Path outbox = source.resolve("outbox");
                if (!Files.isDirectory(outbox)) {
                    continue;
                }
                int removed = 0;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox, ReceiptPurgeTasklet::isReceipt)) {
                    for (Path file : files) {
                        contribution.incrementReadCount();
                        if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(before) < 0 && delete(file)) {
                            removed++;
                        }
                    }
                }
                contribution.incrementWriteCount(removed);
                if (removed > 0) {
                    log.info("removed {} receipts last written before {} from the outbox of {}", removed, cutoff, source.getFileName());
                }
            }
        }
        return RepeatStatus.FINISHED;
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
            // the sender removed it meanwhile
            return false;
        }
    }
}
