package org.tracehub.routes.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchAttempts;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.storage.HubStorage;

/**
 * Puts a recorded batch's archived original back from its taken file when the archive lost it. A partial restore does
 * this: the database is current (PostgreSQL survives the hub's machine) but {@code hub.data-dir} comes from last night's
 * copy, in which the file still lay in {@code inbox/.taken/} and its archive folder did not exist yet. Intake finds the
 * batch recorded by "an earlier try" and would release the taken file — the only copy left, after which reprocess and
 * download answer ORIGINAL_MISSING. An original the purge removed on purpose ({@code archive_purged_at}) stays removed.
 * Below the data disk's floor ({@code hub.intake.min-disk-free}) no copy is begun, as intake's own archive copy is not: the
 * taken file stays, and the sweep hands it back until space is back.
 */
@Component
public class ArchiveRestore {

    private static final Logger log = LoggerFactory.getLogger(ArchiveRestore.class);

    private final HubStorage storage;
    private final Archiver archiver;
    private final BatchAttempts attempts;
    private final DiskFloor diskFloor;

    public ArchiveRestore(HubStorage storage, Archiver archiver, BatchAttempts attempts, DiskFloor diskFloor) {
        this.storage = storage;
        this.diskFloor = diskFloor;
        this.archiver = archiver;
        this.attempts = attempts;
    }

    /**
     * Archives the taken file at the batch row's archive path if nothing is there and the purge has not taken it.
     *
     * @throws IOException when the copy is not the recorded file (the taken file is kept, the copy removed), or would take
     *                     the disk below its floor (BelowDiskFloorException, nothing copied): the intake fails, and the sweep
     *                     tries again
     */
    public void ifLost(Batch recorded, TakenFile taken) throws IOException {
        if (!Files.isRegularFile(taken.file(), LinkOption.NOFOLLOW_LINKS) || recorded.archivePath() == null) {
            return;
        }
        Path archived = storage.resolve(recorded.archivePath());
        if (Files.exists(archived, LinkOption.NOFOLLOW_LINKS) || attempts.archivePurgedAt(recorded.id()).isPresent()) {
            return;
        }
        // the same floor as intake's first copy: below it, written until the disk is full, the copy closes H2 and blocks the
        // broker, and the sweep would write it again every few minutes
        diskFloor.check("the restored archive copy of batch " + recorded.id(), Files.size(taken.file()));
        // a copy of its own, never a link: the bytes another batch's name holds may be just as lost or damaged
        Archiver.Archived copy = archiver.archive(taken.file(), archived.getParent(), archived.getFileName().toString());
        if (!copy.sha256().equals(recorded.sha256()) || copy.size() != recorded.sizeBytes()) {
            Files.deleteIfExists(copy.file());
            throw new IOException("the taken file " + taken.file() + " of batch " + recorded.id() + " is not its recorded original "
                    + "(SHA-256 " + copy.sha256() + ", " + copy.size() + " bytes; recorded " + recorded.sha256() + ", "
                    + recorded.sizeBytes() + " bytes): kept, and the archive copy " + archived + " is still missing");
        }
        log.warn("batch {}'s archived original {} was missing (a data dir restored from a backup older than the database?) "
                + "and has been restored from its taken file {} (SHA-256 {} as recorded)", recorded.id(), archived, taken.file(),
                copy.sha256());
    }
}
