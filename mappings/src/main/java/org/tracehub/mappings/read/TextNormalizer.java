package org.tracehub.mappings.read;

/**
 * Normalises text typed into Chinese systems: full-width ASCII (ＡＢＣ１２３，（）) to half-width,
 * the ideographic space to a space, and surrounding whitespace removed.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char n = c;
            if (c >= '\uFF01' && c <= '\uFF5E') {
                n = (char) (c - 0xFEE0);
            } else if (c == '\u3000' || c == '\u00A0') {
                n = ' ';
            }
            if (n != c && sb == null) {
                sb = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (sb != null) {
                sb.append(n);
            }
        }
        String result = sb == null ? value : sb.toString();
        return result.strip();
    }
}
