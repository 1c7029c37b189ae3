package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.apache.sshd.common.file.root.RootedFileSystem;

/**
 * Keeps a resolved path inside the account's folder on disk even through symbolic links.
 *
 * <p>MINA's rooted file system confines {@code ..} and absolute paths, but it follows a symbolic link wherever it
 * points. Sources cannot create links (see {@link DropBoxFileSystemAccessor}), yet one placed on the hub by other
 * means must not become a window into another source's folders or the rest of the disk.
 */
final class ChrootGuard {

    private ChrootGuard() {
    }

    /**
     * @param chrooted a path of the session's rooted file system
     * @throws DropBoxRefusalException {@link DropBoxRefusal#OUTSIDE_ACCOUNT} if the path, once links are followed, lies
     *                                 outside the account's folder
     * @throws AccessDeniedException   if it is not a path of a rooted file system at all (a bug, not a sender's doing)
     */
    static void requireInside(Path chrooted) throws IOException {
        if (!(chrooted.getFileSystem() instanceof RootedFileSystem rooted)) {
            throw new AccessDeniedException(chrooted.toString(), null, "Not a path of a chrooted session");
        }
        Path home = rooted.getRoot().toRealPath();
        Path onDisk = rooted.getRoot();
        for (Path name : chrooted.toAbsolutePath().normalize()) {
            onDisk = onDisk.resolve(name.toString());
        }
        // A file about to be created does not exist yet; what matters then is where its nearest existing parent is.
        Path existing = onDisk;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || isDanglingLink(existing)) {
            // A dangling link could be written through to create its target wherever it points.
            throw DropBoxRefusal.OUTSIDE_ACCOUNT.refuse();
        }
        if (!existing.toRealPath().startsWith(home)) {
            throw DropBoxRefusal.OUTSIDE_ACCOUNT.refuse();
        }
    }

    private static boolean isDanglingLink(Path path) {
        return Files.isSymbolicLink(path) && !Files.exists(path);
    }
}
