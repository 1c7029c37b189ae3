package org.tracehub.platform.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The free space on the data disk below which the hub writes nothing new ({@code hub.intake.min-disk-free}): no upload is
 * taken, no pull downloads, no received file is archived, no batch starts staging. Without it a write went on until the
 * disk had nothing left, and the embedded H2 closes its database on the first write it is refused (every request failing
 * until the pool replaces its connections), and the broker on the same disk blocks every send; a sender that retries its
 * refused upload would take the disk back to nothing each time. Kept above the floor, the batches already taken in keep
 * the space they need to be processed.
 */
public final class DiskFloor {

    /** No floor: for a drop-box on its own (tests). */
    public static final DiskFloor NONE = new DiskFloor(0, () -> Long.MAX_VALUE, Path.of("."));

    private static final long MEGABYTE = 1024 * 1024;

    private final long minFreeBytes;
    private final LongSupplier usableBytes;
    private final Path folder;

    /** @param usableBytes the free space now (the disk's, or a test's) */
    public DiskFloor(long minFreeBytes, LongSupplier usableBytes) {
        this(minFreeBytes, usableBytes, Path.of("."));
    }

    /** @param folder the folder whose disk it is, as messages name it */
    public DiskFloor(long minFreeBytes, LongSupplier usableBytes, Path folder) {
        this.minFreeBytes = minFreeBytes;
        this.usableBytes = usableBytes;
        this.folder = folder;
    }

    /** The floor of the disk holding {@code folder}. */
    public static DiskFloor of(Path folder, long minFreeBytes) {
        return new DiskFloor(minFreeBytes, () -> usable(folder), folder);
    }

    /** Whether the disk has less free space than the floor now: take nothing in. */
    public boolean reached() {
        return minFreeBytes > 0 && usableBytes.getAsLong() < minFreeBytes;
    }

    /** Whether writing {@code bytes} now would take the disk below the floor (or it is below already). */
    public boolean reachedBy(long bytes) {
        return minFreeBytes > 0 && usableBytes.getAsLong() - Math.max(0, bytes) < minFreeBytes;
    }

    /**
     * Refuses a write of {@code bytes} (0 when its size is not known yet) that would take the disk below the floor.
     *
     * @param what the write, as the message names it (an archive copy of …)
     */
    public void check(String what, long bytes) throws BelowDiskFloorException {
        if (reachedBy(bytes)) {
            throw new BelowDiskFloorException(describe(what, bytes));
        }
    }

    /** What is short, in one line for a log or an exception: the write, the free space, the floor, the setting. */
    public String describe(String what, long bytes) {
        return what + (bytes > 0 ? " (" + megabytes(bytes) + ")" : "") + " not written: the data disk (" + folder.toAbsolutePath()
                + ") has " + megabytes(usableBytes()) + " free, below hub.intake.min-disk-free (" + megabytes(minFreeBytes) + ")";
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public long usableBytes() {
        return usableBytes.getAsLong();
    }

    /** The folder whose disk the floor watches, as a log names it. */
    public Path folder() {
        return folder.toAbsolutePath();
    }

    /** A size as a log gives it: whole megabytes, for an admin who compares it with the setting. */
    public static String megabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "(unknown)" : bytes / MEGABYTE + " MB";
    }

    private static long usable(Path folder) {
        try {
            return DiskSpace.usableBytes(folder);
        } catch (IOException e) {
            // a disk the hub cannot even ask: the write itself will say what is wrong
            return Long.MAX_VALUE;
        }
    }
}
