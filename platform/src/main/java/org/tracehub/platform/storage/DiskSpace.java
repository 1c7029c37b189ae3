package org.tracehub.platform.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free space of the disk a folder is on: the broker's floor and the intake's ask the same question. */
public final class DiskSpace {

    private DiskSpace() {
    }

    /**
     * Usable bytes on the disk holding {@code folder}, or its nearest existing parent: a folder the hub has not made
     * yet (the broker's before its first start) is on the disk its parent is.
     */
    public static long usableBytes(Path folder) throws IOException {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return Files.getFileStore(existing == null ? Path.of(".").toAbsolutePath() : existing).getUsableSpace();
    }
}
