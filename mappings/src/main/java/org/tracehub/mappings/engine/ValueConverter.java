package org.tracehub.mappings.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * Converts normalised cell text into typed values. Failures are {@link ConversionException}s
 * carrying a stable code and a Chinese message; the engine turns them into row errors.
 */
final class ValueConverter {

    /** Legacy exports carry local wall-clock times; the standard wants an explicit offset. */
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final List<DateTimeFormatter> formatters;
    private final List<String> patterns;

    ValueConverter(List<String> datePatterns) {
        this.patterns = datePatterns;
        this.formatters = new ArrayList<>();
        for (String p : datePatterns) {
            // 'u' instead of 'y' so STRICT resolution needs no era, and 2月30日 is an error, not 2月28日.
            formatters.add(new DateTimeFormatterBuilder()
                    .appendPattern(p.replace('y', 'u'))
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
        }
    }

    java.time.OffsetDateTime dateTime(String text) {
        for (DateTimeFormatter f : formatters) {
            try {
                LocalDateTime local = LocalDateTime.parse(text, f);
                return local.atZone(SHANGHAI).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        throw new ConversionException(ErrorCodes.DATE_FORMAT,
                "日期时间“" + text + "”无法识别，应为以下格式之一：" + String.join("、", patterns));
    }

    LocalDate date(String text) {
        return dateTime(text).toLocalDate();
    }

    static BigDecimal decimal(String text) {
        String t = text.replace(",", "").replace("，", "");
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new ConversionException(ErrorCodes.NUMBER_FORMAT, "“" + text + "”不是有效的数字");
        }
    }

    static BigInteger integer(String text) {
        BigDecimal d = decimal(text);
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ConversionException(ErrorCodes.NUMBER_FORMAT, "“" + text + "”应为整数");
        }
    }

    static List<String> split(String text, String separator) {
        if (separator == null) {
            return List.of(text);
        }
        return Arrays.stream(text.split(java.util.regex.Pattern.quote(separator)))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static final class ConversionException extends RuntimeException {
        private final String code;

        ConversionException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
