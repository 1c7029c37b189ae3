package org.tracehub.hub.sftp;

import java.nio.file.Path;

import org.tracehub.routes.intake.FileNames;
import org.tracehub.routes.intake.IntakeStaging;

/**
 * Reads a path as the source sees it (relative to its chroot, e.g. {@code /inbox/x.csv}) and tells where it points.
 * The permission rules and the upload detection both decide by this, so they cannot disagree.
 */
final class ChrootedPath {

    private ChrootedPath() {
    }

    /**
     * A file directly in {@code /inbox}: the only place a source may create, change or remove anything. The hub's own
     * {@code /inbox/.taken} folder is not one.
     */
    static boolean isInboxEntry(Path chrooted) {
        Path path = chrooted.toAbsolutePath().normalize();
        return path.getNameCount() == 2 && DropBoxLayout.INBOX.equals(path.getName(0).toString())
                && !IntakeStaging.TAKEN_FOLDER.equals(path.getName(1).toString());
    }

    /** The hub's taken folder {@code /inbox/.taken} or anything in it: the source may read there, never change. */
    static boolean isInTakenFolder(Path chrooted) {
        Path path = chrooted.toAbsolutePath().normalize();
        return path.getNameCount() >= 2 && DropBoxLayout.INBOX.equals(path.getName(0).toString())
                && IntakeStaging.TAKEN_FOLDER.equals(path.getName(1).toString());
    }

    /**
     * A name a client uses while the upload is still in progress ({@code .part}, {@code .filepart}, hidden names…); only its
     * rename to a final name completes it. The hub's one rule for such names, {@link FileNames#isInProgress}.
     */
    static boolean isTemporaryName(Path chrooted) {
        Path name = chrooted.getFileName();
        return name != null && FileNames.isInProgress(name.toString());
    }

    /** An inbox file under its final name, i.e. one whose completion is reported. */
    static boolean isFinalInboxEntry(Path chrooted) {
        return isInboxEntry(chrooted) && !isTemporaryName(chrooted);
    }

    static String fileName(Path chrooted) {
        return chrooted.toAbsolutePath().normalize().getFileName().toString();
    }
}
