package org.tracehub.platform.sql;

/**
 * Texts cut to the length of the column they go into. Messages quote what they are about (a cell, a
 * header, an exception), which can be as long as a line of a file; a value too long for its column
 * would fail the whole statement, and with it a chunk or a batch's failure record. So would a NUL
 * character on PostgreSQL (a text column cannot hold U+0000; H2 can): a cell padded with NULs, quoted
 * in its row's problem, failed the whole file there for good.
 */
public final class ColumnText {

    private ColumnText() {
    }

    /**
     * The text cut to {@code max} characters, ending in … when cut, never between the halves of a surrogate pair,
     * with every U+0000 shown as U+FFFD (as the receipts show it).
     */
    public static String fit(String value, int max) {
        value = storable(value);
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }

    /**
     * The text with every U+0000 shown as U+FFFD: what any text column can hold. A value compared with a column (a
     * filter from a request) is passed through it too: on PostgreSQL a NUL in a parameter fails the statement, where it
     * can only match nothing.
     */
    public static String storable(String value) {
        return value != null && value.indexOf('\u0000') >= 0 ? value.replace('\u0000', '\uFFFD') : value;
    }
}
