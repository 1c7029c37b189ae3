package org.tracehub.mappings.read;

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

    public String code() {
        return code;
    }

    /** The row where the problem was found, or 0 when it concerns the whole file. */
    public long row() {
        return row;
    }
}
