package org.tracehub.mappings.read;

import java.io.IOException;
import java.nio.file.Path;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The file as a whole cannot be processed (unreadable, wrong encoding, header missing, malformed).
 * Carries a stable error code and a Chinese message for the receipt, and the row where it happened.
 */
public class FileLevelException extends RuntimeException {

    private final String code;
    private final long row;

    public FileLevelException(String code, String message, long row, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.row = row;
    }

    public FileLevelException(String code, String message, long row) {
        this(code, message, row, null);
    }

    /**
     * The file could not be read (the hub's archived copy missing or unreadable, a disk error part-way through): not the
     * sender's fault, so {@code PROCESSING_ERROR}, which the batch job reports with its own text for the sender (您无需重新发送)
     * and an admin retries once the disk is back. No path in the message; the cause names the file, for the log.
     */
    public static FileLevelException unreadable(Path file, Throwable cause) {
        return new FileLevelException(ErrorCodes.PROCESSING_ERROR, "读取文件时发生读写错误（磁盘或存储的问题，不是文件内容的问题），请稍后重试",
                0, new IOException("cannot read " + file + ": " + cause, cause));
    }

    public String code() {
        return code;
    }

    /** The row where the problem was found, or 0 when it concerns the whole file. */
    public long row() {
        return row;
    }
}
