package org.tracehub.mappings.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracehub.mappings.expr.SandboxedExpression;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.TextNormalizer;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SkipRule;
import org.tracehub.schemas.event.EventIds;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.event.StandardFields;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.unit.LegacyUnit;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.Severity;

/**
 * Turns one raw row into a standard trace event as a spec says, then applies the standard's rules.
 * Every problem of a row is collected (mapping and rules alike) so that the clerk fixes them all
 * at once. Framework-free: the same engine serves the batch job, the CLI and the tests.
 */
public final class MappingEngine {

    private final MappingSpec spec;
    private final FileSpec file;
    private final EventRules rules;
    private final Map<String, ValueConverter> converters = new HashMap<>();
    private final Map<String, String> columnOfField = new HashMap<>();
    private final Map<String, SandboxedExpression> fieldExpressions = new HashMap<>();
    private final List<SandboxedExpression> skipExpressions = new ArrayList<>();

    public MappingEngine(MappingSpec spec, FileSpec file, EventRules rules) {
        this.spec = spec;
        this.file = file;
        this.rules = rules;
        for (FieldMapping m : file.fields()) {
            converters.put(m.field().path(), new ValueConverter(m.datePatterns()));
            String label = m.columnLabel();
            if (label != null) {
                columnOfField.put(m.field().path(), label);
            }
            if (m.expr() != null) {
                fieldExpressions.put(m.field().path(), SandboxedExpression.parse(m.expr()));
            }
        }
        for (SkipRule rule : file.skip()) {
            if (rule.when() != null) {
                skipExpressions.add(SandboxedExpression.parse(rule.when()));
            }
        }
    }

    /**
     * Fails the file when a column the spec reads is not in the header, naming every missing one:
     * field, unit and time columns, the natural key, skip-rule columns and the columns expressions
     * read. (For XML the header is the set of paths the spec reads, so this always passes: a record
     * without an element has an empty cell instead.)
     */
    public void checkHeader(List<String> header) {
        Set<String> needed = new LinkedHashSet<>(file.columnsRead());
        List<String> missing = needed.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING,
                    "表头（第" + file.headerRow() + "行）缺少列：" + String.join("、", missing) + "；实际表头为：" + String.join("、", header),
                    file.headerRow());
        }
    }

    public ConvertedRow convert(RawRecord record, ConversionContext context) {
        if (record.isBlank()) {
            return new ConvertedRow.Skipped(record.row(), "空行");
        }
        String skipReason;
        try {
            skipReason = skipReason(record);
        } catch (ValueConverter.ConversionException e) {
            // one odd row must not stop the file: the row is refused, and the message names the rule
            return new ConvertedRow.Rejected(record.row(), List.of(new RowError(record.row(), null, null, Severity.ERROR,
                    e.code(), e.getMessage(), null)), cellsOf(record));
        }
        if (skipReason != null) {
            return new ConvertedRow.Skipped(record.row(), skipReason);
        }
        List<RowError> problems = new ArrayList<>();
        TraceEvent event = new TraceEvent();
        event.setCategory(spec.category());
        event.setStep(file.step());
        applyOperatorDefaults(event);
        Map<String, String> row = null;
        for (FieldMapping m : file.fields()) {
            String raw = rawCell(record, m);
            String text = TextNormalizer.normalize(raw);
            if ((text == null || text.isEmpty()) && m.defaultValue() != null) {
                text = TextNormalizer.normalize(m.defaultValue());
            }
            SandboxedExpression expression = fieldExpressions.get(m.field().path());
            if (expression != null) {
                row = row == null ? rowMap(record) : row;
                try {
                    Object result = expression.evaluate(row, text == null || text.isEmpty() ? null : text);
                    text = result == null ? null : TextNormalizer.normalize(String.valueOf(result));
                } catch (RuntimeException e) {
                    problems.add(new RowError(record.row(), m.columnLabel(), m.field().path(), Severity.ERROR, ErrorCodes.EXPRESSION_FAILED,
                            "表达式“" + expression.text() + "”无法计算：" + e.getMessage(), raw));
                    continue;
                }
                if (raw == null) {
                    // an expression alone: what the clerk should recognise is what it produced
                    raw = text;
                }
            }
            if (text == null || text.isEmpty()) {
                continue;
            }
            if (m.timeColumn() != null) {
                text = ValueConverter.withTime(text, TextNormalizer.normalize(record.get(m.timeColumn())));
                String time = record.get(m.timeColumn());
                raw = time == null || time.isBlank() ? raw : raw + " " + time;
            }
            try {
                StandardFields.set(event, m.field().path(), convert(m, text, record));
            } catch (ValueConverter.ConversionException e) {
                problems.add(new RowError(record.row(), m.columnLabel(), m.field().path(), Severity.ERROR, e.code(), e.getMessage(), raw));
            }
        }
        List<String> key = new ArrayList<>();
        for (String column : file.key()) {
            String value = TextNormalizer.normalize(record.get(column));
            if (value == null || value.isEmpty()) {
                problems.add(new RowError(record.row(), column, null, Severity.ERROR, ErrorCodes.FIELD_REQUIRED,
                        "缺少本行的唯一标识“" + column + "”", value));
            }
            key.add(value);
        }
        event.setEventId(EventIds.of(spec.source(), key));
        event.setProvenance(provenance(record, context));
        for (Finding f : rules.check(event)) {
            if (problems.stream().noneMatch(p -> f.field() != null && f.field().equals(p.field()))) {
                // the clerk recognises the cell as typed (-35 斤), not the converted value (-17.5 KGM)
                String raw = rawCell(record, f.field());
                problems.add(new RowError(record.row(), columnOfField.get(f.field()), f.field(), f.severity(), f.code(), f.message(),
                        raw != null ? raw : f.value()));
            }
        }
        List<RowError> errors = problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            return new ConvertedRow.Rejected(record.row(), List.copyOf(problems), cellsOf(record));
        }
        return new ConvertedRow.Accepted(record.row(), event, List.copyOf(problems));
    }

    private Object convert(FieldMapping m, String text, RawRecord record) {
        String value = text;
        if (m.lookup() != null) {
            value = spec.lookups().get(m.lookup()).get(text);
            if (value == null) {
                throw new ValueConverter.ConversionException(ErrorCodes.LOOKUP_MISSING,
                        "“" + text + "”不在对照表" + m.lookup() + "中，请联系管理员补充对照关系");
            }
        }
        ValueConverter converter = converters.get(m.field().path());
        // spreadsheets render date cells as ISO text, which every date field accepts before its patterns
        return switch (m.field().kind()) {
            case TEXT -> value;
            case CODE_LIST -> codeListValue(m, value);
            case DATE_TIME -> converter.dateTime(value);
            case DATE -> converter.date(value);
            case DECIMAL -> ValueConverter.decimal(value);
            case INTEGER -> ValueConverter.integer(value);
            case LIST -> ValueConverter.split(value, m.split());
            case QUANTITY -> quantity(m, value, record);
        };
    }

    /** The cell a mapping reads, exactly as in the file: constant, column or path, or position; null for an expression alone. */
    private static String rawCell(RawRecord record, FieldMapping m) {
        if (m.constant() != null) {
            return m.constant();
        }
        if (m.sourceColumn() != null) {
            return record.get(m.sourceColumn());
        }
        return m.index() > 0 ? record.at(m.index()) : null;
    }

    private String rawCell(RawRecord record, String field) {
        for (FieldMapping m : file.fields()) {
            if (m.field().path().equals(field)) {
                return rawCell(record, m);
            }
        }
        return null;
    }

    /** The row as read, for the error report; a cell a short row or an XML record lacks stays null. */
    private static List<String> cellsOf(RawRecord record) {
        return Collections.unmodifiableList(new ArrayList<>(record.cells()));
    }

    /** The row as expressions see it: every header column (XML: every path read) → normalised cell, null when empty. */
    private static Map<String, String> rowMap(RawRecord record) {
        Map<String, String> row = new LinkedHashMap<>();
        record.header().forEach((name, i) -> {
            String cell = TextNormalizer.normalize(record.at(i + 1));
            row.put(name, cell == null || cell.isEmpty() ? null : cell);
        });
        return row;
    }

    private Quantity quantity(FieldMapping m, String value, RawRecord record) {
        BigDecimal amount = ValueConverter.decimal(value);
        String unitText = m.unit() != null ? m.unit() : TextNormalizer.normalize(record.get(m.unitColumn()));
        LegacyUnit unit = LegacyUnit.parse(unitText).orElseThrow(() -> new ValueConverter.ConversionException(
                ErrorCodes.UNIT_UNKNOWN, "无法识别的计量单位“" + unitText + "”"));
        Quantity q = new Quantity();
        q.setValue(unit.toStandard(amount));
        q.setUnit(unit.standardUnit());
        return q;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object codeListValue(FieldMapping m, String value) {
        try {
            return Enum.valueOf((Class) m.field().enumType(), value);
        } catch (IllegalArgumentException e) {
            throw new ValueConverter.ConversionException(ErrorCodes.LOOKUP_MISSING, "“" + value + "”不是有效的代码");
        }
    }

    private void applyOperatorDefaults(TraceEvent event) {
        if (spec.operator() == null) {
            return;
        }
        Party operator = new Party();
        operator.setUscc(spec.operator().uscc());
        operator.setName(spec.operator().name());
        operator.setNodeCode(spec.operator().nodeCode());
        NodeType nodeType = spec.operator().nodeType();
        operator.setNodeType(nodeType);
        event.setOperator(operator);
    }

    private Provenance provenance(RawRecord record, ConversionContext context) {
        Provenance p = new Provenance();
        p.setSourceId(spec.source());
        p.setBatchId(context.batchId());
        p.setAttempt(context.attempt() > 0 ? BigInteger.valueOf(context.attempt()) : null);
        p.setRow(BigInteger.valueOf(record.row()));
        return p;
    }

    private String skipReason(RawRecord record) {
        for (SkipRule rule : file.skip()) {
            if (rule.column() != null) {
                String v = TextNormalizer.normalize(record.get(rule.column()));
                if (v != null && ((rule.equals() != null && v.equals(rule.equals()))
                        || (rule.startsWith() != null && v.startsWith(rule.startsWith())))) {
                    return rule.column() + "=" + v;
                }
            }
        }
        if (!skipExpressions.isEmpty()) {
            Map<String, String> row = rowMap(record);
            for (SandboxedExpression e : skipExpressions) {
                try {
                    if (e.test(row)) {
                        return e.text();
                    }
                } catch (RuntimeException ex) {
                    throw new ValueConverter.ConversionException(ErrorCodes.EXPRESSION_FAILED,
                            "跳过规则“" + e.text() + "”无法计算：" + ex.getMessage());
                }
            }
        }
        return null;
    }
}
