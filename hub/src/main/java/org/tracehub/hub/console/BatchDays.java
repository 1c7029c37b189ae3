package org.tracehub.hub.console;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The days a batch list may be filtered by ({@code from}, {@code to}: {@code yyyy-MM-dd}, or a time of the day,
 * {@code yyyy-MM-ddTHH:mm}, in the hub's zone), one rule for the API and the console. ISO dates run from year
 * -999999999 to +999999999; a filter outside years 2000 to 9999 could never match a
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

    /**
     * A bound of the list's period: a whole day, or a time of it when {@code time} is not null. A time is what the
     * dashboard's counts link with: last night (18:00 to 08:00) is no run of whole days.
     */
    public record Bound(LocalDate day, LocalTime time) {

        public static Bound of(LocalDate day) {
            return new Bound(day, null);
        }

        public static Bound of(LocalDateTime time) {
            return new Bound(time.toLocalDate(), time.toLocalTime());
        }

        /** As {@code from}: the day's start, or the time itself (included). */
        public LocalDateTime start() {
            return day.atTime(time == null ? LocalTime.MIDNIGHT : time);
        }

        /** As {@code to}: a day is included, so the next day's start (null after {@link BatchDays#LAST}); a time is excluded. */
        public LocalDateTime end() {
            if (time != null) {
                return day.atTime(time);
            }
            return day.isBefore(LAST) ? day.plusDays(1).atStartOfDay() : null;
        }

        /** The text the filter reads back: {@code yyyy-MM-dd} or {@code yyyy-MM-ddTHH:mm}. */
        @Override
        public String toString() {
            return time == null ? day.toString() : day + "T" + time;
        }
    }

    private BatchDays() {
    }

    /** The day or time, or null for none given. */
    public static Bound parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        Bound bound;
        try {
            bound = trimmed.indexOf('T') < 0 ? Bound.of(LocalDate.parse(trimmed)) : Bound.of(LocalDateTime.parse(trimmed));
        } catch (DateTimeParseException e) {
            throw new BadDay("日期格式应为 yyyy-MM-dd（或带时间 yyyy-MM-ddTHH:mm）：" + text);
        }
        if (bound.day().isBefore(FIRST) || bound.day().isAfter(LAST)) {
            throw new BadDay("日期超出范围：" + text + "（应在 " + FIRST + " 至 " + LAST + " 之间）");
        }
        return bound;
    }
}
