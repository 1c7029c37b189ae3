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
     * The hub could not read its own copy of the file (missing, unreadable, a disk error part-way through): not the
     * sender's fault, so {@code PROCESSING_ERROR} (an admin retries once the disk is back) and no path in the message,
     * which a sender reads; the cause names the file for the log.
     */
    public static FileLevelException unreadable(Path file, Throwable cause) {
        return new FileLevelException(ErrorCodes.PROCESSING_ERROR, "平台读取本文件的存档时发生读写错误（不是文件内容的问题），"
                + "管理员将排查并重试，您无需重新发送", 0,
                new IOException("cannot read " + file + ": " + cause, cause));
    }

    public String code() {
        return code;
    }

    /** The row where the problem was found, or 0 when it concerns the whole file. */
    public long row() {
        return row;
    }
}
