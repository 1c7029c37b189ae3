package org.tracehub.hub.sftp;

import java.nio.file.Path;

/**
 * Told when a file in a source's {@code inbox/} has been completely written: its upload handle was closed, or a
 * upload under an in-progress name ({@code .part}, {@code .filepart}, …) was renamed to its final name. Half-written and temporary files are never
 * reported; empty files are.
 *
 * <p>Called on the SFTP session's thread before the client's request is answered, so it should be quick (hand the file
 * on, do not process it here) and must be thread-safe: sessions of several sources run concurrently. An
 * {@link UploadNotTakenException} fails the client's close or rename with its message; anything else it throws is
 * logged and does not reach the client.
 */
@FunctionalInterface
public interface UploadCompletedListener {

    /**
     * @param sourceId the account that uploaded the file
     * @param file     the file on the hub's disk, under {@code <root>/<sourceId>/inbox/}
     * @throws UploadNotTakenException the file could not be taken in: the sender must send it again
     */
    void uploadCompleted(String sourceId, Path file) throws UploadNotTakenException;
}
