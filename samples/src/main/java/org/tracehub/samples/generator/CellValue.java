package org.tracehub.samples.generator;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * One generated cell. Text formats (CSV, XML) write {@link #text()}; spreadsheets write a real
 * number or date cell when the kind says so, with {@link #format()} as its number format, the way
 * the source's own workbook holds it.
 *
 * @param kind   what the spreadsheet cell is
 * @param text   the cell as a text export shows it
 * @param number the value of a NUMBER cell
 * @param time   the value of a DATE_TIME or DATE cell
 * @param format the spreadsheet number format, or null for General
 */
public record CellValue(Kind kind, String text, BigDecimal number, LocalDateTime time, String format) {

    public enum Kind { TEXT, NUMBER, DATE_TIME, EMPTY }

    /** Excel's format for 1,234.50. */
    public static final String GROUPED = "#,##0.00";

    private static final CellValue EMPTY = new CellValue(Kind.EMPTY, "", null, null, null);

    public static CellValue text(String text) {
        return text == null || text.isEmpty() ? EMPTY : new CellValue(Kind.TEXT, text, null, null, null);
    }

    public static CellValue number(BigDecimal value) {
        return new CellValue(Kind.NUMBER, value.toPlainString(), value, null, null);
    }

    public static CellValue number(long value) {
        return number(BigDecimal.valueOf(value));
    }

    /** A number whose text form carries thousands separators (1,200.5), shown #,##0.00 in a workbook. */
    public static CellValue grouped(BigDecimal value) {
        String text = String.format(Locale.ROOT, "%,." + Math.max(0, value.scale()) + "f", value);
        return new CellValue(Kind.NUMBER, text, value, null, GROUPED);
    }

    /** A date or date-time: {@code text} for text formats, a date cell in {@code format} in workbooks. */
    public static CellValue dateTime(LocalDateTime time, String text, String format) {
        return new CellValue(Kind.DATE_TIME, text, null, time, format);
    }

    public static CellValue empty() {
        return EMPTY;
    }
}
