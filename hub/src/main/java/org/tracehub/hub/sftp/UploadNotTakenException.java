package org.tracehub.hub.sftp;

import java.io.IOException;

/**
 * The hub could not take a complete upload in (a full disk, say). Thrown by an {@link UploadCompletedListener}, it
 * reaches the client as the failure of its close or rename, so the sender learns at once that the file was not
 * received and sends it again; the file stays in the inbox, as an interrupted upload's does, for that upload to
 * replace. Its message is for the sender's eyes.
 */
public class UploadNotTakenException extends IOException {

    public UploadNotTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
