package org.tracehub.mappings.expr;

import java.util.Objects;

/**
 * The only functions a spec expression may call ({@code #trim(s)}, {@code #concat(a, b)},
 * {@code #substring(s, start, end)}, {@code #replace(s, a, b)}). They are null-safe and never throw
 * on out-of-range positions, so one odd cell cannot fail a row in an unexpected way.
 */
public final class ExpressionFunctions {

    private ExpressionFunctions() {
    }

    /** Surrounding whitespace removed (including the ideographic space); null stays null. */
    public static String trim(String s) {
        return s == null ? null : s.strip();
    }

    /** a followed by b; a null side counts as empty. */
    public static String concat(Object a, Object b) {
        return Objects.toString(a, "") + Objects.toString(b, "");
    }

    /** Characters from start (0-based, inclusive) to end (exclusive), clamped to the text; null stays null. */
    public static String substring(String s, int start, int end) {
        if (s == null) {
            return null;
        }
        int from = Math.max(0, Math.min(start, s.length()));
        int to = Math.max(from, Math.min(end, s.length()));
        return s.substring(from, to);
    }

    /** Every occurrence of the literal text a replaced by b (not a regular expression); null stays null. */
    public static String replace(String s, String a, String b) {
        if (s == null || a == null || a.isEmpty()) {
            return s;
        }
        return s.replace(a, b == null ? "" : b);
    }
}
