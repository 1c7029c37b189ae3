package org.tracehub.schemas.xml;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * xs:dateTime as OffsetDateTime; the standard requires an explicit offset (+08:00). xs:dateTime writes the end of a
 * day as {@code 24:00:00}, which java.time does not parse: it is read as the next day's {@code 00:00:00}, the same
 * instant.
 */
public final class OffsetDateTimeAdapter extends XmlAdapter<String, OffsetDateTime> {

    private static final String END_OF_DAY = "T24:00:00";

    @Override
    public OffsetDateTime unmarshal(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            int endOfDay = text.indexOf(END_OF_DAY);
            if (endOfDay > 0) {
                return OffsetDateTime.parse(nextDaysMidnight(text, endOfDay), DateTimeFormatter.ISO_OFFSET_DATE_TIME).plusDays(1);
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            throw new ValueNotReadableException("“" + text + "”不是有效的日期时间（xs:dateTime，应为yyyy-MM-ddTHH:mm:ss并带时区偏移，如+08:00）", e);
        }
    }

    /** {@code …T24:00:00[.000]+08:00} as {@code …T00:00:00+08:00} of the same date; any other 24 o'clock stays invalid. */
    private static String nextDaysMidnight(String text, int at) {
        int rest = at + END_OF_DAY.length();
        if (rest < text.length() && text.charAt(rest) == '.') {
            rest++;
            while (rest < text.length() && text.charAt(rest) == '0') {
                rest++;
            }
        }
        return text.substring(0, at) + "T00:00:00" + text.substring(rest);
    }

    @Override
    public String marshal(OffsetDateTime value) {
        return value == null ? null : value.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
