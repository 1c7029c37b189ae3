package org.tracehub.hub.sftp;

import java.nio.file.StandardOpenOption;
import java.util.Set;

import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;

/** Which SFTP handles are uploads: files opened for writing. Counting and completion decide by this one rule. */
final class UploadHandles {

    private UploadHandles() {
    }

    static boolean isUpload(Handle handle) {
        if (!(handle instanceof FileHandle file)) {
            return false;
        }
        Set<StandardOpenOption> options = file.getOpenOptions();
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    }
}
