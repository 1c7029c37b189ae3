package org.tracehub.hub.sftp;

import java.io.IOException;

/**
 * The hub could not take a complete upload in (a full disk, say). Thrown by an {@link UploadCompletedListener}, it
 * reaches the client as the failure of its close or rename, so the sender learns at once that the file was not
 * received and sends it again; the file stays in the inbox, as an interrupted upload's does, for that upload to
 * replace (or, when it was moved in and only forcing it to the disk failed, in the taken folder, where intake takes it
 * in: the upload again is then a DUPLICATE, and nothing is lost). Its message is for the sender's eyes.
 */
public class UploadNotTakenException extends IOException {

    public UploadNotTakenException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The hub's storage refused to take the file (a full disk): in the sender's words with the code of the drop-box's
     * refusal of a write for the same reason, {@code WRITE_FAILED}, as every refusal ends with its code.
     */
    public static UploadNotTakenException storageFailed(Throwable cause) {
        return new UploadNotTakenException("平台暂时无法接收该文件，未处理，请稍后重新上传（" + DropBoxRefusal.WRITE_FAILED.code() + "）", cause);
    }
}
