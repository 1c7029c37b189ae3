package org.tracehub.hub.sftp;

import java.io.IOException;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Counts each upload once against the files-per-hour limit ({@link UploadLimits}): per handle a client opens for
 * writing into {@code inbox/}, not per file MINA opens. When the client's OPEN carries attributes (OpenSSH and libssh2
 * send the permissions, WinSCP the size too) MINA opens the file up to three times for that one handle, and counted
 * there a source got a third of its uploads.
 *
 * <p>Counted as the handle is being opened, before the file is created or truncated: a refused upload leaves nothing
 * behind, not even an empty file or an interrupted upload cut to nothing.
 */
final class UploadCounter implements SftpEventListener {

    private final UploadLimits limits;

    UploadCounter(UploadLimits limits) {
        this.limits = limits;
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        // outside inbox/ the open is refused anyway (DropBoxFileSystemAccessor): it is no upload to count
        if (UploadHandles.isUpload(localHandle) && ChrootedPath.isInboxEntry(localHandle.getFile())) {
            limits.countUpload(session.getUsername(), localHandle.getFile());
        }
    }
}
