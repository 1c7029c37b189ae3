package org.tracehub.hub.api;

import org.springframework.http.HttpStatus;

/** An API failure with its HTTP status, stable code and Chinese message. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
