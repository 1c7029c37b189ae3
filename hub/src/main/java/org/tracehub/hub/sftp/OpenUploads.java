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

/**
 * The inbox names a source is uploading right now, one handle each. Two uploads of one name at once — a script's run
 * overlapping the previous slow one, two clerks on one account — wrote into one file: the first close had the hub take
 * it while the second kept writing into the taken file (the archive held a mix), and the second close, finding
 * nothing at the name, answered OK for an upload nobody reported. A second upload of a name, or a rename onto it, is
 * refused while the first is open ({@link DropBoxRefusal#SAME_NAME_UPLOADING}).
 *
 * <p>Two listeners of one registry: {@link #guard()} goes before the hourly count (a refused upload is not counted, and
 * is refused before its file is created or truncated), {@link #release()} after the completion detector (the name is
 * free again only once the hub has taken the file, never while a new upload could truncate it first).
 */
final class OpenUploads {

    // "source/name": a name is the source's, whichever of its sessions (each with its own chrooted file system) writes
    private final Map<String, Handle> open = new ConcurrentHashMap<>();

    SftpEventListener guard() {
        return new SftpEventListener() {
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                String key = key(session, localHandle.getFile());
                if (key != null && UploadHandles.isUpload(localHandle)) {
                    Handle owner = open.get(key);
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
