package org.tracehub.hub.api;

/** Stable codes of the HTTP API's problem documents (RFC 9457), in the {@code code} property. */
public final class ApiErrorCodes {

    public static final String BATCH_NOT_FOUND = "BATCH_NOT_FOUND";
    public static final String TRACE_CODE_NOT_FOUND = "TRACE_CODE_NOT_FOUND";
    public static final String BAD_REQUEST = "BAD_REQUEST";

    private ApiErrorCodes() {
    }
}
