package org.tracehub.jobs.purge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.tracehub.platform.batch.BatchRetention;
import org.tracehub.platform.storage.HubStorage;

/**
 * Removes the archived originals of batches in a final status that have been unchanged (not received, loaded or
 * reprocessed) since the cutoff: the batch's own archive folder, then the date folders it leaves empty. The batch row and
 * its row problems stay; the raw cells of its rejected rows go with the file. Each batch is first marked purged by a
 * compare-and-set that checks it again (a reprocess may have taken it since the page was read: its file is then left
 * alone), then its files go. Both in a transaction of the batch's own, which commits once its folder is gone: a crash
 * rolls back the mark of the batch it was at, and the next run finishes what was begun (a folder already gone is no error).
 *
 * <p>The mark locks the batch row until its transaction commits, and a reprocess or a download of the original that finds
 * the file gone waits for that commit to learn whether the retention took it ({@code archivePurgedAtOnceSettled}): one
 * transaction per batch, not per page, so that it waits for one batch's folder, not for a page of up to 200 (on H2 past
 * the lock timeout, answered as busy).
 *
 * <p>A batch whose folder cannot be deleted (a permission, an immutable attribute, a read-only file system) is logged at
 * ERROR and counted ({@link NotDeleted}); while its original is still there, its mark and the forgetting of its rejected
 * cells are rolled back with its transaction, so a reprocess still finds both and the next run tries again. Once its
 * original is gone, what is left (the folder itself, a stray file) is reported and the mark stays: the original is
 * purged. Either way the step goes on with the next batch; before, one such file failed the whole purge every night.
 */
class ArchivePurgeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ArchivePurgeTasklet.class);
    private static final int PAGE = 200;

    private final OffsetDateTime cutoff;
    private final BatchRetention retention;
    private final HubStorage storage;
    /** Each batch's mark and deletions, in a transaction of its own: committed before the next batch is begun. */
    private final TransactionTemplate perBatch;
    /** Batches whose original could not be deleted in this run: left for the next one, not read again now. */
    private final Set<String> kept = new HashSet<>();

    ArchivePurgeTasklet(OffsetDateTime cutoff, BatchRetention retention, HubStorage storage, PlatformTransactionManager tx) {
        this.cutoff = cutoff;
        this.retention = retention;
        this.storage = storage;
        this.perBatch = new TransactionTemplate(tx);
        // not a savepoint of the step's transaction (NESTED), which held each mark and its row lock to the end of the page
        this.perBatch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // the batches kept in this run are still unmarked and come first again: read past them
        int limit = PAGE + kept.size();
        List<BatchRetention.ArchivedBatch> page = retention.withArchiveUnchangedSince(cutoff, limit);
        for (BatchRetention.ArchivedBatch batch : page) {
            if (kept.contains(batch.id())) {
                continue;
            }
            Outcome outcome = perBatch.execute(status -> purge(batch, status, contribution));
            if (outcome == Outcome.CHANGED) {
                continue;
            }
            contribution.incrementReadCount();
            if (outcome == Outcome.PURGED) {
                contribution.incrementWriteCount(1);
                log.info("purged the archived original of batch {} (retention ended {})", batch.id(), cutoff);
            }
        }
        return page.size() < limit ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    private enum Outcome { PURGED, CHANGED, KEPT }

    private Outcome purge(BatchRetention.ArchivedBatch batch, TransactionStatus status, StepContribution contribution) {
        if (!retention.markArchivePurged(batch.id(), cutoff)) {
            log.info("batch {} changed since the purge read it (reprocessed, say): its original stays", batch.id());
            return Outcome.CHANGED;
        }
        Path file = storage.resolve(batch.archivePath());
        Path folder = file.getParent();
        Path archiveRoot = storage.resolve("archive");
        // only ever the batch's own folder inside the archive
        if (folder == null || !folder.getFileName().toString().equals(batch.id()) || !folder.startsWith(archiveRoot)) {
            log.warn("batch {}: archive path {} is not in its own archive folder; left in place", batch.id(), batch.archivePath());
            return Outcome.PURGED;
        }
        try {
            deleteTree(folder);
        } catch (IOException | UncheckedIOException e) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                status.setRollbackOnly();
                kept.add(batch.id());
                NotDeleted.record(contribution.getStepExecution(), folder, e, "batch " + batch.id()
                        + " keeps its original (a reprocess still finds it) and is purged again in the next run");
                return Outcome.KEPT;
            }
            NotDeleted.record(contribution.getStepExecution(), folder, e, "the original of batch " + batch.id()
                    + " is gone (the batch is marked purged); what is left stays until removed by hand");
            return Outcome.PURGED;
        }
        try {
            deleteEmptyParents(folder.getParent(), archiveRoot);
        } catch (IOException | UncheckedIOException e) {
            NotDeleted.record(contribution.getStepExecution(), folder.getParent(), e, "an empty date folder; the next batch "
                    + "purged from it tries again");
        }
        return Outcome.PURGED;
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
