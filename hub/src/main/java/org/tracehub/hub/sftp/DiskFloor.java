package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.tracehub.platform.storage.DiskSpace;

/**
 * The free space on the data disk below which the hub takes no new file in ({@code hub.intake.min-disk-free}). Without
 * it an upload wrote until the disk had nothing left, and the embedded H2 closes its database on the first write it is
 * refused (every request failing until the pool replaces its connections); a sender that retries its refused upload
 * would take the disk back to nothing each time. Refused above that, the upload is answered as a full disk is
 * (WRITE_FAILED: send it again later), and the batches already taken in keep the space they need to be processed.
 */
public final class DiskFloor {

    /** No floor: for a drop-box on its own (tests). */
    public static final DiskFloor NONE = new DiskFloor(0, () -> Long.MAX_VALUE);

    private final long minFreeBytes;
    private final LongSupplier usableBytes;

    /** @param usableBytes the free space now (the disk's, or a test's) */
    public DiskFloor(long minFreeBytes, LongSupplier usableBytes) {
        this.minFreeBytes = minFreeBytes;
        this.usableBytes = usableBytes;
    }

    /** The floor of the disk holding {@code folder}. */
    public static DiskFloor of(Path folder, long minFreeBytes) {
        return new DiskFloor(minFreeBytes, () -> usable(folder));
    }

    /** Whether the disk has less free space than the floor now: take nothing in. */
    public boolean reached() {
        return minFreeBytes > 0 && usableBytes.getAsLong() < minFreeBytes;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public long usableBytes() {
        return usableBytes.getAsLong();
    }

    private static long usable(Path folder) {
        try {
            return DiskSpace.usableBytes(folder);
        } catch (IOException e) {
            // a disk the hub cannot even ask: the write itself will say what is wrong, refused as WRITE_FAILED
            return Long.MAX_VALUE;
        }
    }
}
