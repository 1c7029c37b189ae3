package org.tracehub.schemas.validation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Trace codes (追溯码 / batch numbers). Their national layout (SB/T 10680) is not known, so a trace
 * code is an opaque string: non-blank, at most 64 characters, no control characters, at least one letter or
 * digit. Separators are allowed: legacy codes hold them ({@link #separatorAt}). A source whose codes do have a known
 * shape gets its own pattern, which the whole code must match as well.
 */
public final class TraceCodeValidator implements IdentifierValidator {

    /** The XSD's {@code Code} type allows 64 characters. */
    public static final int MAX_LENGTH = 64;
    private static final TraceCodeValidator OPAQUE = new TraceCodeValidator(null);

    private final Pattern pattern;

    private TraceCodeValidator(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Accepts any code within the XSD's limits. */
    public static TraceCodeValidator opaque() {
        return OPAQUE;
    }

    /** Additionally requires the whole code to match a source's pattern, e.g. {@code XJM\d{10}}. */
    public static TraceCodeValidator matching(String regex) {
        return new TraceCodeValidator(Pattern.compile(Objects.requireNonNull(regex, "regex")));
    }

    /** The source's pattern, or null when codes are opaque. */
    public String pattern() {
        return pattern == null ? null : pattern.pattern();
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
        if (pattern != null && !pattern.matcher(value).matches()) {
            return ValidationResult.error(ErrorCodes.TRACE_CODE_FORMAT,
                    "追溯码“" + value + "”不符合本数据源约定的格式", value);
        }
        return ValidationResult.valid(value);
    }
}
