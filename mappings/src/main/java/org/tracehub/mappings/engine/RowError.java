package org.tracehub.mappings.engine;

import org.tracehub.schemas.validation.Severity;

/**
 * One problem with one row, as the clerk will read it on the receipt: the row they see in their
 * spreadsheet, the column they filled in, the standard field, a stable code, a Chinese message and
 * the value that was there.
 */
public record RowError(long row, String column, String field, Severity severity, String code, String message, String value) {
}
