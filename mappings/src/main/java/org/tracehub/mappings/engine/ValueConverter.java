package org.tracehub.mappings.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.xml.StandardXml;

/**
 * Converts normalised cell text into typed values. Failures are {@link ConversionException}s
 * carrying a stable code and a Chinese message; the engine turns them into row errors.
 */
final class ValueConverter {

    /** Legacy exports carry local wall-clock times; the standard wants an explicit offset. */
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** How spreadsheet readers render date-formatted cells; every date field accepts it first. */
    static final DateTimeFormatter ISO_LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    /** Excel's 1900 system counts 1900-02-29, which never existed: serials from 61 on are one day ahead. */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final BigDecimal EXCEL_FICTIONAL_LEAP_DAY = BigDecimal.valueOf(60);
    private static final BigDecimal EXCEL_MAX_SERIAL = BigDecimal.valueOf(2_958_466); // 10000-01-01
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    /** The 1904 date system's day 0. */
    private static final LocalDate EXCEL_1904_EPOCH = LocalDate.of(1904, 1, 1);
    /** No record of the standard is older; before it Shanghai's offset was local mean time. */
    static final int EARLIEST_YEAR = 1901;
    /**
     * The first day an Excel serial number is read as: every number is a serial of some day, and a General cell holding
     * 1126 typed for 11月26日 would be 1903-01-30. No record a source sends as bare serials is older than the
     * programme; a date cell (ISO text) is a date whatever its year.
     */
    static final LocalDate EXCEL_SERIAL_EARLIEST = LocalDate.of(2000, 1, 1);
    /** How far after today a serial may lie: next inspections and expiry dates, not a number typed for a date. */
    static final int EXCEL_SERIAL_YEARS_AHEAD = 10;
    /**
     * Digits in thousands groups: 1,234 or 12,345,678.5, with a sign. The first group starts with 1–9: {@code 0,500} is
     * a decimal comma (half a kilo), never 500.
     */
    private static final java.util.regex.Pattern GROUPED = java.util.regex.Pattern.compile("[+-]?[1-9]\\d{0,2}(,\\d{3})+(\\.\\d*)?");
    /** Far beyond any quantity, price or count, far below what makes a BigDecimal costly. */
    private static final int MAX_INTEGER_DIGITS = 30;
    private static final int MAX_SCALE = 30;
    private static final ChronoField[] TIME_FIELDS = Arrays.stream(ChronoField.values()).filter(ChronoField::isTimeBased)
            .toArray(ChronoField[]::new);

    /** Date texts parsed per converter (one converter per field of one file conversion). */
    private static final int PARSED_LIMIT = 4096;

    /** Text → its OffsetDateTime, or the ConversionException it raised (immutable, without a stack trace). */
    private final Map<String, Object> parsed = new HashMap<>();
    /** The date system of the texts in {@link #parsed}: a 1904 workbook's serials are other days. */
    private boolean parsedAs1904;

    /** One entry per pattern; null stands for {@code excel-serial}. */
    private final List<DateTimeFormatter> formatters;
    private final List<String> patterns;

    /** The last day an Excel serial number is read as (today + {@link #EXCEL_SERIAL_YEARS_AHEAD} years). */
    private final LocalDate serialLatest;

    /** @param today the conversion's day: serials are dates from {@link #EXCEL_SERIAL_EARLIEST} to some years after it */
    ValueConverter(List<String> datePatterns, LocalDate today) {
        this.serialLatest = today.plusYears(EXCEL_SERIAL_YEARS_AHEAD);
        this.patterns = datePatterns;
        this.formatters = new ArrayList<>();
        for (String p : datePatterns) {
            if (FieldMapping.EXCEL_SERIAL.equals(p)) {
                formatters.add(null);
                continue;
            }
            // 'u' instead of 'y' so STRICT resolution needs no era, and 2月30日 is an error, not 2月28日.
            // no parseDefaulting(HOUR_OF_DAY): it conflicts with 12-hour patterns (h, a); date-only is handled in dateTime
            formatters.add(new DateTimeFormatterBuilder()
                    .appendPattern(p.replace('y', 'u'))
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
        }
    }

    /**
     * Exports carry times to the minute or the day, so a file repeats the same few thousand texts:
     * each is parsed once. Bounded (emptied when full), so the heap does not grow with the file.
     */
    OffsetDateTime dateTime(String text) {
        return dateTime(text, false);
    }

    /** @param date1904 the row comes from a workbook in the 1904 date system (Excel for Mac's old default) */
    OffsetDateTime dateTime(String text, boolean date1904) {
        if (date1904 != parsedAs1904) {
            parsed.clear();
            parsedAs1904 = date1904;
        }
        Object cached = parsed.get(text);
        if (cached == null) {
            // a text no pattern reads is remembered too: trying every pattern again costs an exception each
            try {
                cached = parseDateTime(text, date1904);
            } catch (ConversionException e) {
                cached = e;
            }
            if (parsed.size() >= PARSED_LIMIT) {
                parsed.clear();
            }
            parsed.put(text, cached);
        }
        if (cached instanceof ConversionException e) {
            throw e;
        }
        return (OffsetDateTime) cached;
    }

    private OffsetDateTime parseDateTime(String text, boolean date1904) {
        OffsetDateTime parsed = parseAny(text, date1904);
        // before 1901 Shanghai kept local mean time (+08:05:43), an offset the standard cannot write; no record is that old,
        // such a date is a time-only cell in a date column or a number typed for a date (11.26 read as serial 11)
        if (parsed.getYear() < EARLIEST_YEAR) {
            throw new ConversionException(ErrorCodes.DATE_FORMAT,
                    "日期时间“" + text + "”读作" + parsed.toLocalDate() + "，早于" + EARLIEST_YEAR + "年，不是有效的记录时间（可能是只含时间的单元格，或误填的数字）");
        }
        return parsed;
    }

    private OffsetDateTime parseAny(String text, boolean date1904) {
        LocalDateTime iso = isoLocal(text);
        if (iso != null) {
            return iso.atZone(SHANGHAI).toOffsetDateTime();
        }
        LocalDateTime implausibleSerial = null;
        for (DateTimeFormatter f : formatters) {
            if (f == null) {
                LocalDateTime serial = excelSerial(text, date1904);
                // a number outside the window is no date serial (1126 or 11.26 typed for 11月26日): the next pattern may read it
                if (serial != null && !serial.toLocalDate().isBefore(EXCEL_SERIAL_EARLIEST) && !serial.toLocalDate().isAfter(serialLatest)) {
                    return serial.atZone(SHANGHAI).toOffsetDateTime();
                }
                implausibleSerial = serial;
                continue;
            }
            try {
                TemporalAccessor parsed = f.parse(text);
                LocalDate date = parsed.query(TemporalQueries.localDate());
                LocalTime time = parsed.query(TemporalQueries.localTime());
                // a date alone is midnight, but time fields that did not make a time (h without a) are an error
                if (date == null || (time == null && hasTimeField(parsed))) {
                    continue;
                }
                // a pattern with an offset (XXX) keeps it; a local wall-clock time is Shanghai time
                ZoneId zone = parsed.query(TemporalQueries.zone());
                return date.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(zone == null ? SHANGHAI : zone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                // try the next pattern
            }
        }
        if (implausibleSerial != null) {
            throw new ConversionException(ErrorCodes.DATE_FORMAT, "日期时间“" + text + "”是一个数字，不是日期：作为Excel日期序号它是"
                    + implausibleSerial.toLocalDate() + "，不在" + EXCEL_SERIAL_EARLIEST + "至" + serialLatest
                    + "之间（如把11月26日写成了1126）；应为以下格式之一：" + String.join("、", patterns));
        }
        throw new ConversionException(ErrorCodes.DATE_FORMAT,
                "日期时间“" + text + "”无法识别，应为以下格式之一：" + String.join("、", patterns));
    }

    private static boolean hasTimeField(TemporalAccessor parsed) {
        for (ChronoField c : TIME_FIELDS) {
            if (parsed.isSupported(c)) {
                return true;
            }
        }
        return false;
    }

    /** The ISO local date-time a spreadsheet reader writes for a date cell, or null. */
    static LocalDateTime isoLocal(String text) {
        if (text == null || text.length() != 19 || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return LocalDateTime.parse(text, ISO_LOCAL);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * An Excel serial day number (1900 system) with an optional fraction for the time of day, or null
     * if the text is not one. Day 60 (the fictional 1900-02-29) is not a date.
     */
    static LocalDateTime excelSerial(String text) {
        return excelSerial(text, false);
    }

    /**
     * An Excel serial day number with an optional fraction for the time of day, or null if the text is not one: in the
     * 1900 system (day 60, the fictional 1900-02-29, is not a date) or, for a workbook saved in the 1904 system, days
     * since 1904-01-01 — the same cell is 1,462 days later there.
     */
    static LocalDateTime excelSerial(String text, boolean date1904) {
        BigDecimal serial;
        try {
            serial = decimal(text);
        } catch (ConversionException e) {
            return null;
        }
        if (serial.compareTo(date1904 ? BigDecimal.ZERO : BigDecimal.ONE) < 0 || serial.compareTo(EXCEL_MAX_SERIAL) >= 0
                || !date1904 && serial.setScale(0, java.math.RoundingMode.FLOOR).compareTo(EXCEL_FICTIONAL_LEAP_DAY) == 0) {
            return null;
        }
        long days = serial.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(SECONDS_PER_DAY)
                .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        LocalDate date = date1904 ? EXCEL_1904_EPOCH.plusDays(days)
                : days < 60 ? EXCEL_EPOCH.plusDays(days + 1) : EXCEL_EPOCH.plusDays(days);
        return date.atStartOfDay().plusSeconds(seconds);
    }

    /**
     * A date cell and the time cell that goes with it, as one text for the date patterns:
     * {@code "<date> <time>"}. A part a spreadsheet rendered as ISO date-time contributes only its
     * date ({@code yyyy-MM-dd}) or its time ({@code HH:mm:ss}); when both are ISO the result is ISO.
     */
    static String withTime(String date, String time) {
        if (time == null || time.isEmpty()) {
            return date;
        }
        LocalDateTime d = isoLocal(date);
        LocalDateTime t = isoLocal(time);
        if (d != null && t != null) {
            return ISO_LOCAL.format(d.toLocalDate().atTime(t.toLocalTime()));
        }
        return (d != null ? d.toLocalDate().toString() : date) + " " + (t != null ? TIME.format(t.toLocalTime()) : time);
    }

    LocalDate date(String text) {
        return dateTime(text).toLocalDate();
    }

    LocalDate date(String text, boolean date1904) {
        return dateTime(text, date1904).toLocalDate();
    }

    /**
     * A text field's value as the standard can carry it: at most {@code maxLength} characters (the
     * XSD's Code or Text type), and only characters XML 1.0 allows. A control character (U+0000–U+001F
     * but tab, line feed and carriage return) is invisible in the clerk's spreadsheet and would make the
     * event's document unreadable, so the row is refused with the character and its position.
     */
    static String text(String text, int maxLength) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StandardXml.isXmlChar(c)) {
                throw new ConversionException(ErrorCodes.VALUE_CONTROL_CHARACTER, String.format(Locale.ROOT,
                        "含有不可见的控制字符U+%04X（第%d个字符），无法写入标准文档；请在源系统中删除该字符后重新发送", c, i + 1));
            }
            i += Character.charCount(c);
        }
        // Java characters, as the store's columns count them (a rare supplementary character counts twice)
        if (maxLength > 0 && text.length() > maxLength) {
            throw new ConversionException(ErrorCodes.VALUE_TOO_LONG,
                    "取值有" + text.length() + "个字符，超过本标准允许的" + maxLength + "个字符");
        }
        return text;
    }

    /**
     * A number as exports write it: thousands separated by commas in groups of three ({@code 1,234.50}, also the
     * full-width {@code ，}). Any other comma is refused: {@code 12,5} is a decimal comma or two numbers run together,
     * and reading it as 125 would load ten times the weight. So is a number no record has ({@code 1E999999999}), whose
     * digits alone would exhaust the memory; a zero written so ({@code 0E-999999999}) is a plain 0.
     */
    static BigDecimal decimal(String text) {
        String t = text.indexOf('，') >= 0 ? text.replace('，', ',') : text;
        if (t.indexOf(',') >= 0) {
            if (!GROUPED.matcher(t).matches()) {
                throw new ConversionException(ErrorCodes.NUMBER_FORMAT,
                        "“" + text + "”不是有效的数字：逗号只能作千位分隔（如1,234.5），小数点请用“.”");
            }
            t = t.replace(",", "");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new ConversionException(ErrorCodes.NUMBER_FORMAT, "“" + text + "”不是有效的数字");
        }
        if (value.signum() == 0) {
            // a zero's exponent is unbounded (0E-999999999): kept, the standard document would write it as a billion zeros
            return value.scale() >= 0 && value.scale() <= MAX_SCALE ? value : BigDecimal.ZERO;
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_SCALE) {
            throw new ConversionException(ErrorCodes.NUMBER_FORMAT, "“" + text + "”超出可处理的数值范围");
        }
        return value;
    }

    static BigInteger integer(String text) {
        BigDecimal d = decimal(text);
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new ConversionException(ErrorCodes.NUMBER_FORMAT, "“" + text + "”应为整数");
        }
    }

    /**
     * The parts between literal separators, stripped, empty ones dropped. A part ends at any of {@code separators}
     * (the longest where several start at one place), so a spec that lists the separators its clerks use
     * ({@code [";", "、", ","]}) reads {@code TZ001、TZ002} as two lots. No separator keeps the text whole.
     */
    static List<String> split(String text, List<String> separators) {
        if (separators.isEmpty()) {
            return List.of(text);
        }
        List<String> result = new ArrayList<>(4);
        int from = 0;
        int at = 0;
        while (at < text.length()) {
            int length = separatorAt(text, at, separators);
            if (length > 0) {
                addStripped(result, text.substring(from, at));
                at += length;
                from = at;
            } else {
                at++;
            }
        }
        addStripped(result, text.substring(from));
        return Collections.unmodifiableList(result);
    }

    /** The length of the longest separator starting at {@code at}, or 0. */
    private static int separatorAt(String text, int at, List<String> separators) {
        int longest = 0;
        for (int i = 0; i < separators.size(); i++) {
            String separator = separators.get(i);
            if (separator.length() > longest && text.startsWith(separator, at)) {
                longest = separator.length();
            }
        }
        return longest;
    }

    /** A part that is empty or says "none" ({@code XJV001;/}) is dropped, as an empty cell is ({@link EmptyCells}). */
    private static void addStripped(List<String> parts, String part) {
        String p = EmptyCells.blankIfPlaceholder(part.strip());
        if (p != null && !p.isEmpty()) {
            parts.add(p);
        }
    }

    static final class ConversionException extends RuntimeException {
        private final String code;
        private final String column;
        private final String value;

        ConversionException(String code, String message) {
            this(code, message, null, null);
        }

        /**
         * A problem found in another cell than the field's own (the unit column of a quantity):
         * the row error names that column and its value.
         */
        ConversionException(String code, String message, String column, String value) {
            super(message, null, false, false);
            this.code = code;
            this.column = column;
            this.value = value;
        }

        String code() {
            return code;
        }

        /** The column at fault when it is not the field's own, else null. */
        String column() {
            return column;
        }

        /** That column's value as read (only with {@link #column()}). */
        String value() {
            return value;
        }
    }
}
