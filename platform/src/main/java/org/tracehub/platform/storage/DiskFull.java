package org.tracehub.platform.storage;

import java.nio.file.FileSystemException;
import java.util.Locale;

/**
 * Whether a failure is the data disk running out of space: the hub's own floor ({@link BelowDiskFloorException}) or the
 * operating system's refusal (ENOSPC, "No space left on device" on Linux; "There is not enough space on the disk" on
 * Windows). Such a failure is over once space is freed, unlike a broken file or a bug: it is waited out, not reported.
 */
public final class DiskFull {

    private static final String[] NO_SPACE = {"no space left on device", "not enough space on the disk", "disk full",
            "disk quota exceeded"};

    private DiskFull() {
    }

    /** Whether the failure, or any of its causes, is a full disk. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BelowDiskFloorException) {
                return true;
            }
            String message = t instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : t.getMessage();
            if (message != null && says(message.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean says(String message) {
        for (String words : NO_SPACE) {
            if (message.contains(words)) {
                return true;
            }
        }
        return false;
    }
}
