package org.tracehub.mappings.spec;

import java.util.ArrayList;
import java.util.List;
import org.tracehub.schemas.event.StandardField;

/**
 * Where one standard field's value comes from and how it is transformed.
 *
 * @param field        the standard field it fills
 * @param column       a header name, or null
 * @param index        a 1-based column position, or 0
 * @param constant     a fixed value, or null
 * @param datePatterns date/time patterns tried in order (DATE_TIME and DATE fields); {@code excel-serial}
 *                     stands for an Excel serial day number
 * @param unit         the legacy unit of a QUANTITY (斤, 公斤 …), or null
 * @param unitColumn   a column (XML: a path) holding the unit, or null
 * @param lookup       the name of a lookup table, or null
 * @param split        the separators that split the value into a list (any of them ends a part), empty for none
 * @param line         the spec line that declared it, for error messages
 * @param path         XML only: the path of the value relative to the record element, or null
 * @param timeColumn   a column (XML: a path) holding the time of day that goes with a date column, or null
 * @param defaultValue the value used when the cell is empty, or null
 * @param expr         a sandboxed SpEL expression computing the value, or null
 * @param required     whether a row whose cell, or computed value, is empty is rejected naming the column: for a field
 *                     the standard leaves optional that a source must fill (an expression over an empty cell would
 *                     otherwise store what it makes of nothing, such as a bare code prefix)
 * @param alternatives other names of {@code column} in another layout of the same file ({@code column: [凭证编号, 交易凭证号]}
 *                     gives 交易凭证号), in spec order; empty for none. A file's header holds one of the names: which one is
 *                     found once per file
 */
public record FieldMapping(
        StandardField field,
        String column,
        int index,
        String constant,
        List<String> datePatterns,
        String unit,
        String unitColumn,
        String lookup,
        List<String> split,
        int line,
        String path,
        String timeColumn,
        String defaultValue,
        String expr,
        boolean required,
        List<String> alternatives) {

    /** The pattern name for Excel serial day numbers (1900 date system). */
    public static final String EXCEL_SERIAL = "excel-serial";

    public FieldMapping {
        datePatterns = List.copyOf(datePatterns);
        split = split == null ? List.of() : List.copyOf(split);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** A mapping whose column has no other name. */
    public FieldMapping(StandardField field, String column, int index, String constant, List<String> datePatterns,
            String unit, String unitColumn, String lookup, List<String> split, int line, String path, String timeColumn,
            String defaultValue, String expr, boolean required) {
        this(field, column, index, constant, datePatterns, unit, unitColumn, lookup, split, line, path, timeColumn, defaultValue,
                expr, required, List.of());
    }

    /** A mapping without the XML path, time column, default or expression, not required. */
    public FieldMapping(StandardField field, String column, int index, String constant, List<String> datePatterns,
            String unit, String unitColumn, String lookup, List<String> split, int line) {
        this(field, column, index, constant, datePatterns, unit, unitColumn, lookup, split, line, null, null, null, null, false,
                List.of());
    }

    /** The header name (CSV, spreadsheets) or path (XML) the value is read from, or null. */
    public String sourceColumn() {
        return column != null ? column : path;
    }

    /** Every name of the column, {@code column} first, then its alternatives; empty when the value comes from no column. */
    public List<String> columnNames() {
        if (column == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(1 + alternatives.size());
        names.add(column);
        names.addAll(alternatives);
        return List.copyOf(names);
    }

    /** A name for the source of the value that a clerk recognises: the column name or XML path, or 第N列. */
    public String columnLabel() {
        if (column != null) {
            return column;
        }
        if (path != null) {
            return path;
        }
        if (index > 0) {
            return "第" + index + "列";
        }
        return null;
    }
}
