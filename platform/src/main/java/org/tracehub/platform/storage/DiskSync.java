package org.tracehub.platform.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces what the hub must not lose in a power cut onto the disk: a file's bytes, and a folder's entries (a new or
 * renamed name is on the disk only once the folder holding it is). Used before the hub acknowledges a file it took in
 * (an SFTP close, a pull's removal of the remote file) and for its archive copies.
 */
public final class DiskSync {

    private static final Logger log = LoggerFactory.getLogger(DiskSync.class);

    private DiskSync() {
    }

    /** The file's bytes and size. */
    public static void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The folder's entries: the names made, renamed or removed in it. */
    public static void folder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be opened (Windows): its own journal then keeps the name
            log.debug("could not force folder {}: {}", folder, e.toString());
        }
    }
}
