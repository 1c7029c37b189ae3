package org.tracehub.mappings.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tracehub.mappings.expr.SandboxedExpression;
import org.tracehub.mappings.read.CellFlaw;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.mappings.spec.LookupTables;
import org.tracehub.schemas.event.FieldAccessor;
import org.tracehub.schemas.event.FieldKind;
import org.tracehub.schemas.event.StandardFields;
import org.tracehub.schemas.unit.LegacyUnit;

/**
 * One field mapping resolved once per spec and file, so that converting a row does no look-up,
 * parsing or compiling: the standard field's accessor, the date formatters, the lookup table, the
 * parsed expression and the fixed unit are all ready.
 */
final class FieldPlan {

    final FieldMapping mapping;
    final String path;
    final FieldAccessor accessor;
    final ValueConverter converter;
    /** The lookup table, or null. */
    final Map<String, String> lookup;
    /**
     * The lookup table by its keys in upper case, for a cell the table does not hold as typed ({@code lpg} for
     * {@code LPG}); keys that differ only in case and mean different things are left out. Null without a lookup.
     */
    private final Map<String, String> lookupIgnoringCase;
    /** A credit code field ({@code *.uscc}): GB 32100 has no lower-case letters, so one typed in lower case is upper-cased. */
    final boolean uscc;
    /** The parsed expression, or null. */
    final SandboxedExpression expression;
    /** The unit a spec fixes ({@code unit: 斤}) as parsed once, or null when the unit comes from a column. */
    final Optional<LegacyUnit> fixedUnit;
    private final ColumnRef source;
    /** The unit column, or null. */
    final ColumnRef unitColumn;
    /** The time column, or null. */
    final ColumnRef timeColumn;
    /** The field holds codes and text (not numbers or dates), so a cell in scientific notation lost its digits. */
    private final boolean codeField;
    /** The columns the expression reads ({@code ['列名']}), empty without one. */
    private final List<ColumnRef> expressionColumns;

    /**
     * @param today   the conversion's day, which bounds the Excel serial numbers read as dates
     * @param namesOf every name of a column the spec names ({@link org.tracehub.mappings.spec.FileSpec#namesOf})
     */
    FieldPlan(FieldMapping mapping, Map<String, Map<String, String>> lookups, LocalDate today, Function<String, List<String>> namesOf) {
        this.mapping = mapping;
        this.path = mapping.field().path();
        this.accessor = StandardFields.accessor(path);
        this.converter = new ValueConverter(mapping.datePatterns(), today);
        Map<String, String> table = mapping.lookup() == null ? null : lookups.get(mapping.lookup());
        this.lookup = table != null && mapping.field().kind() == FieldKind.CODE_LIST ? LookupTables.codeNames(table, mapping.field().enumType()) : table;
        this.lookupIgnoringCase = lookup == null ? null : LookupTables.ignoringCase(lookup);
        this.uscc = path.endsWith(".uscc");
        this.expression = mapping.expr() == null ? null : SandboxedExpression.parse(mapping.expr());
        this.fixedUnit = mapping.unit() == null ? null : LegacyUnit.parse(mapping.unit());
        this.source = mapping.sourceColumn() == null ? null : new ColumnRef(namesOf.apply(mapping.sourceColumn()));
        this.unitColumn = mapping.unitColumn() == null ? null : new ColumnRef(namesOf.apply(mapping.unitColumn()));
        this.timeColumn = mapping.timeColumn() == null ? null : new ColumnRef(namesOf.apply(mapping.timeColumn()));
        this.codeField = mapping.field().kind() == FieldKind.TEXT || mapping.field().kind() == FieldKind.LIST;
        this.expressionColumns = expression == null ? List.of() : expression.referencedColumns().stream().map(c -> new ColumnRef(namesOf.apply(c))).toList();
    }

    /**
     * What the clerk recognises as the source of the value (column name, XML path, 第N列), or null: a column by the name
     * the file being read gives it, so an error in a file of the old layout names the old column.
     */
    String columnLabel() {
        return source != null ? source.name() : mapping.columnLabel();
    }

    /** The standard value of a cell in the lookup table: as typed, else ignoring case; null when the table lacks it. */
    String lookUp(String text) {
        return LookupTables.lookUp(lookup, lookupIgnoringCase, text);
    }

    /**
     * The flaw of the cell the mapping reads ({@link CellFlaw}), or null when it reads none or a sound one. A code field
     * (text or list: certificates, trace codes, credit codes) also refuses a cell in scientific notation, which a decimal
     * field reads as the number it is.
     */
    CellFlaw flaw(RawRecord record) {
        if (mapping.constant() != null) {
            return null;
        }
        CellFlaw flaw;
        if (source != null) {
            flaw = source.flaw(record);
        } else if (mapping.index() > 0) {
            flaw = record.flawOf(mapping.index());
        } else {
            return null;
        }
        return flaw == null && codeField && CellFlaw.isScientificNotation(rawCell(record)) ? CellFlaw.SCIENTIFIC_NOTATION : flaw;
    }

    /** The first column the expression reads whose cell has a flaw, or null. */
    ColumnRef expressionColumnWithFlaw(RawRecord record) {
        for (ColumnRef column : expressionColumns) {
            if (column.flaw(record) != null) {
                return column;
            }
        }
        return null;
    }

    /** The cell the mapping reads, exactly as in the file: constant, column or path, or position; null for an expression alone. */
    String rawCell(RawRecord record) {
        if (mapping.constant() != null) {
            return mapping.constant();
        }
        if (source != null) {
            return source.cell(record);
        }
        return mapping.index() > 0 ? record.at(mapping.index()) : null;
    }
}
