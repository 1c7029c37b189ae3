package org.tracehub.mappings.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
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
            // no parseDefaulting(HOUR_OF_DAY): it conflicts with 12-hour patterns (h, a); date-only is handled in dateTime
            formatters.add(new DateTimeFormatterBuilder()
                    .appendPattern(p.replace('y', 'u'))
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
        }
    }

    OffsetDateTime dateTime(String text) {
        for (DateTimeFormatter f : formatters) {
            try {
                TemporalAccessor parsed = f.parse(text);
                LocalDate date = parsed.query(TemporalQueries.localDate());
                LocalTime time = parsed.query(TemporalQueries.localTime());
                // a date alone is midnight, but time fields that did not make a time (h without a) are an error
                if (date == null || (time == null && Arrays.stream(ChronoField.values())
                        .anyMatch(c -> c.isTimeBased() && parsed.isSupported(c)))) {
                    continue;
                }
                // a pattern with an offset (XXX) keeps it; a local wall-clock time is Shanghai time
                ZoneId zone = parsed.query(TemporalQueries.zone());
                return date.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(zone == null ? SHANGHAI : zone).toOffsetDateTime();
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
