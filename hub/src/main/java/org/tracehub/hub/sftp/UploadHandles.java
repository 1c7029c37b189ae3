package org.tracehub.hub.sftp;

import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;

/**
 * What the server knows of an upload handle: whether it is one (a file opened for writing; counting and completion
 * decide by this one rule), whether any of its writes failed, and the size its client declared when it opened it.
 */
final class UploadHandles {

    private static final AttributeKey<Boolean> WRITE_FAILED = new AttributeKey<>();
    // The name MINA gives the size of an OPEN's attributes (SFTP's SSH_FILEXFER_ATTR_SIZE)
    private static final String SIZE_ATTRIBUTE = "size";

    private UploadHandles() {
    }

    static boolean isUpload(Handle handle) {
        if (!(handle instanceof FileHandle file)) {
            return false;
        }
        Set<StandardOpenOption> options = file.getOpenOptions();
        return options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
    }

    /** Kept on the handle, which MINA clears once its close has been handled. */
    static void markWriteFailed(Handle handle) {
        handle.setAttribute(WRITE_FAILED, Boolean.TRUE);
    }

    static boolean writeFailed(Handle handle) {
        return Boolean.TRUE.equals(handle.getAttribute(WRITE_FAILED));
    }

    /**
     * The file's size as the client declared it in its OPEN, if it did: what a complete upload has at least. MINA keeps
     * the OPEN's attributes on the handle. WinSCP declares it on SFTP 3 to 5; on SFTP 6 it sends an allocation size,
     * which MINA reads and drops, and OpenSSH and libssh2 never declare it.
     */
    static OptionalLong declaredSize(Handle handle) {
        if (handle instanceof FileHandle file) {
            for (FileAttribute<?> attribute : file.getFileAttributes()) {
                if (SIZE_ATTRIBUTE.equals(attribute.name()) && attribute.value() instanceof Number size) {
                    return OptionalLong.of(size.longValue());
                }
            }
        }
        return OptionalLong.empty();
    }
}
