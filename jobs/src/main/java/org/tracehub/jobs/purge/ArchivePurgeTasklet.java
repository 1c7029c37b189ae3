package org.tracehub.jobs.purge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.storage.HubStorage;

/**
 * Removes the archived originals of batches in a final status that have been unchanged (not
 * received, loaded or reprocessed) since the cutoff: the batch's own archive folder, then the date
 * folders it leaves empty. The batch row and its row problems stay; the raw cells of its rejected
 * rows go with the file. Each batch is first marked purged by a compare-and-set that checks it again
 * (a reprocess may have taken it since the page was read: its file is then left alone), then its files
 * go. Both in the step's transaction, which commits after the page: a crash or a failed deletion rolls
 * the marks back, and the next run finishes what was begun (a folder already gone is no error).
 */
class ArchivePurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ArchivePurgeTasklet.class);
    private static final int PAGE = 200;

    private final OffsetDateTime cutoff;
    private final BatchRetention retention;
    private final HubStorage storage;

    ArchivePurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, HubStorage storage) {
        this.cutoff = cutoff;
        this.retention = retention;
        this.storage = storage;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        List<BatchRetention.ArchivedBatch> page = retention.withArchiveUnchangedSince(cutoff, PAGE);
        for (BatchRetention.ArchivedBatch batch : page) {
            if (!retention.markArchivePurged(batch.id(), cutoff)) {
                log.info("batch {} changed since the purge read it (reprocessed, say): its original stays", batch.id());
                continue;
            }
            Path file = storage.resolve(batch.archivePath());
            Path folder = file.getParent();
            Path archiveRoot = storage.resolve("archive");
            // only ever the batch's own folder inside the archive
            if (folder != null && folder.getFileName().toString().equals(batch.id()) && folder.startsWith(archiveRoot)) {
                deleteTree(folder);
                deleteEmptyParents(folder.getParent(), archiveRoot);
            } else {
                log.warn("batch {}: archive path {} is not in its own archive folder; left in place", batch.id(), batch.archivePath());
            }
            contribution.incrementReadCount();
            contribution.incrementWriteCount(1);
            log.info("purged the archived original of batch {} (retention ended {})", batch.id(), cutoff);
        }
        return page.size() < PAGE ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteEmptyParents(Path folder, Path stopAt) throws IOException {
        for (Path p = folder; p != null && p.startsWith(stopAt) && !p.equals(stopAt); p = p.getParent()) {
            if (!Files.isDirectory(p)) {
                return;
            }
            try (Stream<Path> children = Files.list(p)) {
                if (children.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(p);
        }
    }
}
