package org.tracehub.mappings.spec;

/**
 * A row to leave out without an error: a totals row (合计), a sub-title. Either a column compared
 * with a value (after normalisation), or an expression over the row.
 */
public record SkipRule(String column, String equals, String startsWith, String when) {
}
