package org.tracehub.hub.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Folders of the data directory, created readable by the hub's own user only ({@code rwx------}, 0700): it holds every
 * file the senders sent, the database, the broker's journal and the drop-box's private host key. Where the file system
 * has no POSIX permissions (Windows, some network shares) the folders are created as the system creates them, and
 * nothing fails. Existing folders are never changed: an admin's own choice (a backup group, say) stays.
 */
public final class OwnerOnlyFolders {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFolders() {
    }

    /** Creates the folder and its missing parents, each owner-only where the file system can say so; returns it. */
    public static Path create(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path current = folder.toAbsolutePath().normalize(); current != null && !Files.isDirectory(current);
                current = current.getParent()) {
            missing.push(current);
        }
        for (Path next : missing) {
            try {
                if (posix(next)) {
                    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
                    Files.createDirectory(next, ownerOnly);
                } else {
                    Files.createDirectory(next);
                }
            } catch (FileAlreadyExistsException createdMeanwhile) {
                if (!Files.isDirectory(next)) {
                    throw createdMeanwhile;
                }
            }
        }
        return folder;
    }

    /**
     * What other users of the machine may do in an existing folder ({@code r-x} for the group, say), if anything; empty
     * for an owner-only folder and where the file system has no POSIX permissions.
     */
    public static Optional<String> openToOthers(Path folder) throws IOException {
        if (!Files.isDirectory(folder) || !posix(folder)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(folder));
        permissions.removeAll(OWNER_ONLY);
        return permissions.isEmpty() ? Optional.empty() : Optional.of(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    }

    /** Whether the file system that will hold the path has POSIX permissions (its own store once it exists). */
    static boolean posix(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            return Files.getFileStore(existing).supportsFileAttributeView("posix");
        }
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
