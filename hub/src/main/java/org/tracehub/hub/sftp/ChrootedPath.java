package org.tracehub.hub.sftp;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a path as the source sees it (relative to its chroot, e.g. {@code /inbox/x.csv}) and tells where it points.
 * The permission rules and the upload detection both decide by this, so they cannot disagree.
 */
final class ChrootedPath {

    private ChrootedPath() {
    }

    /** A file directly in {@code /inbox}: the only place a source may create, change or remove anything. */
    static boolean isInboxEntry(Path chrooted) {
        Path path = chrooted.toAbsolutePath().normalize();
        return path.getNameCount() == 2 && DropBoxLayout.INBOX.equals(path.getName(0).toString());
    }

    /** A name a client uses while the upload is still in progress; only its rename to a final name completes it. */
    static boolean isTemporaryName(Path chrooted) {
        Path name = chrooted.getFileName();
        if (name == null) {
            return false;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return lower.endsWith(".part") || lower.endsWith(".tmp");
    }

    /** An inbox file under its final name, i.e. one whose completion is reported. */
    static boolean isFinalInboxEntry(Path chrooted) {
        return isInboxEntry(chrooted) && !isTemporaryName(chrooted);
    }

    static String fileName(Path chrooted) {
        return chrooted.toAbsolutePath().normalize().getFileName().toString();
    }
}
