package org.tracehub.schemas.validation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What {@link TraceCodeValidator#patternProblem} needs to know of a regular expression's shape, read from its text
 * (which has compiled, so it is well formed): a repeated group holding a repetition, the literal characters it names
 * and its leading literal text. A scanner of Java's syntax, not a parser: escapes, {@code \Q…\E}, character classes
 * (nested too), groups of every kind and quantifiers with their lazy and possessive forms.
 */
final class RegexShape {

    private RegexShape() {
    }

    /** One open group: where it starts, whether it is atomic, whether something inside it repeats. */
    private static final class Group {
        final int start;
        final boolean atomic;
        boolean repeatsInside;

        Group(int start, boolean atomic) {
            this.start = start;
            this.atomic = atomic;
        }
    }

    /** A quantifier read at some position: how far it reaches, whether it repeats a variable number of times. */
    private record Quantifier(int end, boolean variable, boolean possessive) {
    }

    /**
     * The first group (its text with its quantifier) that a variable quantifier ({@code *}, {@code +}, {@code {n,}},
     * {@code {n,m}} with m > n) repeats while something inside it repeats variably as well, unless the group is atomic
     * or either quantifier is possessive; null when there is none. {@code (\d+)+}, {@code (a*b*)*} and
     * {@code ((ab)+c)+} are such groups; {@code (\d{3})+}, {@code (\d+){2}}, {@code (\d++)+} and {@code (?>\d+)+} are not.
     */
    static String nestedRepetition(String regex) {
        Deque<Group> open = new ArrayDeque<>();
        open.push(new Group(0, false));
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            int atomEnd;
            Group closed = null;
            switch (c) {
                case '\\' -> atomEnd = escapeEnd(regex, i);
                case '[' -> atomEnd = classEnd(regex, i);
                case '(' -> {
                    open.push(new Group(i, regex.startsWith("(?>", i)));
                    i = groupBodyStart(regex, i);
                    continue;
                }
                case ')' -> {
                    closed = open.size() > 1 ? open.pop() : null;
                    atomEnd = i + 1;
                }
                default -> atomEnd = i + 1;
            }
            Quantifier q = quantifier(regex, atomEnd);
            boolean repeats = q != null && q.variable() && !q.possessive();
            if (closed != null) {
                if (repeats && closed.repeatsInside && !closed.atomic) {
                    return regex.substring(closed.start, q.end());
                }
                if (closed.repeatsInside || repeats) {
                    open.peek().repeatsInside = true;
                }
            } else if (repeats) {
                open.peek().repeatsInside = true;
            }
            i = q == null ? atomEnd : q.end();
        }
        return null;
    }

    /** The characters the pattern names literally (outside escapes and class ranges' syntax), for probe codes. */
    static Set<Character> literalCharacters(String regex) {
        Set<Character> characters = new LinkedHashSet<>();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                int end = escapeEnd(regex, i);
                if (end == i + 2 && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                    characters.add(regex.charAt(i + 1)); // an escaped punctuation mark: \- \. \/
                }
                i = end - 1;
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/') {
                characters.add(c);
            }
        }
        return characters;
    }

    /** The literal text the pattern starts with (letters, digits and {@code - _ /} before anything else), or "". */
    static String literalPrefix(String regex) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/')) {
                break;
            }
            Quantifier q = quantifier(regex, i + 1);
            if (q != null) {
                break; // X* or X{2}: the character may not be there once
            }
            prefix.append(c);
        }
        return prefix.toString();
    }

    /** Where an escape starting at {@code at} (a backslash) ends. */
    private static int escapeEnd(String regex, int at) {
        if (at + 1 >= regex.length()) {
            return regex.length();
        }
        char e = regex.charAt(at + 1);
        if (e == 'Q') {
            int end = regex.indexOf("\\E", at + 2);
            return end < 0 ? regex.length() : end + 2;
        }
        if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && at + 2 < regex.length() && regex.charAt(at + 2) == '{') {
            int end = regex.indexOf('}', at + 2);
            return end < 0 ? regex.length() : end + 1;
        }
        if ((e == 'p' || e == 'P') && at + 2 < regex.length()) {
            return at + 3; // \pL
        }
        if (e == 'k' && at + 2 < regex.length() && regex.charAt(at + 2) == '<') {
            int end = regex.indexOf('>', at + 2);
            return end < 0 ? regex.length() : end + 1;
        }
        if (e == 'x') {
            return Math.min(regex.length(), at + 4); // \xhh
        }
        if (e == 'u') {
            return Math.min(regex.length(), at + 6); // backslash, u and four hex digits
        }
        if (e == 'c') {
            return Math.min(regex.length(), at + 3); // \cX
        }
        return at + 2;
    }

    /** Where a character class starting at {@code at} ({@code [}) ends, nested classes and escapes included. */
    private static int classEnd(String regex, int at) {
        int depth = 0;
        int i = at;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = escapeEnd(regex, i);
                continue;
            }
            if (c == '[') {
                depth++;
                i++;
                // a ']' right after '[' or '[^' is a literal bracket
                if (i < regex.length() && regex.charAt(i) == '^') {
                    i++;
                }
                if (i < regex.length() && regex.charAt(i) == ']') {
                    i++;
                }
                continue;
            }
            if (c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return regex.length();
    }

    /** Where the body of a group starting at {@code at} begins: after {@code (}, {@code (?:}, {@code (?<name>}, {@code (?i:} … */
    private static int groupBodyStart(String regex, int at) {
        int i = at + 1;
        if (i >= regex.length() || regex.charAt(i) != '?') {
            return i;
        }
        i++;
        if (i < regex.length() && regex.charAt(i) == '<' && i + 1 < regex.length()
                && regex.charAt(i + 1) != '=' && regex.charAt(i + 1) != '!') {
            int end = regex.indexOf('>', i);
            return end < 0 ? regex.length() : end + 1; // a named group
        }
        if (i < regex.length() && regex.charAt(i) == '<') {
            return i + 2; // (?<= (?<!
        }
        while (i < regex.length() && regex.charAt(i) != ':' && regex.charAt(i) != ')'
                && regex.charAt(i) != '=' && regex.charAt(i) != '!' && regex.charAt(i) != '>') {
            i++; // inline flags such as (?i or (?-s
        }
        if (i < regex.length() && regex.charAt(i) == ')') {
            return i; // (?i) alone: its ')' closes the flags' group at once
        }
        return i + 1;
    }

    /** The quantifier at {@code at}, or null when there is none. */
    private static Quantifier quantifier(String regex, int at) {
        if (at >= regex.length()) {
            return null;
        }
        char c = regex.charAt(at);
        int end;
        boolean variable;
        if (c == '*' || c == '+') {
            end = at + 1;
            variable = true;
        } else if (c == '?') {
            end = at + 1;
            variable = false; // at most once
        } else if (c == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0) {
                return null;
            }
            String body = regex.substring(at + 1, close);
            int comma = body.indexOf(',');
            if (!body.matches("\\d+(,\\d*)?")) {
                return null;
            }
            if (comma < 0) {
                variable = false;
            } else {
                String max = body.substring(comma + 1);
                long min = Long.parseLong(body.substring(0, comma));
                variable = max.isEmpty() || (Long.parseLong(max) > min && Long.parseLong(max) > 1);
            }
            end = close + 1;
        } else {
            return null;
        }
        boolean possessive = false;
        if (end < regex.length() && regex.charAt(end) == '+') {
            possessive = true;
            end++;
        } else if (end < regex.length() && regex.charAt(end) == '?') {
            end++; // lazy: still backtracks
        }
        return new Quantifier(end, variable, possessive);
    }
}
