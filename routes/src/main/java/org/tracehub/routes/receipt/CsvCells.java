package org.tracehub.routes.receipt;

/**
 * Cells written so that a spreadsheet shows them as text and never evaluates them: a leading
 * = + - @ tab or carriage return gets an apostrophe (the OWASP CSV-injection advice).
 */
final class CsvCells {

    private CsvCells() {
    }

    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
