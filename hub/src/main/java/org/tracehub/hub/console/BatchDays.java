package org.tracehub.hub.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The days a batch list may be filtered by ({@code from}, {@code to}: {@code yyyy-MM-dd}), one rule for the API and the
 * console. ISO dates run from year -999999999 to +999999999; a filter outside years 2000 to 9999 could never match a
 * batch, and at its ends turned into a 500 ({@code to=+999999999-12-31}: the day after it does not exist) or a time
 * the database cannot take. Both H2 and PostgreSQL store every time of these years.
 */
public final class BatchDays {

    public static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    /** A day that cannot be a filter, with the Chinese reason the answer gives. */
    public static final class BadDay extends IllegalArgumentException {

        BadDay(String message) {
            super(message);
        }
    }

    private BatchDays() {
    }

    /** The day, or null for none given. */
    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadDay("日期格式应为 yyyy-MM-dd：" + text);
        }
        if (day.isBefore(FIRST) || day.isAfter(LAST)) {
            throw new BadDay("日期超出范围：" + text + "（应在 " + FIRST + " 至 " + LAST + " 之间）");
        }
        return day;
    }
}
