package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.Path;
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
 * a folder a crash left half-taken, whose file a sender may be uploading again; and so does a client's rename onto the
 * name, from its check through its move to the hub's take ({@link #whileRenaming}, run by {@link DropBoxSubsystem}), and
 * holds the name it renames from (a file still being written, or being renamed already, is not moved).
 *
 * <p>Two listeners of one registry: {@link #guard()} goes before the hourly count and claims the name as the handle is
 * being opened, before its file is created or truncated (a refused upload is not counted and touches no file; one name,
 * one claim, whether two sessions open it at the same instant or intake holds it); {@link #release()} after the
 * completion detector (the name is free again only once the hub has taken the file, never while a new upload could
 * truncate it first). A claim whose open failed is released as the OPEN request ends ({@link #whileOpening}).
 */
final class OpenUploads {

    // "source/name": a name is the source's, whichever of its sessions (each with its own chrooted file system) writes;
    // the value is the upload's handle, or a hold while a client's rename moves a file to the name or the hub moves the
    // name's file away
    private final Map<String, Object> open = new ConcurrentHashMap<>();
    // The claim of the handle this thread is opening, until its OPEN request has ended (whileOpening): MINA opens a handle
    // on one thread, from its opening event to the request's end.
    private final ThreadLocal<Claim> claiming = new ThreadLocal<>();

    private record Claim(String key, Handle handle) {
    }

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

    /** A client's OPEN as MINA handles it, up to the handle it answers with. */
    interface Open {
        String run() throws IOException;
    }

    /**
     * Runs a client's OPEN request: a name its {@link #guard()} claimed stays claimed only if the handle opened (its close
     * or its connection's end releases it then). Any failure releases it, whatever its kind and wherever it arose: MINA
     * tells its listeners of a failed open only when it failed with an IOException, and the claim of an open failed with
     * a runtime exception (a file-system provider's, a listener's) held the name, every later upload of it refused as
     * SAME_NAME_UPLOADING, until a restart.
     */
    String whileOpening(Open request) throws IOException {
        boolean opened = false;
        try {
            String handle = request.run();
            opened = true;
            return handle;
        } finally {
            Claim claim = claiming.get();
            claiming.remove();
            if (claim != null && !opened) {
                open.remove(claim.key(), claim.handle());
            }
        }
    }

    /** A client's rename of a file, as MINA performs it: its check, move and report. */
    interface Rename {
        void run() throws IOException;
    }

    /**
     * Runs a client's rename of the inbox name {@code source} onto the inbox name {@code target}, holding both names as an
     * open upload holds its name, from before MINA looks at them until the hub has taken the renamed file.
     *
     * <p>The target: checked first and moved after, an upload opened in between was replaced under its writer (or
     * truncated the renamed file before the hub took it), and a second rename onto the name in between could replace a
     * file received a moment before. Refused while the name is held ({@link DropBoxRefusal#SAME_NAME_UPLOADING}).
     *
     * <p>The source: a file another session is still writing ({@code x.csv.part} before its close) was moved half-written
     * and the hub took it, the writer's later bytes going into the taken file; and two renames of one file at once both
     * passed MINA's check, the later one's target taken or failing for a file the earlier had already moved. Refused while
     * the name is held ({@link DropBoxRefusal#RENAME_SOURCE_BUSY}); the session's own open upload of it too, which no
     * client renames before closing. A name that is no inbox name is left to the file rules.
     */
    void whileRenaming(ServerSession session, Path source, Path target, Rename rename) throws IOException {
        String from = key(session, source);
        String to = key(session, target);
        Object hold = new Object();
        if (from != null && open.putIfAbsent(from, hold) != null) {
            throw DropBoxRefusal.RENAME_SOURCE_BUSY.refuse();
        }
        try {
            // a rename onto its own name holds that name once
            if (to != null && !to.equals(from) && open.putIfAbsent(to, hold) != null) {
                throw DropBoxRefusal.SAME_NAME_UPLOADING.refuse();
            }
            try {
                rename.run();
            } finally {
                if (to != null) {
                    open.remove(to, hold);
                }
            }
        } finally {
            if (from != null) {
                open.remove(from, hold);
            }
        }
    }

    SftpEventListener guard() {
        return new SftpEventListener() {
            // The name is claimed before MINA opens the file, which creates and truncates it: checked here and claimed
            // only once it was open, two opens at the same instant both passed the check, and the loser's open cut the
            // winner's first bytes off before the loser was refused.
            @Override
            public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
                String key = key(session, localHandle.getFile());
                if (key != null && UploadHandles.isUpload(localHandle)) {
                    Object owner = open.putIfAbsent(key, localHandle);
                    if (owner != null && owner != localHandle) {
                        throw DropBoxRefusal.SAME_NAME_UPLOADING.refuse();
                    }
                    claiming.set(new Claim(key, localHandle));
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
