package org.tracehub.schemas.xml;

/**
 * A standard document (or event) that cannot be read at all: not well-formed, carrying a DOCTYPE,
 * not of the standard, or with a trailer count that does not match its events. The code is one of
 * {@link org.tracehub.schemas.validation.ErrorCodes}; the message is Chinese, for the sender.
 * An {@link IllegalArgumentException}, as {@link StandardXml#fromXml(String)} has always thrown.
 */
public final class StandardDocumentException extends IllegalArgumentException {

    private final String code;
    private final long line;

    public StandardDocumentException(String code, String message, long line, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.line = line;
    }

    public String code() {
        return code;
    }

    /** The 1-based line where reading stopped, or -1 when unknown. */
    public long line() {
        return line;
    }
}
