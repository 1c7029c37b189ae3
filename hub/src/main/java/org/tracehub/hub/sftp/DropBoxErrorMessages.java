package org.tracehub.hub.sftp;

import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * The text of an SFTP failure status. MINA sends a generic text for every exception, so that no internals leak; a
 * refusal written for the sender ({@link DropBoxRefusalException}, {@link UploadNotTakenException}) is sent as it is,
 * so that the sender's client shows why its request failed.
 */
final class DropBoxErrorMessages implements SftpErrorStatusDataHandler {

    @Override
    public String resolveErrorMessage(SftpSubsystemEnvironment sftpSubsystem, int id, Throwable e, int subStatus, int cmd,
                                      Object... args) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DropBoxRefusalException || t instanceof UploadNotTakenException) {
                return t.getMessage();
            }
        }
        return SftpErrorStatusDataHandler.DEFAULT.resolveErrorMessage(sftpSubsystem, id, e, subStatus, cmd, args);
    }
}
