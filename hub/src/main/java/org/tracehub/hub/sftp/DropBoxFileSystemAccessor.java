package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * The drop-box's file rules, applied where every SFTP request passes once MINA has resolved its path in the
 * account's chroot.
 *
 * <p>Every path must stay inside the account's folder on disk, links included ({@link ChrootGuard}). A source may
 * create, write, rename and remove plain files directly in its {@code inbox/} and nothing else: {@code outbox/}, the
 * account root and the hub's {@code inbox/.taken/} (files taken in, still waiting for the archive) are read-only, and
 * no directories, links or server-side copies may be made anywhere. Refusals are {@link AccessDeniedException}s, which
 * MINA answers with {@code SSH_FX_PERMISSION_DENIED}. Uploads are held to the {@link UploadLimits}.
 */
final class DropBoxFileSystemAccessor implements SftpFileSystemAccessor {

    private static final Set<StandardOpenOption> MUTATING_OPTIONS = EnumSet.of(
            StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE);

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
            throws IOException {
        Path resolved = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
        ChrootGuard.requireInside(resolved);
        return resolved;
    }

    private final UploadLimits limits;

    DropBoxFileSystemAccessor(UploadLimits limits) {
        this.limits = limits;
    }

    @Override
    public SeekableByteChannel openFile(
            SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
            Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        if (options.stream().noneMatch(MUTATING_OPTIONS::contains)) {
            return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
        }
        requireInboxEntry(file, "upload");
        String sourceId = subsystem.getServerSession().getUsername();
        limits.countUpload(sourceId, file);
        return limits.limitSize(SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs),
                sourceId, file);
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        requireInboxEntry(oldPath, "rename");
        requireInboxEntry(newPath, "rename");
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        if (isDirectory) {
            throw denied(path, "remove directories");
        }
        requireInboxEntry(path, "remove");
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    // The folder layout is fixed: a sub-folder of inbox/ would hold files the hub never looks at.
    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        throw denied(path, "create directories");
    }

    // Links could make an outbox file or another path appear writable through inbox/.
    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw denied(link, "create links");
    }

    // A server-side copy would put a complete file into inbox/ without any upload being closed.
    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
            throws IOException {
        throw denied(dst, "copy files on the server");
    }

    @Override
    public void setFileAttribute(
            SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
            LinkOption... options) throws IOException {
        requireInboxEntry(file, "change attributes");
        SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, options);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        throw denied(file, "change owners");
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        throw denied(file, "change owners");
    }

    @Override
    public void setFilePermissions(
            SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms, LinkOption... options)
            throws IOException {
        requireInboxEntry(file, "change permissions");
        SftpFileSystemAccessor.super.setFilePermissions(subsystem, file, perms, options);
    }

    @Override
    public void setFileAccessControl(
            SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl, LinkOption... options) throws IOException {
        throw denied(file, "change access control lists");
    }

    @Override
    public void applyExtensionFileAttributes(
            SftpSubsystemProxy subsystem, Path file, Map<String, byte[]> extensions, LinkOption... options)
            throws IOException {
        requireInboxEntry(file, "change attributes");
        SftpFileSystemAccessor.super.applyExtensionFileAttributes(subsystem, file, extensions, options);
    }

    private static void requireInboxEntry(Path path, String what) throws AccessDeniedException {
        if (!ChrootedPath.isInboxEntry(path)) {
            throw denied(path, what + " outside inbox/");
        }
    }

    private static AccessDeniedException denied(Path path, String what) {
        return new AccessDeniedException(path.toString(), null, "The drop-box does not let sources " + what);
    }
}
