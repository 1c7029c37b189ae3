package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-box's file rules, applied where every SFTP request passes once MINA has resolved its path in the
 * account's chroot.
 *
 * <p>Every path must stay inside the account's folder on disk, links included ({@link ChrootGuard}). A source may
 * create, write, rename and remove plain files directly in its {@code inbox/} and nothing else: {@code outbox/}, the
 * account root and the hub's {@code inbox/.taken/} (files taken in, still waiting for the archive) are read-only, and
 * no directories, links or server-side copies may be made anywhere. Each refusal is a {@link DropBoxRefusal}, whose
 * Chinese reason the sender's client shows. Uploads are held to the size limit of {@link UploadLimits} (the files per
 * hour are counted per handle, by {@link UploadCounter}). Setting the time or permissions of an inbox name whose file
 * the hub has just taken from the session succeeds without changing anything ({@link TakenUploads}).
 */
final class DropBoxFileSystemAccessor implements SftpFileSystemAccessor {

    private static final Logger log = LoggerFactory.getLogger(DropBoxFileSystemAccessor.class);
    // MINA's names for the times a SETSTAT sets (basic view)
    private static final Set<String> FILE_TIMES = Set.of("lastModifiedTime", "lastAccessTime", "creationTime");

    private static final Set<StandardOpenOption> MUTATING_OPTIONS = EnumSet.of(
            StandardOpenOption.WRITE, StandardOpenOption.APPEND, StandardOpenOption.CREATE,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE);

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
            throws IOException {
        if (remotePath.indexOf('\uFFFD') >= 0) {
            // MINA decoded the request's bytes as UTF-8 and replaced what was not
            throw DropBoxRefusal.NAME_NOT_UTF8.refuse();
        }
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
        requireInboxEntry(file, DropBoxRefusal.UPLOAD_OUTSIDE_INBOX);
        return limits.limitSize(SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs),
                subsystem.getServerSession().getUsername(), file);
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        requireInboxEntry(oldPath, DropBoxRefusal.RENAME_OUTSIDE_INBOX);
        requireInboxEntry(newPath, DropBoxRefusal.RENAME_OUTSIDE_INBOX);
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        if (isDirectory) {
            throw DropBoxRefusal.FOLDER_REMOVAL.refuse();
        }
        requireInboxEntry(path, DropBoxRefusal.REMOVE_OUTSIDE_INBOX);
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    // The folder layout is fixed: a sub-folder of inbox/ would hold files the hub never looks at.
    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        requireInboxEntry(path, DropBoxRefusal.UPLOAD_OUTSIDE_INBOX);
        throw DropBoxRefusal.FOLDER_IN_INBOX.refuse();
    }

    // Links could make an outbox file or another path appear writable through inbox/.
    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        throw DropBoxRefusal.LINK.refuse();
    }

    // A server-side copy would put a complete file into inbox/ without any upload being closed.
    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
            throws IOException {
        throw DropBoxRefusal.SERVER_COPY.refuse();
    }

    @Override
    public void setFileAttribute(
            SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
            LinkOption... options) throws IOException {
        requireInboxEntry(file, DropBoxRefusal.ATTRIBUTES_OUTSIDE_INBOX);
        if (FILE_TIMES.contains(attribute) && takenAway(subsystem, file)) {
            return;
        }
        SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, options);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        throw DropBoxRefusal.OWNER_CHANGE.refuse();
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        throw DropBoxRefusal.OWNER_CHANGE.refuse();
    }

    @Override
    public void setFilePermissions(
            SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms, LinkOption... options)
            throws IOException {
        requireInboxEntry(file, DropBoxRefusal.ATTRIBUTES_OUTSIDE_INBOX);
        if (takenAway(subsystem, file)) {
            return;
        }
        SftpFileSystemAccessor.super.setFilePermissions(subsystem, file, perms, options);
    }

    @Override
    public void setFileAccessControl(
            SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl, LinkOption... options) throws IOException {
        throw DropBoxRefusal.OWNER_CHANGE.refuse();
    }

    @Override
    public void applyExtensionFileAttributes(
            SftpSubsystemProxy subsystem, Path file, Map<String, byte[]> extensions, LinkOption... options)
            throws IOException {
        requireInboxEntry(file, DropBoxRefusal.ATTRIBUTES_OUTSIDE_INBOX);
        SftpFileSystemAccessor.super.applyExtensionFileAttributes(subsystem, file, extensions, options);
    }

    /**
     * The time or permissions a client sets by path right after its upload, on a file the hub has just taken (see
     * {@link TakenUploads}): there is nothing left to change, and the upload itself succeeded, so the change is
     * answered as done. Any other change of a missing file still fails as such.
     */
    private static boolean takenAway(SftpSubsystemProxy subsystem, Path file) {
        if (!TakenUploads.tookAway(subsystem.getServerSession(), file)) {
            return false;
        }
        log.debug("SFTP source={}: attribute change of {}, which the hub has taken, answered as done",
                subsystem.getServerSession().getUsername(), file.getFileName());
        return true;
    }

    /** Refused with {@code outside} anywhere but directly in {@code inbox/}, and as read-only in the taken folder. */
    private static void requireInboxEntry(Path path, DropBoxRefusal outside) throws DropBoxRefusalException {
        if (ChrootedPath.isInTakenFolder(path)) {
            throw DropBoxRefusal.TAKEN_READ_ONLY.refuse();
        }
        if (!ChrootedPath.isInboxEntry(path)) {
            throw outside.refuse();
        }
    }
}
