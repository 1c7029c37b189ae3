package org.tracehub.hub.sftp;

import org.apache.sshd.sftp.common.SftpException;

/**
 * A request the drop-box refuses, with its reason for the sender. An {@link SftpException}, so MINA answers with the
 * refusal's own status; its message, in Chinese, is what {@link DropBoxErrorMessages} sends as the status text.
 */
final class DropBoxRefusalException extends SftpException {

    DropBoxRefusalException(DropBoxRefusal refusal, String message) {
        super(refusal.status(), message);
    }
}
