package org.tracehub.platform.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** When a file that came from a sender was last touched on this disk, as far as the hub may trust it. */
public final class FileTimes {

    private FileTimes() {
    }

    /**
     * The later of the modification and the status-change time: a client that keeps the original's time ({@code put -p},
     * WinSCP by default) sets an old modification time on a file it wrote just now, and the status-change time, which no
     * client can set, says it was touched now (it also moves on with a rename into the hub's folders). Where the file
     * system has no status-change time (no {@code unix} view), the modification time.
     */
    public static FileTime modifiedOrChanged(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        try {
            Object changed = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            return changed instanceof FileTime c && c.compareTo(modified) > 0 ? c : modified;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return modified;
        }
    }
}
