package org.tracehub.mappings.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tracehub.mappings.expr.SandboxedExpression;
import org.tracehub.mappings.read.CellFlaw;
import org.tracehub.mappings.read.FileLevelException;
import org.tracehub.mappings.read.RawRecord;
import org.tracehub.mappings.read.RecordReader;
import org.tracehub.mappings.read.TextNormalizer;
import org.tracehub.mappings.spec.FieldMapping;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SkipRule;
import org.tracehub.schemas.event.EventIds;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Party;
import org.tracehub.schemas.standard.v1.Price;
import org.tracehub.schemas.standard.v1.Provenance;
import org.tracehub.schemas.standard.v1.Quantity;
import org.tracehub.schemas.standard.v1.TraceEvent;
import org.tracehub.schemas.unit.LegacyUnit;
import org.tracehub.schemas.validation.ErrorCodes;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.Severity;
import org.tracehub.schemas.validation.UsccValidator;

/**
 * Turns one raw row into a standard trace event as a spec says, then applies the standard's rules.
 * Every problem of a row is collected (mapping and rules alike) so that the clerk fixes them all
 * at once. Framework-free: the same engine serves the batch job, the CLI and the tests.
 * <p>
 * Everything a spec says is resolved once, when the engine is made ({@link FieldPlan}); per row
 * the engine only reads cells, converts and sets. Not thread-safe (it remembers parsed dates and
 * units): one engine per file conversion.
 */
public final class MappingEngine {

    /** Distinct unit texts of a unit column remembered per file; a file with more is a file of mistakes. */
    private static final int UNIT_CACHE_LIMIT = 256;

    private final MappingSpec spec;
    private final FileSpec file;
    private final EventRules rules;
    /** The file kind's field mappings, resolved once, in spec order. */
    private final List<FieldPlan> plans = new ArrayList<>();
    /** The fields that say who the operator is: together from the spec's defaults, or together from the row. */
    private static final Set<String> OPERATOR_IDENTITY = Set.of("operator.uscc", "operator.name");
    /**
     * The spec reads the operator's code or name from the file (a market's workbook whose rows are its stall holders'):
     * an empty cell then means the row's operator is not known, not that it is the spec's default operator — a stall
     * holder's name beside the market's credit code would name the market as the stall's business.
     */
    private boolean operatorFromRow;
    /** The highest column position a mapping reads ({@code index}), 0 when none: rows are at least that wide. */
    private int widestIndex;
    private final Map<String, FieldPlan> planOfField = new HashMap<>();
    private final List<SandboxedExpression> skipExpressions = new ArrayList<>();
    private final ExpressionFailures expressionFailures;
    private final Map<String, Optional<LegacyUnit>> unitsSeen = new HashMap<>();
    private final List<ColumnRef> keyColumns = new ArrayList<>();
    /** The columns of the skip rules, in rule order (null for a rule without a column). */
    private final List<ColumnRef> skipColumns = new ArrayList<>();
    /** Each skip rule's {@code equals} and {@code startsWith} text without whitespace (null when absent), in rule order. */
    private final List<String> skipEquals = new ArrayList<>();
    private final List<String> skipStartsWith = new ArrayList<>();
    /** Warnings of the whole file ({@link AbsentColumns}), found by the header check: no row's problems. */
    private List<RowError> fileWarnings = List.of();
    /** The columns read that have other names in another layout of the file, each as all its names. */
    private final List<List<String>> renamedColumns = new ArrayList<>();

    /**
     * An engine for one file of {@code spec}. {@code rules} are the standard's; a spec with a {@code traceCodePattern}
     * has its rows' own trace codes checked against it as well ({@link EventRules#withTraceCodes}).
     */
    public MappingEngine(MappingSpec spec, FileSpec file, EventRules rules) {
        this.spec = spec;
        this.file = file;
        this.expressionFailures = new ExpressionFailures(spec.source());
        this.rules = spec.traceCodePattern() == null ? rules : rules.withTraceCodes(spec.traceCodes());
        // read once: a conversion's window of plausible serial dates does not move while it runs
        LocalDate today = LocalDate.now(rules.clock().withZone(ValueConverter.SHANGHAI));
        for (FieldMapping m : file.fields()) {
            FieldPlan plan = new FieldPlan(m, spec.lookups(), today, file::namesOf);
            plans.add(plan);
            if (m.constant() == null && OPERATOR_IDENTITY.contains(plan.path)) {
                operatorFromRow = true;
            }
            widestIndex = Math.max(widestIndex, m.index());
            planOfField.put(plan.path, plan);
        }
        for (SkipRule rule : file.skip()) {
            if (rule.when() != null) {
                skipExpressions.add(SandboxedExpression.parse(rule.when()));
            }
            skipColumns.add(rule.column() == null ? null : new ColumnRef(file.namesOf(rule.column())));
            skipEquals.add(withoutWhitespace(rule.equals()));
            skipStartsWith.add(withoutWhitespace(rule.startsWith()));
        }
        for (String column : file.key()) {
            keyColumns.add(new ColumnRef(file.namesOf(column)));
        }
        for (List<String> names : file.columnNamesRead()) {
            if (names.size() > 1) {
                renamedColumns.add(names);
            }
        }
    }

    /**
     * As {@link #checkHeader(List)}, and refuses a header in which a column the spec reads heads more than one column: the
     * reader would take the first, which may be the one the clerk hid or stopped filling. For XML, whose header is the set
     * of paths the spec reads, the paths that occur in no record ({@link RecordReader#absentColumns}) refuse the file when
     * every row needs one, else are warnings of the file as a whole ({@link #fileWarnings()}, {@link AbsentColumns}).
     */
    public void checkHeader(RecordReader reader) {
        checkHeader(reader.header());
        fileWarnings = AbsentColumns.judge(spec, file, reader.absentColumns());
        Map<String, List<Integer>> repeated = reader.repeatedColumns();
        List<String> ambiguous = new ArrayList<>();
        for (List<String> names : file.columnNamesRead()) {
            for (String column : names) {
                List<Integer> positions = repeated.get(column);
                if (positions != null) {
                    ambiguous.add("“" + column + "”（第" + positions.stream().map(String::valueOf).collect(Collectors.joining("、")) + "列）");
                }
            }
        }
        if (!ambiguous.isEmpty()) {
            throw new FileLevelException(ErrorCodes.FILE_HEADER_AMBIGUOUS, "表头（第" + file.headerRow() + "行）中列" + String.join("、", ambiguous)
                    + "出现了不止一次，平台无法判断应读取哪一列，整个文件未处理：请在源系统中删除多余的列或将其改名后重新发送"
                    + "（隐藏的列也算在内）", file.headerRow());
        }
    }

    /**
     * Fails the file when a column the spec reads is not in the header, naming every missing one: field, unit and time
     * columns, the natural key, skip-rule columns and the columns expressions read. A column the spec names with
     * alternatives ({@code column: [凭证编号, 交易凭证号]}) needs one of them, and is missing as 凭证编号（或交易凭证号）; a
     * header holding two of them is refused FILE_HEADER_AMBIGUOUS, as a repeated column is: which one the rows fill
     * cannot be told, and picking one would load the other layout's empty column. (For XML the header is the set of
     * paths the spec reads, so this always passes; paths no record holds are {@link AbsentColumns}' to judge.)
     */
    public void checkHeader(List<String> header) {
        List<String> missing = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        for (List<String> names : file.columnNamesRead()) {
            List<String> present = names.stream().filter(header::contains).toList();
            if (present.isEmpty()) {
                missing.add(names.get(0) + (names.size() > 1 ? "（或" + String.join("、", names.subList(1, names.size())) + "）" : ""));
            } else if (present.size() > 1) {
                ambiguous.add(present.stream().map(n -> "“" + n + "”").collect(Collectors.joining("和")));
            }
        }
        if (!missing.isEmpty()) {
            throw new FileLevelException(ErrorCodes.FILE_HEADER_MISSING,
                    "表头（第" + file.headerRow() + "行）缺少列：" + String.join("、", missing) + "；实际表头为：" + String.join("、", header),
                    file.headerRow());
        }
        if (!ambiguous.isEmpty()) {
            throw new FileLevelException(ErrorCodes.FILE_HEADER_AMBIGUOUS, "表头（第" + file.headerRow() + "行）中同时有列"
                    + String.join("；", ambiguous) + "：映射规则把它们当作同一列在新旧格式中的名称，平台无法判断应读取哪一列，整个文件未处理："
                    + "请在源系统中删除其中不用的一列后重新发送", file.headerRow());
        }
    }

    private static final String COUNTERPARTY_USCC = "counterparty.uscc";
    private static final String HIDDEN_ROW = "该行在表格中被隐藏（或被筛选隐藏），仍按正常数据导入：隐藏不等于删除。如该行不应上报，"
            + "请联系平台管理员更正；今后请在上传前删除不应上报的行，而不是将其隐藏";

    /**
     * The warnings of the file as a whole the header check found ({@link #checkHeader(RecordReader)}), each with row 0: no
     * row carries them, since none is at fault, and the caller keeps them apart from the rows' problems.
     */
    public List<RowError> fileWarnings() {
        return fileWarnings;
    }

    public ConvertedRow convert(RawRecord record, ConversionContext context) {
        if (record.isBlank() && !readsFlawedCell(record)) {
            // a formula saved without its result reads as empty: a row is blank unless the mapping reads such a cell
            // (a template's formula column filled down past the data, unread, leaves blank rows blank)
            return new ConvertedRow.Skipped(record.row(), ConvertedRow.Skipped.BLANK);
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
        int beyond = record.firstCellBeyondWidth(widestIndex);
        if (beyond > 0) {
            // every column after an unquoted delimiter holds its neighbour's value: nothing of the row can be trusted
            String cell = record.at(beyond);
            return new ConvertedRow.Rejected(record.row(), List.of(new RowError(record.row(), "第" + beyond + "列", null, Severity.ERROR,
                    ErrorCodes.ROW_TOO_MANY_CELLS, "本行有" + record.cells().size() + "个单元格，表头只有" + record.width() + "列，第" + beyond
                    + "列“" + cell + "”在表头之外：多半是某个值含有未加引号的分隔符（如重量写成1,200），其后各列都错了位。本行未处理，"
                    + "请在源系统中给该值加上引号或去掉分隔符后重新发送", cell)), cellsOf(record));
        }
        List<RowError> problems = new ArrayList<>();
        if (record.hidden()) {
            // a hidden or filtered-out row is still a row of the file: loaded, never dropped without a word, and the clerk
            // told, since hiding is how many leave out a row they did not mean to send
            problems.add(new RowError(record.row(), null, null, Severity.WARNING, ErrorCodes.ROW_HIDDEN, HIDDEN_ROW, null));
        }
        TraceEvent event = new TraceEvent();
        event.setCategory(spec.category());
        event.setStep(file.step());
        applyOperatorDefaults(event);
        Map<String, String> row = null;
        for (FieldPlan plan : plans) {
            FieldMapping m = plan.mapping;
            String raw = plan.rawCell(record);
            CellFlaw flaw = plan.flaw(record);
            if (flaw != null) {
                add(problems, flawed(flaw, record.row(), plan.columnLabel(), plan.path, raw));
                continue;
            }
            ColumnRef read = plan.expression == null ? null : plan.expressionColumnWithFlaw(record);
            if (read != null) {
                add(problems, flawed(read.flaw(record), record.row(), read.name(), plan.path, read.cell(record)));
                continue;
            }
            String text = EmptyCells.blankIfPlaceholder(TextNormalizer.normalize(raw));
            if ((text == null || text.isEmpty()) && m.defaultValue() != null) {
                text = TextNormalizer.normalize(m.defaultValue());
            }
            if (m.required() && (text == null || text.isEmpty()) && m.constant() == null && m.columnLabel() != null) {
                // before the expression: what it would make of an empty cell (a bare prefix CM021-) is no value
                add(problems, required(record, plan, raw));
                continue;
            }
            SandboxedExpression expression = plan.expression;
            if (expression != null) {
                row = row == null ? rowMap(record) : row;
                try {
                    Object result = expression.evaluate(row, text == null || text.isEmpty() ? null : text);
                    text = result == null ? null : TextNormalizer.normalize(String.valueOf(result));
                } catch (RuntimeException e) {
                    add(problems, new RowError(record.row(), plan.columnLabel(), plan.path, Severity.ERROR, ErrorCodes.EXPRESSION_FAILED,
                            expressionFailures.ofField(plan.path, expression.text(), record.row(), e), raw));
                    continue;
                }
                if (raw == null) {
                    // an expression alone: what the clerk should recognise is what it produced
                    raw = text;
                }
            }
            if (text == null || text.isEmpty()) {
                if (m.required()) {
                    add(problems, required(record, plan, raw));
                }
                continue;
            }
            if (plan.timeColumn != null) {
                String time = plan.timeColumn.cell(record);
                CellFlaw timeFlaw = plan.timeColumn.flaw(record);
                if (timeFlaw != null) {
                    // a time formula saved without its result reads as empty: the event would be accepted at midnight
                    add(problems, flawed(timeFlaw, record.row(), plan.timeColumn.name(), plan.path, time));
                    continue;
                }
                // a time cell that says "none" (/, 无) is an empty one: the date alone, not a date-time “2026-11-26 /”
                String timeText = EmptyCells.blankIfPlaceholder(TextNormalizer.normalize(time));
                text = ValueConverter.withTime(text, timeText);
                raw = timeText == null || timeText.isBlank() ? raw : raw + " " + time;
            }
            try {
                plan.accessor.set(event, convert(plan, text, record));
            } catch (ValueConverter.ConversionException e) {
                // a problem in another cell (the unit column of a quantity) names that cell and its value
                add(problems, e.column() != null
                        ? new RowError(record.row(), e.column(), plan.path, Severity.ERROR, e.code(), e.getMessage(), e.value())
                        : new RowError(record.row(), plan.columnLabel(), plan.path, Severity.ERROR, e.code(), e.getMessage(), raw));
            }
        }
        List<String> key = new ArrayList<>(keyColumns.size());
        for (ColumnRef column : keyColumns) {
            String cell = TextNormalizer.normalize(column.cell(record));
            String value = EmptyCells.blankIfPlaceholder(cell);
            CellFlaw flaw = column.flaw(record);
            if (flaw == null && CellFlaw.isScientificNotation(value)) {
                // a key of 3.10013E+14 is shared by every row whose code starts alike: each would replace the last
                flaw = CellFlaw.SCIENTIFIC_NOTATION;
            }
            if (flaw != null) {
                // before "missing": a formula saved without its result is a cell the clerk sees filled
                addOncePerCell(problems, flawed(flaw, record.row(), column.name(), null, value));
            } else if (value == null || value.isEmpty()) {
                value = cell;
                add(problems, new RowError(record.row(), column.name(), null, Severity.ERROR, ErrorCodes.FIELD_REQUIRED,
                        "缺少本行的唯一标识“" + column.name() + "”", value));
            } else {
                // a column read only for the key is not converted as a field, yet the key is stored (record_key)
                try {
                    ValueConverter.text(value, 0);
                } catch (ValueConverter.ConversionException e) {
                    addOncePerCell(problems, new RowError(record.row(), column.name(), null, Severity.ERROR, e.code(), e.getMessage(), value));
                }
            }
            key.add(value);
        }
        event.setEventId(EventIds.of(spec.source(), key));
        event.setProvenance(provenance(record, context));
        dropPersonalIdOfCounterparty(event, record, problems);
        for (Finding f : rules.check(event)) {
            if (!hasProblemOn(problems, f.field())) {
                // the clerk recognises the cell as typed (-35 斤), not the converted value (-17.5 KGM)
                FieldPlan plan = f.field() == null ? null : planOfField.get(f.field());
                String raw = plan == null ? null : plan.rawCell(record);
                add(problems, new RowError(record.row(), plan == null ? null : plan.columnLabel(), f.field(), f.severity(), f.code(),
                        f.message(), raw != null ? raw : f.value()));
            }
        }
        for (RowError p : problems) {
            if (p.severity() == Severity.ERROR) {
                return PersonalIdCells.masked(new ConvertedRow.Rejected(record.row(), List.copyOf(problems), cellsOf(record)));
            }
        }
        // the rules warned of it (INPUT_IS_SELF) and the row is kept: the store must not get a link from the lot to itself
        EventRules.dropSelfInputs(event);
        return new ConvertedRow.Accepted(record.row(), event, List.copyOf(problems), EventIds.recordKey(spec.source(), key));
    }

    /**
     * A buyer's (or supplier's) code that is a citizen identity number: an individual customer of a wholesale market. The
     * hub never stores a person's number, yet refusing the sale would cut the chain of the goods the person sells on;
     * so the number is dropped, the row kept, and the clerk warned. (The operator's own code, a business's by
     * definition, stays an error: {@code UsccValidator}.) Without a credit code the buyer is no business and is not named
     * on the public page.
     */
    private void dropPersonalIdOfCounterparty(TraceEvent event, RawRecord record, List<RowError> problems) {
        Party counterparty = event.getCounterparty();
        if (counterparty == null || counterparty.getUscc() == null
                || !UsccValidator.isPersonalId(counterparty.getUscc())) {
            return;
        }
        FieldPlan plan = planOfField.get(COUNTERPARTY_USCC);
        counterparty.setUscc(null);
        add(problems, new RowError(record.row(), plan == null ? null : plan.columnLabel(), COUNTERPARTY_USCC, Severity.WARNING,
                ErrorCodes.USCC_IS_PERSONAL_ID, "交易对方的代码是公民身份号码，不是统一社会信用代码：平台不保存个人身份证号，"
                        + "本行已接收，该代码未保存；对方是个体工商户的，请填写其营业执照上的统一社会信用代码（92开头）", null));
    }

    /** A field the spec requires ({@code required: true}) is empty: named by the column the clerk fills in. */
    private static RowError required(RawRecord record, FieldPlan plan, String raw) {
        String label = plan.columnLabel() != null ? plan.columnLabel() : plan.path;
        return new RowError(record.row(), plan.columnLabel(), plan.path, Severity.ERROR, ErrorCodes.FIELD_REQUIRED,
                "缺少必填项：" + label + "（本数据源要求每行填写）", raw == null ? "" : raw);
    }

    /** Whether a cell a field, an expression or the key reads has a flaw ({@link CellFlaw}); false for most rows at once. */
    private boolean readsFlawedCell(RawRecord record) {
        if (record.flaws() == null) {
            return false;
        }
        for (FieldPlan plan : plans) {
            if (plan.flaw(record) != null || (plan.expression != null && plan.expressionColumnWithFlaw(record) != null)) {
                return true;
            }
        }
        return keyColumns.stream().anyMatch(column -> column.flaw(record) != null);
    }

    /** Whether a problem of the row is already reported on this standard field. */
    private static boolean hasProblemOn(List<RowError> problems, String field) {
        if (field == null) {
            return false;
        }
        for (RowError p : problems) {
            if (field.equals(p.field())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a problem unless the row already has the same one (same cell, field, code and value): a
     * bad natural-key cell, for instance, is one mistake for the clerk, however often the key names it.
     */
    private static RowError flawed(CellFlaw flaw, long row, String column, String field, String value) {
        return switch (flaw) {
            case DIGITS_LOST -> new RowError(row, column, field, Severity.ERROR, ErrorCodes.NUMBER_DIGITS_LOST,
                    "该单元格是数值格式，数字超过15位，表格软件只保留前15位，其后的数字已变成0或丢失（读到的是" + value
                            + "）：代码（如统一社会信用代码、设备注册代码、报关单号）请将该列设为文本格式后重新录入并发送", value);
            case FORMULA_ERROR -> new RowError(row, column, field, Severity.ERROR, ErrorCodes.CELL_FORMULA_ERROR,
                    "该单元格是公式的错误值“" + (value == null ? "" : value.strip()) + "”（如查找公式没有找到对应的值），不是有效数据："
                            + "请在表格中改正公式或填入实际的值后重新发送", value);
            case REPEATED_ELEMENT -> new RowError(row, column, field, Severity.ERROR, ErrorCodes.XML_ELEMENT_REPEATED,
                    "路径“" + column + "”在本条记录中出现多次且取值不同（第一个是“" + value + "”），无法确定取哪一个：一条记录只能有一个该元素，"
                            + "请在源系统中把它拆成多条记录后重新发送", value);
            case SCIENTIFIC_NOTATION -> new RowError(row, column, field, Severity.ERROR, ErrorCodes.NUMBER_DIGITS_LOST,
                    "读到的是科学计数法“" + (value == null ? "" : value.strip()) + "”：表格软件把这列代码当作数值，只显示（另存为CSV时也只保存）"
                            + "前几位数字，其后的数字已丢失；代码（如证书号、批次号、统一社会信用代码）请将该列设为文本格式后重新录入并发送", value);
            case FORMULA_NOT_CALCULATED -> new RowError(row, column, field, Severity.ERROR, ErrorCodes.CELL_FORMULA_NOT_CALCULATED,
                    "该单元格是公式，但文件中没有保存公式的计算结果（导出程序没有计算公式），读到的是空值：请在Excel或WPS中打开并保存该文件，"
                            + "或在源系统中导出数值而不是公式后重新发送", value);
        };
    }

    /** A key column's problem, unless the cell was already refused for it as a field (a key column that is also one). */
    private static void addOncePerCell(List<RowError> problems, RowError problem) {
        if (problems.stream().noneMatch(p -> Objects.equals(p.column(), problem.column()) && Objects.equals(p.code(), problem.code()))) {
            problems.add(problem);
        }
    }

    private static void add(List<RowError> problems, RowError problem) {
        for (RowError p : problems) {
            if (Objects.equals(p.column(), problem.column()) && Objects.equals(p.field(), problem.field())
                    && Objects.equals(p.code(), problem.code()) && Objects.equals(p.value(), problem.value())) {
                return;
            }
        }
        problems.add(problem);
    }

    private Object convert(FieldPlan plan, String text, RawRecord record) {
        FieldMapping m = plan.mapping;
        String value = text;
        if (plan.lookup != null) {
            value = plan.lookUp(text);
            if (value == null) {
                throw new ValueConverter.ConversionException(ErrorCodes.LOOKUP_MISSING,
                        "“" + text + "”不在对照表" + m.lookup() + "中，请联系管理员补充对照关系");
            }
        }
        ValueConverter converter = plan.converter;
        // spreadsheets render date cells as ISO text, which every date field accepts before its patterns
        return switch (m.field().kind()) {
            // a credit code typed in lower case: GB 32100 has no lower-case letters, so upper case loses nothing
            case TEXT -> ValueConverter.text(plan.uscc ? value.toUpperCase(Locale.ROOT) : value, m.field().maxLength());
            case CODE_LIST -> codeListValue(m, value);
            case DATE_TIME -> converter.dateTime(value, record.date1904());
            case DATE -> converter.date(value, record.date1904());
            case DECIMAL -> ValueConverter.decimal(value);
            case INTEGER -> ValueConverter.integer(value);
            case LIST -> ValueConverter.split(value, m.split());
            case QUANTITY -> quantity(plan, value, record);
            case PRICE -> price(plan, value, record);
        };
    }

    /** The row as read, for the error report; a cell a short row or an XML record lacks stays null. */
    private static List<String> cellsOf(RawRecord record) {
        return Collections.unmodifiableList(new ArrayList<>(record.cells()));
    }

    /**
     * The row as expressions see it: every header column (XML: every path read) → normalised cell, null when empty; a
     * column with other names ({@code column: [凭证编号, 交易凭证号]}) under each of them, so an expression reads it by any.
     */
    private Map<String, String> rowMap(RawRecord record) {
        Map<String, String> row = new LinkedHashMap<>();
        record.header().forEach((name, i) -> {
            String cell = TextNormalizer.normalize(record.at(i + 1));
            row.put(name, cell == null || cell.isEmpty() ? null : cell);
        });
        for (List<String> names : renamedColumns) {
            names.stream().filter(row::containsKey).findFirst().ifPresent(present -> {
                String cell = row.get(present);
                names.forEach(n -> row.putIfAbsent(n, cell));
            });
        }
        return row;
    }

    private Quantity quantity(FieldPlan plan, String value, RawRecord record) {
        BigDecimal amount = ValueConverter.decimal(value);
        LegacyUnit unit = unit(plan, "数量" + value, record);
        Quantity q = new Quantity();
        q.setValue(unit.toStandard(amount));
        q.setUnit(unit.standardUnit());
        return q;
    }

    /**
     * A unit price. With the unit it is per ({@code unit: 斤} or a unit column) it is converted as the quantity is, to
     * per the standard unit (13.20 元/斤 → 26.40 per KGM), so quantity × price is still what was paid; without one it is
     * kept as written and says per nothing, since the hub cannot know.
     */
    private Price price(FieldPlan plan, String value, RawRecord record) {
        BigDecimal amount = ValueConverter.decimal(value);
        Price price = new Price();
        if (plan.fixedUnit == null && plan.unitColumn == null) {
            price.setValue(amount);
            return price;
        }
        LegacyUnit unit = unit(plan, "单价" + value, record);
        price.setValue(unit.pricePerStandardUnit(amount));
        price.setPerUnit(unit.standardUnit());
        return price;
    }

    /** The legacy unit a quantity is in or a price is per: the spec's fixed one, or the row's unit column. */
    private LegacyUnit unit(FieldPlan plan, String valueNamed, RawRecord record) {
        FieldMapping m = plan.mapping;
        if (plan.fixedUnit != null) {
            return plan.fixedUnit.orElseThrow(() -> new ValueConverter.ConversionException(
                    ErrorCodes.UNIT_UNKNOWN, "无法识别的计量单位“" + m.unit() + "”"));
        }
        String rawUnit = plan.unitColumn.cell(record);
        String unitText = TextNormalizer.normalize(rawUnit);
        // the clerk fixes the unit cell, so the error names the unit column and what it holds; an empty one is said so
        // (not “null”: the clerk looks for a unit of that name)
        return unitOf(unitText).orElseThrow(() -> new ValueConverter.ConversionException(ErrorCodes.UNIT_UNKNOWN,
                unitText == null || unitText.isEmpty()
                        ? "单位为空：" + valueNamed + "没有计量单位，请在“" + m.unitColumn() + "”中填写（如公斤、斤、件）"
                        : "无法识别的计量单位“" + unitText + "”", m.unitColumn(), rawUnit));
    }

    /** A unit column holds a handful of distinct texts: each is parsed once per file. */
    private Optional<LegacyUnit> unitOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<LegacyUnit> unit = unitsSeen.get(text);
        if (unit == null) {
            unit = LegacyUnit.parse(text);
            if (unitsSeen.size() < UNIT_CACHE_LIMIT) {
                unitsSeen.put(text, unit);
            }
        }
        return unit;
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
        if (!operatorFromRow) {
            operator.setUscc(spec.operator().uscc());
            operator.setName(spec.operator().name());
        }
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

    /** The text with every whitespace character removed (the normaliser has made U+3000 a space); null stays null. */
    private static String withoutWhitespace(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                StringBuilder b = new StringBuilder(text.length());
                text.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(b::appendCodePoint);
                return b.toString();
            }
        }
        return text;
    }

    private String skipReason(RawRecord record) {
        List<SkipRule> skip = file.skip();
        for (int i = 0; i < skip.size(); i++) {
            SkipRule rule = skip.get(i);
            if (rule.column() != null) {
                String v = TextNormalizer.normalize(skipColumns.get(i).cell(record));
                // a totals row typed 合　计 or 小 计 (spaced out to fill the cell) is the 合计 the rule means
                String compact = withoutWhitespace(v);
                if (compact != null && ((skipEquals.get(i) != null && compact.equals(skipEquals.get(i)))
                        || (skipStartsWith.get(i) != null && compact.startsWith(skipStartsWith.get(i))))) {
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
                            expressionFailures.ofSkipRule(e.text(), record.row(), ex));
                }
            }
        }
        return null;
    }
}
