package org.tracehub.schemas.validation;

/**
 * What an identifier validator says of one value. Never just a boolean: a warning still lets the
 * row through, and the code and message travel into receipts.
 */
public record ValidationResult(Status status, String code, String message, String value) {

    public enum Status { VALID, WARNING, ERROR }

    public static ValidationResult valid(String value) {
        return new ValidationResult(Status.VALID, null, null, value);
    }

    public static ValidationResult warning(String code, String message, String value) {
        return new ValidationResult(Status.WARNING, code, message, value);
    }

    public static ValidationResult error(String code, String message, String value) {
        return new ValidationResult(Status.ERROR, code, message, value);
    }

    public boolean isValid() {
        return status == Status.VALID;
    }

    public boolean isError() {
        return status == Status.ERROR;
    }

    /** As a finding on a standard field, or null when valid. */
    public Finding toFinding(String field) {
        return switch (status) {
            case VALID -> null;
            case WARNING -> Finding.warning(field, code, message, value);
            case ERROR -> Finding.error(field, code, message, value);
        };
    }
}
