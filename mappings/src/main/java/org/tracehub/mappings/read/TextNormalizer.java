package org.tracehub.mappings.read;

/**
 * Normalises text typed into Chinese systems: full-width ASCII (ＡＢＣ１２３，（）) to half-width,
 * the ideographic space to a space, invisible format characters removed, and surrounding whitespace removed.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** No {@link Character#isWhitespace} character lies above U+0020 and below U+1680, or above U+3000. */
    private static boolean surelyNotWhitespace(char c) {
        return (c > ' ' && c < '\u1680') || c > '\u3000';
    }

    private static boolean replaced(char c) {
        return (c >= '\uFF01' && c <= '\uFF5E') || c == '\u3000' || c == '\u00A0' || removed(c);
    }

    /**
     * Characters nobody sees that text pasted from web pages and WeChat carries: zero-width space, non-joiner and joiner
     * (U+200B–U+200D), word joiner (U+2060) and a byte-order mark inside a cell (U+FEFF). Kept, XJM2611270005 with one
     * is another code than without: chains do not join, and a re-sent cleaned row becomes a second event.
     */
    private static boolean removed(char c) {
        return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
    }

    /**
     * Whether a cell holds nothing the clerk could see: {@link String#isBlank} keeps a no-break space (U+00A0, which
     * spreadsheets and web pages paste), a figure space, a narrow no-break space and the invisible characters
     * {@link #normalize} removes (zero-width spaces, a byte-order mark) as text. The one
     * rule for blank cells and rows (a row of them is skipped, not refused for a missing key).
     */
    public static boolean isBlank(String cell) {
        if (cell == null) {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u2007' && c != '\u202F' && !removed(c)) {
                return false;
            }
        }
        return true;
    }

    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        // most cells need nothing but the strip: find the first character to replace, if any
        int first = 0;
        int length = value.length();
        while (first < length && !replaced(value.charAt(first))) {
            first++;
        }
        if (first == length) {
            return length == 0 || (surelyNotWhitespace(value.charAt(0)) && surelyNotWhitespace(value.charAt(length - 1)))
                    ? value : value.strip();
        }
        StringBuilder sb = null;
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            char n = c;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                n = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0') {
                n = ' ';
            }
            boolean drop = removed(c);
            if ((n != c || drop) && sb == null) {
                sb = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (sb != null && !drop) {
                sb.append(n);
            }
        }
        String result = sb == null ? value : sb.toString();
        return result.strip();
    }
}
