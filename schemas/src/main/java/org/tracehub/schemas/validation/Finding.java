package org.tracehub.schemas.validation;

/**
 * One problem found with one value: which standard field, how bad, a stable code, a Chinese
 * message a clerk can act on, and the offending raw value.
 */
public record Finding(String field, Severity severity, String code, String message, String value) {

    public static Finding error(String field, String code, String message, String value) {
        return new Finding(field, Severity.ERROR, code, message, value);
    }

    public static Finding warning(String field, String code, String message, String value) {
        return new Finding(field, Severity.WARNING, code, message, value);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same finding attributed to another field, e.g. when a validator is reused for counterparty.uscc. */
    public Finding forField(String otherField) {
        return new Finding(otherField, severity, code, message, value);
    }
}
