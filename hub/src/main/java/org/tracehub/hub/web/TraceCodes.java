package org.tracehub.hub.web;

import org.tracehub.schemas.validation.TraceCodeValidator;
import org.tracehub.schemas.validation.ValidationResult;

/**
 * What a trace code in a public URL may be: what the hub loads as one (the standard's {@code Code}, 1–64 characters,
 * no control characters, at least one letter or digit: {@link TraceCodeValidator}).
 */
final class TraceCodes {

    static final int MAX_LENGTH = TraceCodeValidator.MAX_LENGTH;

    private TraceCodes() {
    }

    static boolean acceptable(String code) {
        return TraceCodeValidator.opaque().validate(code).status() == ValidationResult.Status.VALID;
    }

    /** A code as it may be echoed back on a page: cut to the maximum length. */
    static String shown(String code) {
        return code == null ? "" : code.length() <= MAX_LENGTH ? code : code.substring(0, MAX_LENGTH) + "…";
    }
}
