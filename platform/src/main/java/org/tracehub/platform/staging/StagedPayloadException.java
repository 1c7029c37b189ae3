package org.tracehub.platform.staging;

/**
 * A staged event's XML cannot be read back as it was staged: its attempt's file is missing, ends early, or the bytes do
 * not match their checksum. The load stops; a reprocess converts the archived original again.
 */
public class StagedPayloadException extends RuntimeException {

    public StagedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
