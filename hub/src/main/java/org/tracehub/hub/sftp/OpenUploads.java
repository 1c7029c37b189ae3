package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.tracehub.routes.intake.InboxUploads;

/**
 * The inbox names a source is uploading right now, one handle each. Two uploads of one name at once — a script's run
 * overlapping the previous slow one, two clerks on one account — wrote into one file: the first close had the hub take
 * it while the second kept writing into the taken file (the archive held a mix), and the second close, finding
 * nothing at the name, answered OK for an upload nobody reported. A second upload of a name, or a rename onto it, is
 * refused while the first is open ({@link DropBoxRefusal#SAME_NAME_UPLOADING}).
 *
 * <p>The hub holds a name the same way while it moves the name's file itself ({@link #unlessUploading}): intake finishing
 * a folder a crash left half-taken, whose file a sender may be uploading again.
 *
 * <p>Two listeners of one registry: {@link #guard()} goes before the hourly count (a refused upload is not counted, and
 * is refused before its file is created or truncated), {@link #release()} after the completion detector (the name is
 * free again only once the hub has taken the file, never while a new upload could truncate it first).
 */
final class OpenUploads {

    // "source/name": a name is the source's, whichever of its sessions (each with its own chrooted file system) writes;
    // the value is the upload's handle, or the hub's own hold while it moves the name's file (hold)
    private final Map<String, Object> open = new ConcurrentHashMap<>();

    /**
     * Runs {@code action} on a source's inbox name while no upload of it is open, and refuses every upload of the name
     * that tries to open in that moment ({@link DropBoxRefusal#SAME_NAME_UPLOADING}; its client sends it again).
     *
     * @return false, without running the action, while an upload of the name is open
     */
    boolean unlessUploading(String sourceId, String name, InboxUploads.FileAction action) throws IOException {
        String key = sourceId + "/" + name;
        Object hold = new Object();
        if (open.putIfAbsent(key, hold) != null) {
            return false;
        }
        try {
            action.run();
            return true;
        } finally {
            open.remove(key, hold);
        }
    }

    SftpEventListener guard() {
        return new SftpEventListener() {
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                String key = key(session, localHandle.getFile());
                if (key != null && UploadHandles.isUpload(localHandle)) {
                    Object owner = open.get(key);
                    if (owner != null && owner != localHandle) {
                        throw DropBoxRefusal.SAME_NAME_UPLOADING.refuse();
                    }
                }
            }

            @Override
            public void open(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                String key = key(session, localHandle.getFile());
                if (key != null && UploadHandles.isUpload(localHandle) && open.putIfAbsent(key, localHandle) != null
                        && open.get(key) != localHandle) {
                    // two opens raced past each other's check: the later one gives way
                    throw DropBoxRefusal.SAME_NAME_UPLOADING.refuse();
                }
            }

            @Override
            public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) throws IOException {
                String key = key(session, dstPath);
                if (key != null && open.containsKey(key)) {
                    throw DropBoxRefusal.SAME_NAME_UPLOADING.refuse();
                }
            }
        };
    }

    SftpEventListener release() {
        return new SftpEventListener() {
            @Override
            public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
                forget(session, localHandle);
            }

            // a dropped connection closes its handles here, not through closed
            @Override
            public void exiting(ServerSession session, Handle handle) {
                forget(session, handle);
            }
        };
    }

    private void forget(ServerSession session, Handle handle) {
        String key = key(session, handle.getFile());
        if (key != null) {
            open.remove(key, handle);
        }
    }

    private static String key(ServerSession session, Path chrooted) {
        return chrooted != null && ChrootedPath.isInboxEntry(chrooted)
                ? session.getUsername() + "/" + ChrootedPath.fileName(chrooted) : null;
    }
}
