package org.tracehub.mappings.read;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;

/**
 * Renders a workbook cell as the text the engine maps, the same for XLS and XLSX: text as typed;
 * numbers as plain decimals (no exponent, no grouping, no trailing {@code .0}, at most the 15
 * significant digits Excel shows); date-formatted numbers as ISO local date-time
 * {@code yyyy-MM-dd'T'HH:mm:ss}; formulas by their cached result; booleans as TRUE/FALSE; errors as
 * Excel shows them ({@code #N/A}).
 */
final class SpreadsheetCells {

    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private SpreadsheetCells() {
    }

    /** A row of POI's usermodel (the XLS reader's) as a sheet row: its cells by column index. */
    static SheetRow row(Row row, boolean date1904) {
        int width = Math.max(row.getLastCellNum(), 0);
        List<String> cells = new ArrayList<>(Collections.nCopies(width, (String) null));
        CellFlaws flaws = null;
        for (Cell cell : row) {
            int i = cell.getColumnIndex();
            while (cells.size() <= i) {
                cells.add(null);
            }
            cells.set(i, text(cell, date1904));
            if (numeric(cell) && digitsLost(cell.getNumericCellValue(), numberStyle(cell.getCellStyle()))) {
                flaws = CellFlaws.with(flaws, i, CellFlaw.DIGITS_LOST);
            }
        }
        // a row hidden by hand or by an AutoFilter has zero height in BIFF8 (HSSFRow.getZeroHeight)
        return new SheetRow(row.getRowNum() + 1L, cells, flaws, row.getZeroHeight());
    }

    private static boolean numeric(Cell cell) {
        CellType type = cell.getCellType();
        return type == CellType.NUMERIC || type == CellType.FORMULA && cell.getCachedFormulaResultType() == CellType.NUMERIC;
    }

    /**
     * Whether a number cell holds a number whose digits cannot be trusted: 10^15 or more, so 16 digits or more before
     * the point. Excel keeps 15 significant digits and replaces the rest of what was typed with zeros, and a double
     * holds no more than 15–17: the number is no record's quantity, it is a code (a credit code, an equipment
     * registration code, a declaration number) that lost its last digits — a row must not be accepted with it.
     */
    static boolean digitsLost(double value, NumberStyle style) {
        return style != NumberStyle.DATE && Math.abs(style == NumberStyle.PERCENT ? value * 100 : value) >= 1e15;
    }

    static String text(Cell cell, boolean date1904) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> number(cell.getNumericCellValue(), cell.getCellStyle(), date1904);
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> error(cell);
            default -> null;
        };
    }

    /** How a number cell's style shows it, as far as its value is concerned. */
    static final class NumberStyle {
        static final NumberStyle PLAIN = new NumberStyle(0);
        /** a date or time: the value is a serial day */
        static final NumberStyle DATE = new NumberStyle(0);
        /** a percentage: the value is the fraction, 0.65 shown as 65% */
        static final NumberStyle PERCENT = new NumberStyle(0);

        /** For {@link #zeroPadded}: the digits a whole number is shown with, leading zeros added; else 0. */
        final int width;

        private NumberStyle(int width) {
            this.width = width;
        }

        /**
         * A format of zeros ({@code 000000}, Chinese Excel's 特殊 → 邮政编码): a whole number is shown with leading zeros
         * to that many digits, so 10101 is the 010101 the clerk typed and sees.
         */
        static NumberStyle zeroPadded(int width) {
            return new NumberStyle(width);
        }
    }

    static String number(double value, CellStyle style, boolean date1904) {
        return number(value, numberStyle(style), date1904);
    }

    /**
     * A number cell whose style the caller already knows (the XLSX reader asks once per style): a date as ISO text, a
     * percentage as the number the clerk sees (65 for a cell showing 65%, not its stored 0.65: a 抑制率(%) column means
     * 65), a whole number of a format of zeros with the leading zeros the clerk sees (010101 for 10101 in
     * {@code 000000}: a postcode-style code would otherwise lose its first digit), anything else as the number stored.
     */
    static String number(double value, NumberStyle style, boolean date1904) {
        if (style == NumberStyle.DATE && DateUtil.isValidExcelDate(value)) {
            LocalDateTime dateTime = DateUtil.getLocalDateTime(value, date1904, true);
            if (dateTime != null) {
                return ISO.format(dateTime);
            }
        }
        if (style.width > 0 && value >= 0 && value == Math.rint(value) && value < 1e15) {
            String digits = plain(value);
            return digits.length() >= style.width ? digits : "0".repeat(style.width - digits.length()) + digits;
        }
        return plain(style == NumberStyle.PERCENT ? value * 100 : value);
    }

    static NumberStyle numberStyle(CellStyle style) {
        return style == null ? NumberStyle.PLAIN : numberStyle(style.getDataFormat(), style::getDataFormatString);
    }

    /**
     * How a style of this number format id shows numbers; its format string is asked for only when the id alone does
     * not tell (as POI's CellStyle gives them: a custom format before a built-in one, null for neither).
     */
    static NumberStyle numberStyle(short dataFormat, Supplier<String> formatString) {
        int id = Short.toUnsignedInt(dataFormat);
        if (isChineseDate(id)) {
            return NumberStyle.DATE;
        }
        String format = formatString.get();
        if (format != null && DateUtil.isADateFormat(id, format)) {
            return NumberStyle.DATE;
        }
        if (isPercentFormat(format)) {
            return NumberStyle.PERCENT;
        }
        int zeros = zeroPaddedWidth(format);
        return zeros > 1 ? NumberStyle.zeroPadded(zeros) : NumberStyle.PLAIN;
    }

    /**
     * The number of zeros of a format made only of zeros and literal text ({@code 000000}, {@code "No."000000},
     * {@code 0000\-00}), or 0 for any other format. The literal text is the format's, not the value's: it is left out
     * ({@code 0"斤"} shows 12斤 of the number 12), only the zeros say how many digits the clerk sees.
     */
    static int zeroPaddedWidth(String format) {
        if (format == null) {
            return 0;
        }
        int zeros = 0;
        boolean quoted = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '\\') {
                i++;
            } else if (c == '0') {
                zeros++;
            } else {
                return 0;
            }
        }
        return quoted ? 0 : zeros;
    }

    /** A % outside quotes and escapes, as Excel's percent formats ({@code 0%}, {@code 0.00%}) have it. */
    static boolean isPercentFormat(String format) {
        if (format == null) {
            return false;
        }
        boolean quoted = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\\') {
                i++;
            } else if (!quoted && c == '%') {
                return true;
            }
        }
        return false;
    }

    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal d = new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /**
     * Date formats by the style's number format: POI's test (built-in date ids, and custom formats made of date
     * letters, in {@link #numberStyle(short, Supplier)}), plus the ids 27–36 and 50–58 that Chinese Excel uses for its
     * built-in date and time formats (年月日, 时分秒) without writing a format string into the file.
     */
    private static boolean isChineseDate(int id) {
        return (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
    }

    private static String error(Cell cell) {
        try {
            return FormulaError.forInt(cell.getErrorCellValue()).getString();
        } catch (RuntimeException e) {
            // the streaming reader keeps a formula's cached error only as text ("ERROR:  #DIV/0!")
            try {
                String text = cell.getStringCellValue();
                int hash = text == null ? -1 : text.indexOf('#');
                return hash >= 0 ? text.substring(hash).strip() : "#ERROR";
            } catch (RuntimeException notText) {
                return "#ERROR";
            }
        }
    }
}
