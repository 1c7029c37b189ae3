package org.tracehub.routes.pull;

import com.jcraft.jsch.ChannelSftp;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.tracehub.platform.storage.DiskFloor;

/**
 * The last word before a pull downloads a file: none while the download would take the data disk below
 * {@code hub.intake.min-disk-free} ({@link DiskFloor}). Before, a night's pull wrote on until the disk had nothing left,
 * which closed the embedded H2 and blocked the broker on the same disk. A file refused here stays on the legacy server,
 * neither moved, deleted nor remembered (Camel goes on to the next file, as for a read lock not acquired), and the
 * source's {@link PullSchedule} counts it as waiting for space. The sftp endpoint's read-lock strategy, so it is asked
 * for each file just before its download, not once when the folder is listed; the settle check
 * ({@link SettleCheck}), when there is one, comes after it, so a file that is not to be fetched is not watched either.
 */
final class DiskFloorReadLock implements GenericFileExclusiveReadLockStrategy<ChannelSftp.LsEntry> {

    private final DiskFloor floor;
    private final PullSchedule schedule;
    /** null without a settle check */
    private final SettleCheck settleCheck;

    DiskFloorReadLock(DiskFloor floor, PullSchedule schedule, SettleCheck settleCheck) {
        this.floor = floor;
        this.schedule = schedule;
        this.settleCheck = settleCheck;
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<ChannelSftp.LsEntry> operations,
                                            GenericFile<ChannelSftp.LsEntry> file, Exchange exchange) throws Exception {
        long size = file.getFileLength();
        if (floor.reachedBy(size)) {
            schedule.waitingForDisk(file.getFileNameOnly(), floor.usableBytes(), floor.minFreeBytes(), floor.folder());
            return false;
        }
        return settleCheck == null || settleCheck.acquireExclusiveReadLock(operations, file, exchange);
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<ChannelSftp.LsEntry> operations,
                                 GenericFileEndpoint<ChannelSftp.LsEntry> endpoint) throws Exception {
        if (settleCheck != null) {
            settleCheck.prepareOnStartup(operations, endpoint);
        }
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<ChannelSftp.LsEntry> operations,
                                                GenericFile<ChannelSftp.LsEntry> file, Exchange exchange) throws Exception {
        if (settleCheck != null) {
            settleCheck.releaseExclusiveReadLockOnAbort(operations, file, exchange);
        }
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<ChannelSftp.LsEntry> operations,
                                                   GenericFile<ChannelSftp.LsEntry> file, Exchange exchange) throws Exception {
        if (settleCheck != null) {
            settleCheck.releaseExclusiveReadLockOnRollback(operations, file, exchange);
        }
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<ChannelSftp.LsEntry> operations,
                                                 GenericFile<ChannelSftp.LsEntry> file, Exchange exchange) throws Exception {
        if (settleCheck != null) {
            settleCheck.releaseExclusiveReadLockOnCommit(operations, file, exchange);
        }
    }

    // the settle check's own settings (Camel sets them from the endpoint's readLock options): this check has none

    @Override
    public void setTimeout(long timeout) {
        if (settleCheck != null) {
            settleCheck.setTimeout(timeout);
        }
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        if (settleCheck != null) {
            settleCheck.setCheckInterval(checkInterval);
        }
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel level) {
        if (settleCheck != null) {
            settleCheck.setReadLockLoggingLevel(level);
        }
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        if (settleCheck != null) {
            settleCheck.setMarkerFiler(markerFile);
        }
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        if (settleCheck != null) {
            settleCheck.setDeleteOrphanLockFiles(deleteOrphanLockFiles);
        }
    }
}
