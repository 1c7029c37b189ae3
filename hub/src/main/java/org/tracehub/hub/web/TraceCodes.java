package org.tracehub.hub.web;

import org.springframework.http.HttpStatus;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.hub.api.ApiException;
import org.tracehub.mappings.read.TextNormalizer;
import org.tracehub.schemas.validation.TraceCodeValidator;
import org.tracehub.schemas.validation.ValidationResult;

/**
 * What a trace code in a public URL may be: what the hub loads as one (the standard's {@code Code}, 1–64 characters,
 * no control characters, at least one letter or digit: {@link TraceCodeValidator}). The page, the trace JSON and the QR
 * codes refuse any other code alike: it was mistyped or cut off, and "not reported yet" would send the consumer back
 * to wait for a lot that can never exist.
 */
final class TraceCodes {

    static final int MAX_LENGTH = TraceCodeValidator.MAX_LENGTH;

    private TraceCodes() {
    }

    /**
     * The code as the loader would have stored it from a file: {@link TextNormalizer} cleans every cell it reads (full-width
     * letters and digits of a Chinese IME to half-width, surrounding spaces and invisible characters pasted with a
     * code removed). A code typed or pasted into the address bar is cleaned the same way, so that it finds the code the
     * label printed. Letter case is kept, as the loader keeps it: a code typed in another case is found by
     * {@link PublicTraceChains#typed}.
     */
    static String cleaned(String code) {
        return code == null ? null : TextNormalizer.normalize(code);
    }

    static boolean acceptable(String code) {
        return TraceCodeValidator.opaque().validate(code).status() == ValidationResult.Status.VALID;
    }

    /** The 400 problem of the trace JSON and the QR codes for a code that is not {@link #acceptable}. */
    static ApiException malformed(String code) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiErrorCodes.TRACE_CODE_FORMAT,
                "追溯码格式不正确：应为1到" + MAX_LENGTH + "个字符、不含控制字符且至少含一个字母或数字，收到“" + shown(code) + "”");
    }

    /** A code as it may be echoed back on a page: cut to the maximum length. */
    static String shown(String code) {
        return code == null ? "" : code.length() <= MAX_LENGTH ? code : code.substring(0, MAX_LENGTH) + "…";
    }
}
