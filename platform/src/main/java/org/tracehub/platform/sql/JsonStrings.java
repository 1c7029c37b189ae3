package org.tracehub.platform.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of texts as a JSON array of strings, as the store keeps a row's raw cells ({@code rejected_row.cells}) and a
 * file's header ({@code batch.file_header}); written and read by hand, so that no module needs a JSON library for it.
 * Control characters are escaped: PostgreSQL's text columns cannot hold U+0000, which a legacy file's cell may.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** The texts as a JSON array; a null text as {@code null}. */
    public static String array(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendString(sb, values.get(i));
        }
        return sb.append(']').toString();
    }

    /** Appends one text as a JSON string ({@code null} for null). */
    static void appendString(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * The texts of a JSON array of strings (and nulls), as {@link #array} writes it.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static List<String> parse(String json) {
        Parser p = new Parser(json);
        List<String> values = new ArrayList<>();
        p.skipSpace();
        p.expect('[');
        p.skipSpace();
        if (p.peek() == ']') {
            p.next();
        } else {
            while (true) {
                p.skipSpace();
                values.add(p.value());
                p.skipSpace();
                char c = p.next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw p.error("',' or ']'");
                }
            }
        }
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("the end");
        }
        return values;
    }

    private static final class Parser {
        private final String json;
        private int at;

        Parser(String json) {
            this.json = json;
        }

        boolean atEnd() {
            return at >= json.length();
        }

        char peek() {
            if (atEnd()) {
                throw error("more");
            }
            return json.charAt(at);
        }

        char next() {
            char c = peek();
            at++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("'" + c + "'");
            }
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(json.charAt(at))) {
                at++;
            }
        }

        String value() {
            if (json.startsWith("null", at)) {
                at += 4;
                return null;
            }
            expect('"');
            StringBuilder sb = new StringBuilder();
            for (char c = next(); c != '"'; c = next()) {
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (at + 4 > json.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            sb.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw error("four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw error("an escape");
                }
            }
            return sb.toString();
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("not a JSON array of strings: expected " + expected + " at " + at);
        }
    }
}
