package org.tracehub.schemas.xml;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * xs:date as LocalDate. xs:date may carry a zone ({@code 2027-04-18+08:00}, {@code 2027-04-18Z}), which the XSD
 * accepts; the date it names is kept and the zone dropped, since a date of the standard (an inspection due, a
 * production day) is a calendar day, not an instant.
 */
public final class LocalDateAdapter extends XmlAdapter<String, LocalDate> {

    @Override
    public LocalDate unmarshal(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_DATE);
        } catch (DateTimeException e) {
            throw new ValueNotReadableException("“" + text + "”不是有效的日期（xs:date，应为yyyy-MM-dd，可带时区）", e);
        }
    }

    @Override
    public String marshal(LocalDate value) {
        return value == null ? null : value.toString();
    }
}
