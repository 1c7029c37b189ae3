package org.tracehub.schemas.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Trace codes (追溯码 / batch numbers). Their national layout (SB/T 10680) is not known, so a trace
 * code is an opaque string: non-blank, at most 64 characters, no control characters, at least one letter or digit.
 * A source whose codes do have a known shape agrees on a pattern ({@code traceCodePattern} in its mapping spec),
 * which the whole code must then match as well ({@link ErrorCodes#TRACE_CODE_PATTERN}).
 * <p>
 * A pattern is matched within a bounded amount of work ({@link #MATCH_BUDGET} character reads), so that no pattern,
 * however it backtracks, can hang a conversion; {@link #patternProblem} refuses the patterns that would need more
 * before a spec naming one is accepted.
 */
public final class TraceCodeValidator implements IdentifierValidator {

    /** The XSD's {@code Code} type allows 64 characters. */
    public static final int MAX_LENGTH = 64;
    /**
     * Character reads one match of a source's pattern may take: a few hundred for any pattern written for codes of 64
     * characters, a few milliseconds at most; a backtracking blow-up (exponential as in {@code (\d+)+}, or a high
     * polynomial as in {@code .*.*.*.*}) needs far more.
     */
    public static final long MATCH_BUDGET = 1_000_000;
    private static final TraceCodeValidator OPAQUE = new TraceCodeValidator(null, null);

    private final Pattern pattern;
    private final String example;

    private TraceCodeValidator(Pattern pattern, String example) {
        this.pattern = pattern;
        this.example = example;
    }

    /** Accepts any code within the XSD's limits. */
    public static TraceCodeValidator opaque() {
        return OPAQUE;
    }

    /** Additionally requires the whole code to match a source's pattern, e.g. {@code XJM\d{10}}. */
    public static TraceCodeValidator matching(String regex) {
        return matching(regex, null);
    }

    /**
     * Additionally requires the whole code to match a source's pattern; {@code example} (may be null), a code of the
     * agreed shape, is shown to the clerk beside the pattern when a code does not match it.
     */
    public static TraceCodeValidator matching(String regex, String example) {
        return new TraceCodeValidator(Pattern.compile(Objects.requireNonNull(regex, "regex")), example);
    }

    /** The source's pattern, or null when codes are opaque. */
    public String pattern() {
        return pattern == null ? null : pattern.pattern();
    }

    /** The example code shown with the pattern, or null. */
    public String example() {
        return example;
    }

    /**
     * Why a regular expression cannot serve as a source's trace-code pattern, in English for the administrator who
     * wrote it, or null when it can: it does not compile; it repeats a group that itself holds a repetition
     * ({@code (\d+)+}, {@code ([A-Z]+\d*)*}), which backtracks exponentially on a code that almost matches; or, on
     * codes of {@link #MAX_LENGTH} characters made of the characters it names, a match takes more than
     * {@link #MATCH_BUDGET} character reads (overlapping alternatives such as {@code (a|ab)+}, stacked wildcards
     * such as {@code .*.*.*.*X}). {@code example}, when given, also starts such probe codes.
     */
    public static String patternProblem(String regex, String example) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(Objects.requireNonNull(regex, "regex"));
        } catch (PatternSyntaxException e) {
            return "not a valid regular expression: " + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "");
        }
        String nested = RegexShape.nestedRepetition(regex);
        if (nested != null) {
            return "the repeated group '" + nested + "' holds a repetition itself: matching may backtrack exponentially"
                    + " (catastrophic backtracking) on a code that almost matches; repeat a plain class instead"
                    + " ((\\d+)+ is \\d+), or make the inner repetition possessive (\\d++) or the group atomic ((?>…))";
        }
        for (String probe : probes(regex, example)) {
            if (matches(compiled, probe) == null) {
                return "matching the " + probe.length() + "-character code '" + printable(probe) + "' takes more than "
                        + MATCH_BUDGET + " steps (catastrophic backtracking): write the pattern so that each character of a"
                        + " code can be matched in one way only, e.g. without overlapping alternatives or stacked wildcards";
            }
        }
        return null;
    }

    /** Whether the whole code matches, or null when the match would take more than the budget. */
    private static Boolean matches(Pattern pattern, String code) {
        try {
            return pattern.matcher(new Budgeted(code)).matches();
        } catch (BudgetExceeded e) {
            return null;
        }
    }

    /**
     * Codes of {@link #MAX_LENGTH} characters that a backtracking pattern chokes on: one character the pattern names
     * (or a common code character) repeated, after nothing, the pattern's leading literal text or the example (whole,
     * without its last character, its first half), and ending in a character that is unlikely to match, so that every
     * way of matching the run is tried. A heuristic: what it misses is still stopped by the budget of each match.
     */
    private static List<String> probes(String regex, String example) {
        Set<Character> characters = new LinkedHashSet<>();
        for (char c : "0aA-_./ 汉".toCharArray()) { // common code characters, whatever the pattern names
            characters.add(c);
        }
        RegexShape.literalCharacters(regex).forEach(characters::add);
        if (example != null) {
            for (char c : example.toCharArray()) {
                characters.add(c);
            }
        }
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add("");
        prefixes.add(RegexShape.literalPrefix(regex));
        if (example != null && example.length() < MAX_LENGTH) {
            // the run may have to start where the example's own run does: after all of it, all but its last character,
            // or its first half
            prefixes.add(example);
            prefixes.add(example.substring(0, Math.max(0, example.length() - 1)));
            prefixes.add(example.substring(0, example.length() / 2));
        }
        List<String> probes = new ArrayList<>();
        for (String prefix : prefixes) {
            for (char c : characters) {
                for (String end : new String[] {"!", "\n", "\u0000"}) {
                    int run = MAX_LENGTH - prefix.length() - end.length();
                    if (run > 0) {
                        probes.add(prefix + String.valueOf(c).repeat(run) + end);
                    }
                }
            }
        }
        return probes;
    }

    private static String printable(String probe) {
        return probe.replace("\n", "\\n").replace("\u0000", "\\u0000");
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The position of the first character in a code that legacy cells separate several lots with — the enumeration
     * comma 、, commas and semicolons (half- and full-width) and whitespace — or -1. Not the slash. A cell listing two
     * lots with another separator than its spec splits on arrives as one code ({@code TZ2611260088、TZ2611260091}): the
     * rules warn about such an input (EventRules). They do not refuse it, and a trace code is not checked for them at
     * all: trace codes are opaque, and some legacy ones hold a semicolon, a space or a slash ({@code JC;2019;000457},
     * {@code 沪JC 2019 000460}, {@code SH/2019/0456}).
     */
    public static int separatorAt(String code) {
        for (int i = 0; i < code.length(); i++) {
            if (isSeparator(code.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSeparator(char c) {
        return switch (c) {
            case '、', ',', '，', ';', '；' -> true;
            default -> Character.isWhitespace(c) || Character.isSpaceChar(c);
        };
    }

    /** How a message names the separator at {@code at}: “、” or 空格 (a space is invisible between quotes). */
    public static String describeSeparator(String code, int at) {
        char c = code.charAt(at);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) ? "空格" : "分隔符“" + c + "”";
    }

    /** True when the code has a letter or a digit of any script (汉字 count as letters). */
    private static boolean hasLetterOrDigit(String value) {
        return value.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    @Override
    public ValidationResult validate(String value) {
        if (value == null || value.isBlank()) {
            return ValidationResult.error(ErrorCodes.FIELD_REQUIRED, "缺少必填项：追溯码", value);
        }
        if (value.length() > MAX_LENGTH) {
            return ValidationResult.error(ErrorCodes.TRACE_CODE_FORMAT,
                    "追溯码不能超过" + MAX_LENGTH + "个字符，实际为" + value.length() + "个", value);
        }
        if (hasControlCharacter(value)) {
            return ValidationResult.error(ErrorCodes.TRACE_CODE_FORMAT, "追溯码含有控制字符（如换行、制表符）", value);
        }
        if (!hasLetterOrDigit(value)) {
            return ValidationResult.error(ErrorCodes.TRACE_CODE_FORMAT,
                    "追溯码“" + value + "”不含任何字母或数字，不是有效的追溯码", value);
        }
        if (pattern != null) {
            Boolean matches = matches(pattern, value);
            if (matches == null) {
                return ValidationResult.error(ErrorCodes.TRACE_CODE_PATTERN, "追溯码“" + value + "”无法按本数据源约定的格式（正则表达式“"
                        + pattern.pattern() + "”）在限定的计算量内完成校验：该格式写得过于复杂，本行未处理，请联系平台管理员修改映射中的"
                        + "traceCodePattern后重新处理", value);
            }
            if (!matches) {
                return ValidationResult.error(ErrorCodes.TRACE_CODE_PATTERN, "追溯码“" + value + "”不符合本数据源约定的格式：应完整符合正则表达式“"
                        + pattern.pattern() + "”" + (example == null ? "" : "（例如“" + example + "”）")
                        + "；请核对追溯码后重新发送，如约定的格式已改变，请联系平台管理员", value);
            }
        }
        return ValidationResult.valid(value);
    }

    /** Thrown by {@link Budgeted} when a match has read its budget of characters; no stack trace, it is expected. */
    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("match budget exceeded", null, false, false);
        }
    }

    /** A code whose characters may be read {@link #MATCH_BUDGET} times: the regex engine reads every character it tries. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long left = MATCH_BUDGET;

        Budgeted(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
