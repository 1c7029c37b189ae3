package org.tracehub.mappings.read;

import java.util.Locale;
import java.util.Set;

/**
 * Why a spreadsheet cell's value as read is not what the clerk sees in the workbook, so that no field may take it.
 */
public enum CellFlaw {
    /**
     * A number cell holding 10^15 or more: a spreadsheet keeps 15 significant digits, so the digits past the 15th of
     * what was typed (an 18-digit credit code) were replaced by zeros.
     */
    DIGITS_LOST,
    /**
     * A formula cell saved without its result: written by a program that does not calculate (Excel shows the result
     * once it recalculates; the file holds none), read as empty.
     */
    FORMULA_NOT_CALCULATED,
    /**
     * A formula's error ({@code #N/A} of a lookup that found nothing, {@code #REF!}, {@code #VALUE!}): in a workbook an
     * error cell, in a CSV saved from one the error's text. It is no value of the record, yet as text it would pass as
     * a certificate number or a trace code.
     */
    FORMULA_ERROR,
    /**
     * An XML path without {@code split} that matches several elements of one record with different values: which one
     * the record means cannot be told, and taking the first would mix one element's values with another's.
     */
    REPEATED_ELEMENT,
    /**
     * Text in scientific notation ({@code 3.10013E+14}) where a code belongs: a spreadsheet showed a long number typed
     * into a General cell that way and a CSV saved from it wrote what was shown, so the digits past the sixth are gone.
     * Only the engine knows whether the field is a code (a decimal field may hold {@code 1.2E+05}): it marks this flaw,
     * no reader does ({@link #isScientificNotation}).
     */
    SCIENTIFIC_NOTATION;

    /** The error values Excel and WPS show in a cell (upper case): a cell of exactly one of them is a formula's error. */
    private static final Set<String> ERRORS = Set.of("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
            "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#ERROR");

    /**
     * Whether a cell is a number in the scientific notation spreadsheets show long numbers in: one digit, optional
     * decimals, {@code E} (or {@code e}), an optional sign and the exponent ({@code 3.10013E+14}, {@code 1E+15}) —
     * {@code ^[+-]?\d(\.\d+)?E[+-]?\d+$} around surrounding whitespace, without a regex on every cell.
     */
    public static boolean isScientificNotation(String cell) {
        if (cell == null || cell.length() < 3 || (cell.indexOf('E') < 0 && cell.indexOf('e') < 0)) {
            return false;
        }
        String t = cell.strip();
        int i = t.isEmpty() || (t.charAt(0) != '+' && t.charAt(0) != '-') ? 0 : 1;
        if (i >= t.length() || !isDigit(t.charAt(i++))) {
            return false;
        }
        if (i < t.length() && t.charAt(i) == '.') {
            int decimals = ++i;
            while (i < t.length() && isDigit(t.charAt(i))) {
                i++;
            }
            if (i == decimals) {
                return false;
            }
        }
        if (i >= t.length() || (t.charAt(i) != 'E' && t.charAt(i) != 'e')) {
            return false;
        }
        i++;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int exponent = i;
        while (i < t.length() && isDigit(t.charAt(i))) {
            i++;
        }
        return i == t.length() && i > exponent;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The flaw of a cell as read: {@code flaw} when a reader marked one, else {@link #FORMULA_ERROR} for an error's text. */
    public static CellFlaw of(CellFlaw marked, String cell) {
        if (marked != null) {
            return marked;
        }
        if (cell == null || cell.length() < 4 || cell.length() > 16) {
            return null;
        }
        String text = cell.strip();
        return !text.isEmpty() && text.charAt(0) == '#' && ERRORS.contains(text.toUpperCase(Locale.ROOT)) ? FORMULA_ERROR : null;
    }
}
