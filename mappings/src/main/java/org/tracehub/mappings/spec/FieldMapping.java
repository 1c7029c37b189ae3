package org.tracehub.mappings.spec;

import java.util.List;
import org.tracehub.schemas.event.StandardField;

/**
 * Where one standard field's value comes from and how it is transformed.
 *
 * @param field        the standard field it fills
 * @param column       a header name, or null
 * @param index        a 1-based column position, or 0
 * @param constant     a fixed value, or null
 * @param datePatterns date/time patterns tried in order (DATE_TIME and DATE fields)
 * @param unit         the legacy unit of a QUANTITY (斤, 公斤 …), or null
 * @param unitColumn   a column holding the unit, or null
 * @param lookup       the name of a lookup table, or null
 * @param split        a separator that splits the value into a list, or null
 * @param line         the spec line that declared it, for error messages
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
        String split,
        int line) {

    /** A name for the source of the value that a clerk recognises: the column name, or 第N列. */
    public String columnLabel() {
        if (column != null) {
            return column;
        }
        if (index > 0) {
            return "第" + index + "列";
        }
        return null;
    }
}
