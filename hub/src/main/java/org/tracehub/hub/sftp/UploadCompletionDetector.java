package org.tracehub.hub.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalLong;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SFTP events into "this inbox file is complete" notices.
 *
 * <p>Only {@code closed} and {@code moved} count: MINA calls {@code closed} solely for a client's own close request
 * (a dropped connection closes its handles through {@code exiting} instead), so a half-written file is never reported.
 * Both callbacks arrive with the operation's failure, if any, and a failed close or rename is not a completed upload.
 *
 * <p>A clean close is not proof of a whole file either: OpenSSH's {@code sftp} on Ctrl-C, WinSCP on Cancel and any
 * client after a failed write close the handle as usual. What the server can know, it checks: a handle on which a
 * write failed is never reported, and neither is one closed shorter than the size its client declared when it opened
 * it (that close fails with {@link DropBoxRefusal#UPLOAD_INCOMPLETE}). Either file is left where it is, as an
 * interrupted upload's is, for the sender's next upload to replace. A client that declares nothing and stops early
 * cannot be told from a finished one: hence the advice to upload under an in-progress name and rename (README).
 */
final class UploadCompletionDetector implements SftpEventListener {

    private static final Logger log = LoggerFactory.getLogger(UploadCompletionDetector.class);

    private final DropBoxLayout layout;
    private final UploadCompletedListener listener;
    private final UploadLimits limits;

    UploadCompletionDetector(DropBoxLayout layout, UploadCompletedListener listener, UploadLimits limits) {
        this.layout = layout;
        this.listener = listener;
        this.limits = limits;
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen, Throwable thrown) {
        if (thrown != null) {
            UploadHandles.markWriteFailed(localHandle);
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) throws IOException {
        if (thrown != null || !UploadHandles.isUpload(localHandle)) {
            return;
        }
        Path file = localHandle.getFile();
        if (!ChrootedPath.isFinalInboxEntry(file)) {
            return;
        }
        if (UploadHandles.writeFailed(localHandle)) {
            // left where it lies; one that grew past the size limit has already been removed (UploadLimits)
            log.warn("SFTP upload of source={} file={} closed after a failed write: not taken",
                    session.getUsername(), file.getFileName());
            return;
        }
        requireDeclaredSize(session, localHandle, file);
        report(session, file);
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown)
            throws IOException {
        if (thrown == null && ChrootedPath.isFinalInboxEntry(dstPath)) {
            report(session, dstPath);
        }
    }

    private static void requireDeclaredSize(ServerSession session, Handle handle, Path file) throws IOException {
        OptionalLong declared = UploadHandles.declaredSize(handle);
        if (declared.isEmpty() || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long received = Files.size(file);
        if (received < declared.getAsLong() && received + lineFeeds(file) != declared.getAsLong()) {
            log.warn("SFTP upload of source={} file={} closed at {} of the {} bytes its client declared (cancelled?): "
                    + "not taken, left in the inbox", session.getUsername(), file.getFileName(), received, declared.getAsLong());
            throw DropBoxRefusal.UPLOAD_INCOMPLETE.refuse(received, declared.getAsLong());
        }
    }

    /**
     * WinSCP's text mode declares the size on the sender's disk and sends the lines without their CRs: a whole CRLF file
     * arrives shorter by one byte per line. Read only for a close shorter than declared.
     */
    private static long lineFeeds(Path file) throws IOException {
        long count = 0;
        byte[] buffer = new byte[1 << 16];
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    // Throws only the listener's refusal: MINA hands an exception from here back to the client as a failed close or
    // rename (and calls this listener a second time with it, which the thrown check above ignores).
    private void report(ServerSession session, Path chrooted) throws UploadNotTakenException {
        String sourceId = session.getUsername();
        Path file;
        try {
            file = layout.inbox(sourceId).resolve(ChrootedPath.fileName(chrooted));
        } catch (RuntimeException e) {
            log.error("Cannot place upload {} of source {} on disk", chrooted, sourceId, e);
            return;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // removed or renamed (by another session of the source, say) before this close or rename was handled
            log.debug("SFTP upload of source={} file={} is gone; not reported", sourceId, file.getFileName());
            return;
        }
        log.info("SFTP upload completed: source={} file={}", sourceId, file.getFileName());
        try {
            listener.uploadCompleted(sourceId, file);
            TakenUploads.remember(session, chrooted);
        } catch (UploadNotTakenException refused) {
            // the sender is told the file was not received and must send it again: that upload is the file, not a second
            // one, and a full disk for an hour must not use up the source's files per hour with uploads the hub refused
            limits.uncount(sourceId);
            log.warn("SFTP upload of source={} file={} not taken; the client is told so: {}", sourceId, file.getFileName(),
                    refused.getCause() == null ? refused.getMessage() : refused.getCause().toString());
            throw refused;
        } catch (Exception e) {
            log.error("Upload listener failed for source={} file={}", sourceId, file, e);
        }
    }
}
