package org.tracehub.platform.batch;

/** One stored problem of one row, as listed on receipts and in the error report. */
public record RowProblem(long row, String column, String field, String severity, String code, String message, String rawValue) {
}
