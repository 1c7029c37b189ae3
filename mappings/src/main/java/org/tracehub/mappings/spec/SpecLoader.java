package org.tracehub.mappings.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.NoSuchFileException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tracehub.mappings.expr.ExpressionRefusedException;
import org.tracehub.mappings.expr.SandboxedExpression;
import org.tracehub.mappings.read.TextNormalizer;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.event.FieldKind;
import org.tracehub.schemas.event.StandardField;
import org.tracehub.schemas.event.StandardFields;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.unit.LegacyUnit;
import org.tracehub.schemas.validation.Finding;
import org.tracehub.schemas.validation.Severity;
import org.tracehub.schemas.validation.TraceCodeValidator;
import org.tracehub.schemas.validation.ValidationResult;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML mapping spec into an immutable {@link MappingSpec}, checking everything that can be
 * checked before a row is read. Every problem is reported with file, line and key; the loader
 * collects all of them rather than stopping at the first.
 */
public final class SpecLoader {

    private static final Set<String> TOP_KEYS = Set.of("source", "name", "category", "operator", "load",
            "rejectThreshold", "files", "lookups", "receiptEncoding", "traceCodePattern", "traceCodeExample");
    private static final Set<String> FILE_KEYS = Set.of("match", "format", "encoding", "header", "delimiter",
            "quote", "maxRecordLength", "sheet", "record", "namespaces", "step", "skip", "key", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("column", "index", "value", "path", "expr", "date", "unit",
            "unitColumn", "timeColumn", "default", "lookup", "split", "required");
    private static final Pattern NAMESPACE_PREFIX = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._\\-]*");
    /** More entries than any code table needs; a bigger file is a mistake (or an attack on the heap). */
    private static final int MAX_LOOKUP_ENTRIES = 100_000;
    private static final Set<String> OPERATOR_KEYS = Set.of("uscc", "name", "nodeCode", "nodeType");
    private static final Set<String> SKIP_KEYS = Set.of("column", "equals", "startsWith", "when");

    /**
     * Opens a file named in a spec (a lookup table's CSV) relative to the spec's own location.
     * Throws {@link NoSuchFileException} when there is no such file.
     */
    @FunctionalInterface
    public interface Siblings {
        InputStream open(String relativePath) throws IOException;

        /** For specs that do not come from a folder: no file can be named. */
        Siblings NONE = relativePath -> {
            throw new NoSuchFileException(relativePath, null, "this spec was not loaded from a folder, so it cannot name files");
        };

        /** Files in a folder (and its sub-folders, never above it). */
        static Siblings folder(Path dir) {
            Path base = dir.toAbsolutePath().normalize();
            return relativePath -> {
                Path p = base.resolve(relativePath).normalize();
                if (!p.startsWith(base)) {
                    throw new NoSuchFileException(relativePath, null, "outside the spec's folder");
                }
                return Files.newInputStream(p);
            };
        }
    }

    /**
     * The standard's identifier validators, for the spec's constants. Their clock only decides "this year" and "this
     * month" for equipment and customs codes: Shanghai's, the zone legacy wall-clock times are read in.
     */
    private final EventRules rules;
    /** {@link #rules} with the spec's own trace-code pattern, for its constants: set while a spec is loaded. */
    private EventRules specRules;
    private String file;
    private List<SpecProblem> problems;
    /** What the rules only warn about in the spec's constants: the spec loads, and check-spec shows them. */
    private List<SpecProblem> notes;
    private Siblings siblings;
    /** Where each lookup entry was written (table → legacy value → place), in the table's order, for later checks. */
    private Map<String, Map<String, Entry>> lookupEntries;

    /** One lookup entry's place: the YAML line and key, and for a CSV table the file and line to name first. */
    private record Entry(int line, String key, String prefix) {
    }

    public SpecLoader() {
        this(Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    /** A loader whose checks of dated codes (equipment, customs) take "now" from {@code clock}. */
    public SpecLoader(Clock clock) {
        this.rules = new EventRules(clock);
    }

    public MappingSpec load(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, path.toString(), dir == null ? Siblings.NONE : Siblings.folder(dir));
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(path.toString(), 0, null, "无法读取映射文件: " + e.getMessage())));
        }
    }

    public MappingSpec load(InputStream in, String fileName) {
        return load(in, fileName, Siblings.NONE);
    }

    /** Loads a spec whose lookup files ({@code lookups: { x: { file: … } }}) are opened through {@code siblings}. */
    public synchronized MappingSpec load(InputStream in, String fileName, Siblings siblings) {
        this.file = fileName;
        this.problems = new ArrayList<>();
        this.notes = new ArrayList<>();
        this.siblings = siblings;
        this.lookupEntries = new LinkedHashMap<>();
        Node root;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(reader);
        } catch (YAMLException | IOException e) {
            int line = e instanceof MarkedYAMLException m && m.getProblemMark() != null ? m.getProblemMark().getLine() + 1 : 0;
            throw new SpecException(List.of(new SpecProblem(fileName, line, null, "YAML syntax: " + e.getMessage())));
        }
        if (!(root instanceof MappingNode top)) {
            throw new SpecException(List.of(new SpecProblem(fileName, 1, null, "a spec is a YAML mapping (key: value)")));
        }
        Map<String, Node> keys = entries(top, TOP_KEYS, "");
        String source = requiredText(keys, "source", top);
        if (source != null && !source.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            problem(keys.get("source"), "source", "source id must be lower-case letters, digits and '-' (it is also the SFTP account name)");
        }
        String name = text(keys.get("name"));
        // before anything holding constants: a constant trace code is checked against the source's pattern
        String traceCodePattern = text(keys.get("traceCodePattern"));
        String traceCodeExample = text(keys.get("traceCodeExample"));
        specRules = traceCodes(keys, traceCodePattern, traceCodeExample);
        Category category = enumValue(keys.get("category"), "category", Category.class, true, top);
        OperatorDefaults operator = operator(keys.get("operator"));
        LoadMode load = LoadMode.ON_ARRIVAL;
        if (keys.containsKey("load")) {
            String l = text(keys.get("load"));
            switch (l == null ? "" : l) {
                case "on-arrival" -> load = LoadMode.ON_ARRIVAL;
                case "nightly" -> load = LoadMode.NIGHTLY;
                default -> problem(keys.get("load"), "load", "expected 'on-arrival' or 'nightly', found '" + l + "'");
            }
        }
        BigDecimal threshold = new BigDecimal("0.5");
        if (keys.containsKey("rejectThreshold")) {
            try {
                String t = text(keys.get("rejectThreshold"));
                threshold = new BigDecimal(t == null ? "" : t);
                if (threshold.signum() < 0 || threshold.compareTo(BigDecimal.ONE) > 0) {
                    problem(keys.get("rejectThreshold"), "rejectThreshold", "must be between 0 and 1");
                }
            } catch (NumberFormatException e) {
                problem(keys.get("rejectThreshold"), "rejectThreshold", "must be a number between 0 and 1");
            }
        }
        Map<String, Map<String, String>> lookups = lookups(keys.get("lookups"));
        List<FileSpec> files = new ArrayList<>();
        Node filesNode = keys.get("files");
        if (filesNode == null) {
            problem(top, "files", "missing: at least one file kind is required");
        } else if (filesNode instanceof SequenceNode seq) {
            List<Node> fileNodes = new ArrayList<>();
            for (Node f : seq.getValue()) {
                FileSpec fs = fileSpec(f, lookups, category);
                if (fs != null) {
                    files.add(fs);
                    fileNodes.add(f);
                }
            }
            sameKeys(files, fileNodes);
        } else {
            problem(filesNode, "files", "must be a list");
        }
        checkCodeListLookups(files, lookups);
        String receiptEncoding = text(keys.get("receiptEncoding"));
        if (receiptEncoding == null) {
            receiptEncoding = files.stream().map(FileSpec::encoding).filter(e -> !"auto".equals(e)).findFirst().orElse("GB18030");
        }
        if (keys.containsKey("receiptEncoding")) {
            checkCharset(keys.get("receiptEncoding"), "receiptEncoding", receiptEncoding);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new MappingSpec(source, name, category, operator, load, threshold, List.copyOf(files),
                lookups, receiptEncoding, fileName, List.copyOf(notes), traceCodePattern, traceCodeExample, line(keys.get("source")));
    }

    /**
     * File kinds with the same key columns: the store knows a record by its source and key values alone (the event id,
     * which deployed stores are keyed by), so a row of one kind and a row of the other with the same values are one
     * record. Of two steps (a harvest register and a test report both keyed by the lot) the load refuses the later row
     * ({@code RECORD_KEY_CONFLICT}); of one step, a row of one kind replaces the other's, right only when both carry the
     * same records (one export in two formats). Either way a note: the hub logs it as a warning, check-spec shows it.
     */
    private void sameKeys(List<FileSpec> files, List<Node> nodes) {
        for (int later = 1; later < files.size(); later++) {
            FileSpec b = files.get(later);
            for (int earlier = 0; earlier < later; earlier++) {
                FileSpec a = files.get(earlier);
                if (!a.key().equals(b.key())) {
                    continue;
                }
                String kinds = "file kinds '" + a.match() + "' (" + a.step() + ") and '" + b.match() + "' (" + b.step()
                        + ") have the same key " + a.key() + ": the hub knows a record by its source and key values alone, so ";
                notes.add(new SpecProblem(file, line(nodes.get(later)), "files.key", kinds + (a.step() != b.step()
                        ? "a row of one whose key values a stored row of the other has is refused at load (RECORD_KEY_CONFLICT);"
                                + " add a column to one kind's key that tells their records apart"
                        : "a row of one replaces the stored row of the other with the same key values: right only when both"
                                + " kinds carry the same records (one export in two formats)")));
            }
        }
    }

    /**
     * {@code traceCodePattern}: a regular expression every row's own trace code must match as a whole, refused when it
     * does not compile or could backtrack catastrophically ({@link TraceCodeValidator#patternProblem}); and
     * {@code traceCodeExample}, a code of that shape shown to clerks, which must pass the pattern itself. Returns the
     * rules the spec's constants are checked with.
     */
    private EventRules traceCodes(Map<String, Node> keys, String pattern, String example) {
        if (keys.containsKey("traceCodePattern") && pattern == null) {
            problem(keys.get("traceCodePattern"), "traceCodePattern", "give a regular expression the whole trace code must match,"
                    + " e.g. 'XJM\\d{10}', or leave the key out for opaque codes");
        }
        if (keys.containsKey("traceCodeExample") && pattern == null) {
            problem(keys.get("traceCodeExample"), "traceCodeExample", "an example goes with traceCodePattern, which is missing");
            return rules;
        }
        if (pattern == null) {
            return rules;
        }
        String why = TraceCodeValidator.patternProblem(pattern, example);
        if (why != null) {
            problem(keys.get("traceCodePattern"), "traceCodePattern", "'" + pattern + "': " + why);
            return rules;
        }
        TraceCodeValidator validator = TraceCodeValidator.matching(pattern, example);
        if (example != null) {
            ValidationResult result = validator.validate(TextNormalizer.normalize(example));
            if (!result.isValid()) {
                problem(keys.get("traceCodeExample"), "traceCodeExample", "'" + example + "' is not a trace code of this source: "
                        + result.code() + " " + result.message());
            }
        }
        return rules.withTraceCodes(validator);
    }

    private FileSpec fileSpec(Node node, Map<String, Map<String, String>> lookups, Category category) {
        if (!(node instanceof MappingNode m)) {
            problem(node, "files", "each file kind is a mapping");
            return null;
        }
        Map<String, Node> keys = entries(m, FILE_KEYS, "files.");
        String match = requiredText(keys, "match", m);
        if (match != null) {
            // compiled here, not at the first file: a glob that does not compile failed every file of the source at intake
            String why = FileNameGlob.problem(match);
            if (why != null) {
                problem(keys.get("match"), "match", "'" + match + "' is not a file-name glob: " + why);
                match = null;
            }
        }
        FileFormat format = enumValue(keys.get("format"), "format", FileFormat.class, true, m);
        boolean csv = format == FileFormat.CSV;
        boolean xml = format == FileFormat.XML;
        boolean spreadsheet = format == FileFormat.XLS || format == FileFormat.XLSX;
        String encoding = keys.containsKey("encoding") ? text(keys.get("encoding")) : "auto";
        if (spreadsheet && keys.containsKey("encoding")) {
            problem(keys.get("encoding"), "encoding", "not used for " + format.name().toLowerCase(Locale.ROOT)
                    + " files: a workbook carries its own encoding");
        } else if (encoding == null) {
            problem(keys.get("encoding"), "encoding", "give a charset (UTF-8, GBK, GB18030) or auto");
            encoding = "auto";
        } else if (!"auto".equals(encoding)) {
            checkCharset(keys.get("encoding"), "encoding", encoding);
        }
        int header = keys.containsKey("header") ? integer(keys.get("header"), "header") : 1;
        if (xml && keys.containsKey("header")) {
            problem(keys.get("header"), "header", "not used for xml files: each record element is a row (see record)");
        }
        char delimiter = csvCharacter(keys, "delimiter", ',', csv, format);
        char quote = csvCharacter(keys, "quote", FileSpec.DEFAULT_QUOTE, csv, format);
        if (keys.containsKey("quote") && keys.containsKey("delimiter") && quote == delimiter) {
            problem(keys.get("quote"), "quote", "must differ from the delimiter");
        }
        int maxRecordLength = FileSpec.DEFAULT_MAX_RECORD_LENGTH;
        if (keys.containsKey("maxRecordLength")) {
            maxRecordLength = integer(keys.get("maxRecordLength"), "maxRecordLength");
            onlyFor(csv, keys.get("maxRecordLength"), "maxRecordLength", "csv", format);
        }
        String sheet = text(keys.get("sheet"));
        if (keys.containsKey("sheet")) {
            if (sheet == null) {
                problem(keys.get("sheet"), "sheet", "give a sheet name or a 1-based sheet number");
            } else if (sheet.matches("-?\\d+") && Integer.parseInt(sheet) < 1) {
                problem(keys.get("sheet"), "sheet", "sheet numbers start at 1");
            }
            onlyFor(spreadsheet, keys.get("sheet"), "sheet", "xls and xlsx", format);
        }
        Map<String, String> namespaces = namespaces(keys.get("namespaces"));
        if (keys.containsKey("namespaces")) {
            onlyFor(xml, keys.get("namespaces"), "namespaces", "xml", format);
        }
        String record = text(keys.get("record"));
        if (keys.containsKey("record")) {
            onlyFor(xml, keys.get("record"), "record", "xml", format);
        }
        if (xml && record == null) {
            problem(keys.containsKey("record") ? keys.get("record") : m, "record",
                    "missing: the absolute path of one record element, e.g. /交易数据/明细/记录");
        } else if (xml) {
            try {
                checkPrefixes(XmlPath.parseAbsolute(record), namespaces, keys.get("record"), "record");
            } catch (IllegalArgumentException e) {
                problem(keys.get("record"), "record", "'" + record + "' " + e.getMessage());
            }
        }
        Step step = enumValue(keys.get("step"), "step", Step.class, true, m);
        List<SkipRule> skip = new ArrayList<>();
        Node skipNode = keys.get("skip");
        if (skipNode instanceof MappingNode single) {
            skip.add(skipRule(single, xml, namespaces));
        } else if (skipNode instanceof SequenceNode many) {
            for (Node s : many.getValue()) {
                if (s instanceof MappingNode sm) {
                    skip.add(skipRule(sm, xml, namespaces));
                } else {
                    problem(s, "skip", "each skip rule is a mapping, e.g. { column: 序号, equals: 合计 }");
                }
            }
        } else if (skipNode != null) {
            problem(skipNode, "skip", "a skip rule is a mapping, e.g. { column: 序号, equals: 合计 } or { when: \"['序号'] == '合计'\" }");
        }
        List<String> key = textList(keys.get("key"), "key");
        if (key.isEmpty()) {
            problem(m, "key", "missing: the natural key (columns that identify a row across re-sends)");
        }
        if (xml) {
            for (String k : key) {
                xmlPath(k, namespaces, keys.get("key"), "key");
            }
        }
        List<FieldMapping> fields = new ArrayList<>();
        Map<FieldMapping, Node> fieldKeys = new LinkedHashMap<>();
        Node fieldsNode = keys.get("fields");
        if (fieldsNode instanceof MappingNode fm) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : fm.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
                    problem(k, "fields." + k.getValue(), "duplicate field: it is already mapped above");
                    continue;
                }
                FieldMapping mapping = fieldMapping(t, lookups, format, namespaces);
                if (mapping != null) {
                    fields.add(mapping);
                    fieldKeys.put(mapping, t.getKeyNode());
                }
            }
            extensionBlocks(category, fieldKeys);
            sameAlternatives(fields, fieldKeys);
            constantsJoinedToEmptyCells(fields, key);
            TypedKeyColumns.of(key, fields).forEach(note -> notes.add(new SpecProblem(file, line(keys.get("key")), "files.key", note)));
        } else {
            problem(fieldsNode == null ? m : fieldsNode, "fields", "missing: the mapping of standard fields");
        }
        return new FileSpec(match, format, encoding, header, delimiter, step, skip, key, fields, quote,
                maxRecordLength, spreadsheet ? sheet : null, xml ? record : null, xml ? namespaces : Map.of());
    }

    private char csvCharacter(Map<String, Node> keys, String key, char fallback, boolean csv, FileFormat format) {
        if (!keys.containsKey(key)) {
            return fallback;
        }
        onlyFor(csv, keys.get(key), key, "csv", format);
        String d = text(keys.get(key));
        if (d == null || d.length() != 1) {
            problem(keys.get(key), key, "must be one character");
            return fallback;
        }
        return d.charAt(0);
    }

    private void onlyFor(boolean applies, Node node, String key, String formats, FileFormat format) {
        if (!applies && format != null) {
            problem(node, key, "only for " + formats + " files, this one is " + format.name().toLowerCase(Locale.ROOT));
        }
    }

    private Map<String, String> namespaces(Node node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, "namespaces", "expected a mapping of prefix to namespace URI, e.g. { t: \"urn:example:trade\" }");
            return result;
        }
        for (NodeTuple t : m.getValue()) {
            String prefix = ((ScalarNode) t.getKeyNode()).getValue();
            String uri = text(t.getValueNode());
            if (!NAMESPACE_PREFIX.matcher(prefix).matches()) {
                problem(t.getKeyNode(), "namespaces." + prefix, "not a valid prefix (letters, digits, '_', '-', '.')");
            } else if (uri == null) {
                problem(t.getKeyNode(), "namespaces." + prefix, "missing the namespace URI");
            } else {
                result.put(prefix, uri);
            }
        }
        return result;
    }

    /** Checks an XML field path (relative to the record); reports a problem and returns null if it is wrong. */
    private XmlPath xmlPath(String text, Map<String, String> namespaces, Node node, String key) {
        try {
            XmlPath path = XmlPath.parseRelative(text);
            checkPrefixes(path, namespaces, node, key);
            return path;
        } catch (IllegalArgumentException e) {
            problem(node, key, "XML path '" + text + "' " + e.getMessage());
            return null;
        }
    }

    private void checkPrefixes(XmlPath path, Map<String, String> namespaces, Node node, String key) {
        for (String prefix : path.prefixes()) {
            if (!namespaces.containsKey(prefix)) {
                problem(node, key, "prefix '" + prefix + ":' in '" + path + "' is not declared under namespaces");
            }
        }
    }

    private FieldMapping fieldMapping(NodeTuple tuple, Map<String, Map<String, String>> lookups, FileFormat format,
            Map<String, String> namespaces) {
        String path = ((ScalarNode) tuple.getKeyNode()).getValue();
        Node value = tuple.getValueNode();
        StandardField field = StandardFields.find(path).orElse(null);
        if (field == null) {
            String hint = StandardFields.suggest(path).map(s -> " — did you mean '" + s + "'?").orElse("");
            problem(tuple.getKeyNode(), "fields." + path, "unknown standard field" + hint);
            return null;
        }
        if (!(value instanceof MappingNode m)) {
            problem(value, "fields." + path, "expected a mapping such as { column: 追溯码 }");
            return null;
        }
        String k = "fields." + path;
        boolean xml = format == FileFormat.XML;
        Map<String, Node> keys = entries(m, FIELD_KEYS, k + ".");
        List<String> columnNames = columnNames(keys.get("column"), k + ".column");
        String column = columnNames.isEmpty() ? null : columnNames.get(0);
        int index = keys.containsKey("index") ? integer(keys.get("index"), k + ".index") : 0;
        String constant = text(keys.get("value"));
        String xmlPath = text(keys.get("path"));
        String expr = text(keys.get("expr"));
        int sources = (column != null ? 1 : 0) + (index > 0 ? 1 : 0) + (constant != null ? 1 : 0) + (xmlPath != null ? 1 : 0);
        if (sources > 1 || (sources == 0 && expr == null)) {
            problem(m, k, "give exactly one of column, index, value or path (an expr may go with one of them or stand alone)");
        }
        if (xml && (column != null || index > 0)) {
            problem(keys.containsKey("column") ? keys.get("column") : keys.get("index"), k,
                    "xml files name values by path relative to the record (path: 子元素 or path: \"@属性\"), not by column or index");
        }
        if (xmlPath != null) {
            if (format != null && !xml) {
                problem(keys.get("path"), k + ".path", "path is for xml files; this one is " + format.name().toLowerCase(Locale.ROOT)
                        + ", use column");
            } else {
                xmlPath(xmlPath, namespaces, keys.get("path"), k + ".path");
            }
        }
        if (expr != null) {
            try {
                SandboxedExpression.parse(expr);
            } catch (ExpressionRefusedException e) {
                problem(keys.get("expr"), k + ".expr", e.getMessage());
            }
        }
        List<String> dates = textList(keys.get("date"), k + ".date");
        for (String pattern : dates) {
            if (FieldMapping.EXCEL_SERIAL.equals(pattern)) {
                continue;
            }
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                problem(keys.get("date"), k + ".date", "bad date pattern '" + pattern + "': " + e.getMessage());
            }
        }
        // a constant is parsed with the patterns too, so it needs them as much as a column does
        boolean dateField = field.kind() == FieldKind.DATE_TIME || field.kind() == FieldKind.DATE;
        if (dateField && dates.isEmpty()) {
            problem(m, k, "a date field needs date: [patterns], e.g. [\"yyyy/M/d H:mm\"]");
        }
        String timeColumn = text(keys.get("timeColumn"));
        if (timeColumn != null) {
            if (field.kind() != FieldKind.DATE_TIME) {
                problem(keys.get("timeColumn"), k + ".timeColumn", "only for date-time fields (such as time)");
            } else if (column == null && index == 0 && xmlPath == null) {
                problem(keys.get("timeColumn"), k + ".timeColumn", "goes with the date's column (or path)");
            }
            if (xml) {
                xmlPath(timeColumn, namespaces, keys.get("timeColumn"), k + ".timeColumn");
            }
        }
        String defaultValue = text(keys.get("default"));
        if (defaultValue != null && constant != null) {
            problem(keys.get("default"), k + ".default", "a constant value is never empty, so it needs no default");
        }
        String unit = text(keys.get("unit"));
        String unitColumn = text(keys.get("unitColumn"));
        if (field.kind() == FieldKind.QUANTITY && unit == null && unitColumn == null) {
            problem(m, k, "a quantity needs unit (斤, 公斤, 吨 …) or unitColumn");
        }
        if (field.kind() == FieldKind.PRICE && unit == null && unitColumn == null) {
            // not refused (specs written before prices had a unit still load), but the price says per nothing
            notes.add(new SpecProblem(file, line(m), k, "a price without unit or unitColumn is stored as written, per no unit:"
                    + " give the unit it is per (斤, 公斤 …) and it is converted with the quantity (13.20 元/斤 → 26.40 per KGM)"));
        }
        if (unit != null && LegacyUnit.parse(unit).isEmpty()) {
            problem(keys.get("unit"), k + ".unit", "unknown unit '" + unit + "'");
        }
        if (unitColumn != null && xml) {
            xmlPath(unitColumn, namespaces, keys.get("unitColumn"), k + ".unitColumn");
        }
        String lookup = text(keys.get("lookup"));
        if (lookup != null && !lookups.containsKey(lookup)) {
            problem(keys.get("lookup"), k + ".lookup", "lookup table '" + lookup + "' is not defined under lookups");
        }
        if (expr == null) {
            // an expression may make anything of the constant; without one, the constant is what every row gets
            checkConstant(field.path(), constant, lookup, lookups, keys.get("value"), k + ".value", "every row");
            checkConstant(field.path(), defaultValue, lookup, lookups, keys.get("default"), k + ".default", "every row it fills");
        }
        List<String> split = separators(keys.get("split"), k + ".split");
        boolean required = false;
        String requiredText = text(keys.get("required"));
        if (requiredText != null) {
            required = "true".equalsIgnoreCase(requiredText);
            if (!required && !"false".equalsIgnoreCase(requiredText)) {
                problem(keys.get("required"), k + ".required", "expected true or false, found '" + requiredText + "'");
            } else if (required && constant != null) {
                problem(keys.get("required"), k + ".required", "a constant value is never empty, so it cannot be required");
            } else if (required && defaultValue != null) {
                problem(keys.get("required"), k + ".required", "a default fills an empty cell, so required would never refuse a row:"
                        + " give one of them");
            }
        }
        return new FieldMapping(field, column, index, codeConstant(field, constant, lookup, expr), dates, unit, unitColumn, lookup,
                split, m.getStartMark().getLine() + 1, xmlPath, timeColumn, codeConstant(field, defaultValue, lookup, expr), expr,
                required, columnNames.size() > 1 ? columnNames.subList(1, columnNames.size()) : List.of());
    }

    /**
     * {@code column}: a header name, or a list of the names one column has in the layouts the source sends
     * ({@code [凭证编号, 交易凭证号]}: renamed by a software update, while late re-sends still come in the old layout).
     * Empty for none. An empty list, or a name given twice (the same once the header's full-width characters are made
     * half-width, as the reader makes them), is refused.
     */
    private List<String> columnNames(Node node, String key) {
        if (node instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            problem(node, key, "give a column name, or a list of the names the column has in the file's layouts,"
                    + " e.g. [凭证编号, 交易凭证号]");
            return List.of();
        }
        if (node == null || node instanceof ScalarNode && text(node) == null) {
            return List.of();
        }
        List<String> names = textList(node, key);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(TextNormalizer.normalize(name))) {
                problem(node, key, "'" + name + "' is given twice in the list: each alternative names another layout's column");
            }
        }
        return names;
    }

    /**
     * A column's alternatives make one column of the file kind: a name among two fields' lists must have the same list
     * (in any order) in both, or the key, skip rules and expressions naming it could not tell which column they read.
     */
    private void sameAlternatives(List<FieldMapping> fields, Map<FieldMapping, Node> nodes) {
        Map<String, FieldMapping> listing = new HashMap<>();
        for (FieldMapping f : fields) {
            if (f.alternatives().isEmpty()) {
                continue;
            }
            for (String name : f.columnNames()) {
                FieldMapping earlier = listing.putIfAbsent(name, f);
                if (earlier != null && earlier != f && !Set.copyOf(earlier.columnNames()).equals(Set.copyOf(f.columnNames()))) {
                    problem(nodes.get(f), "fields." + f.field().path() + ".column", "'" + name + "' is also among the names of"
                            + " fields." + earlier.field().path() + ".column " + earlier.columnNames() + " (line " + earlier.line()
                            + "): a column's names are one list, give the same list in both");
                    break;
                }
            }
        }
    }

    /**
     * A note for {@code #concat('CM021-', ['地块编号'])} over a column that may be empty: the row is accepted with the
     * bare constant (a node code CM021- replaced the co-operative's). Not for a key column (an empty one refuses the
     * row) nor a required field.
     */
    private void constantsJoinedToEmptyCells(List<FieldMapping> fields, List<String> key) {
        for (FieldMapping f : fields) {
            if (f.expr() == null || f.required()) {
                continue;
            }
            String column;
            try {
                column = SandboxedExpression.parse(f.expr()).columnJoinedToConstant();
            } catch (ExpressionRefusedException e) {
                continue;
            }
            String cell = "#value".equals(column) ? f.sourceColumn() : column;
            if (column != null && !key.contains(cell)) {
                notes.add(new SpecProblem(file, f.line(), "fields." + f.field().path() + ".expr", "#concat joins a constant to "
                        + ("#value".equals(column) ? "the field's cell" : "['" + column + "']") + ", and reads an empty cell as ''"
                        + ": a row without it gets the bare constant and is accepted; guard it (… == null ? null : #concat(…))"
                        + " and add required: true if the column must be filled"));
            }
        }
    }

    private SkipRule skipRule(MappingNode m, boolean xml, Map<String, String> namespaces) {
        Map<String, Node> keys = entries(m, SKIP_KEYS, "skip.");
        SkipRule rule = new SkipRule(text(keys.get("column")), text(keys.get("equals")), text(keys.get("startsWith")),
                text(keys.get("when")));
        if (rule.when() == null && (rule.column() == null || (rule.equals() == null && rule.startsWith() == null))) {
            problem(m, "skip", "a skip rule needs column with equals/startsWith, or when");
        }
        if (rule.column() != null && xml) {
            xmlPath(rule.column(), namespaces, keys.get("column"), "skip.column");
        }
        if (rule.when() != null) {
            try {
                SandboxedExpression.parse(rule.when());
            } catch (ExpressionRefusedException e) {
                problem(keys.get("when"), "skip.when", e.getMessage());
            }
        }
        return rule;
    }

    private OperatorDefaults operator(Node node) {
        if (node == null) {
            return new OperatorDefaults(null, null, null, null);
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, "operator", "expected a mapping such as { uscc: …, nodeType: WHOLESALE }");
            return new OperatorDefaults(null, null, null, null);
        }
        Map<String, Node> keys = entries(m, OPERATOR_KEYS, "operator.");
        String uscc = text(keys.get("uscc"));
        checkConstant("operator.uscc", uscc, null, Map.of(), keys.get("uscc"), "operator.uscc", "every row");
        // stored as checked: cleaned as a cell is (a no-break or zero-width space pasted from a web page, full-width
        // characters), the credit code upper-cased as the engine does a row's
        String cleanUscc = cleaned(uscc);
        return new OperatorDefaults(cleanUscc == null ? null : cleanUscc.toUpperCase(Locale.ROOT), cleaned(text(keys.get("name"))),
                cleaned(text(keys.get("nodeCode"))), enumValue(keys.get("nodeType"), "operator.nodeType", NodeType.class, false, m));
    }

    /**
     * A constant of the spec (a field's {@code value} or {@code default}, the operator's code) as the engine will read
     * it — normalised, then through its lookup table, a credit code upper-cased — checked by the standard's validator of
     * its field, if it has one, or against the field's code list. Every row gets the value, so what the rules refuse
     * would refuse every row: a problem of the spec, reported with its line; what they only warn about is kept as a note.
     */
    private void checkConstant(String field, String constant, String lookup, Map<String, Map<String, String>> lookups, Node node,
            String key, String rows) {
        StandardField standard = StandardFields.find(field).orElse(null);
        boolean codeList = standard != null && standard.kind() == FieldKind.CODE_LIST;
        if (constant == null || !(codeList || EventRules.CHECKED_BY.containsKey(field))) {
            return;
        }
        String value = TextNormalizer.normalize(constant);
        if (value == null || value.isEmpty()) {
            return;
        }
        if (lookup != null) {
            Map<String, String> table = lookups.get(lookup);
            if (table == null) {
                return; // reported as an undefined table
            }
            // found as the engine finds it (as typed, else ignoring case): `lpg` for a table keyed LPG is no problem
            Map<String, String> read = codeList ? LookupTables.codeNames(table, standard.enumType()) : table;
            String found = LookupTables.lookUp(read, LookupTables.ignoringCase(read), value);
            if (found == null) {
                problem(node, key, "'" + constant + "' is not in lookup table '" + lookup + "': " + rows
                        + " would be rejected with LOOKUP_MISSING");
                return;
            }
            value = found;
            if (codeList) {
                return; // the table's values are checked against the code list with the table (checkCodeListLookups)
            }
        } else if (codeList) {
            if (CodeListValues.name(standard.enumType(), value) == null) {
                problem(node, key, "'" + constant + "' is not a code of " + field + ": " + rows + " would be rejected with"
                        + " LOOKUP_MISSING; write one of " + List.of(standard.enumType().getEnumConstants()));
            }
            return;
        }
        if (field.endsWith(".uscc")) {
            // the engine upper-cases a credit code (GB 32100 has no lower-case letters): checked as it will be used
            value = value.toUpperCase(Locale.ROOT);
        }
        Finding finding = specRules.checkIdentifier(field, value);
        if (finding == null) {
            return;
        }
        String what = "'" + constant + "'" + (value.equals(constant) ? "" : " (→ '" + value + "')");
        if (finding.severity() == Severity.ERROR) {
            problem(node, key, what + " would reject " + rows + ": " + finding.code() + " " + finding.message());
        } else {
            notes.add(new SpecProblem(file, line(node), key, what + " gives " + rows + " a warning: " + finding.code() + " "
                    + finding.message()));
        }
    }

    /**
     * A code-list field's constant or default as the engine gets it: the code's name ({@code equipment-user} →
     * {@code EQUIPMENT_USER}), as the operator block reads its {@code nodeType}. Left as written when it names no code
     * (refused by {@link #checkConstant}), goes through a lookup (whose values {@link #checkCodeListLookups} checks) or
     * an expression.
     */
    private static String codeConstant(StandardField field, String constant, String lookup, String expr) {
        if (constant == null || field.kind() != FieldKind.CODE_LIST || lookup != null || expr != null) {
            return constant;
        }
        String name = CodeListValues.name(field.enumType(), constant);
        return name == null ? constant : name;
    }

    /**
     * The values of every lookup table a code-list field reads must be codes of its list (written as
     * {@link CodeListValues} reads them, which the engine does too): a wrong one ({@code 零售: 零售商}) would reject every
     * row that reaches it with LOOKUP_MISSING, a mistake the clerk cannot correct. Reported at the entry, naming the field.
     */
    private void checkCodeListLookups(List<FileSpec> files, Map<String, Map<String, String>> lookups) {
        Set<String> checked = new HashSet<>();
        for (FileSpec f : files) {
            for (FieldMapping m : f.fields()) {
                StandardField field = m.field();
                Map<String, String> table = m.lookup() == null ? null : lookups.get(m.lookup());
                if (table == null || field.kind() != FieldKind.CODE_LIST || !checked.add(m.lookup() + " " + field.enumType().getName())) {
                    continue;
                }
                lookupEntries.getOrDefault(m.lookup(), Map.of()).forEach((legacy, entry) -> {
                    String standard = table.get(legacy);
                    if (standard != null && CodeListValues.name(field.enumType(), standard) == null) {
                        problems.add(new SpecProblem(file, entry.line(), entry.key(), entry.prefix() + "'" + legacy + "' → '" + standard
                                + "' is not a code of " + field.path() + " (fields." + field.path() + ", line " + m.line()
                                + ", reads this table): every row reaching it would be rejected with LOOKUP_MISSING; write one of "
                                + List.of(field.enumType().getEnumConstants())));
                    }
                });
            }
        }
    }

    /**
     * An event carries one extension block, its category's (the XSD's {@code Extension} is a choice): fields of another
     * category's block — a spec copied from another category's — would give every row EXTENSION_MISMATCH, or, beside the
     * category's own block, refuse it (EXTENSION_BLOCKS_SEVERAL). When a field sets the category per row, only two
     * blocks are refused.
     */
    private void extensionBlocks(Category specCategory, Map<FieldMapping, Node> fields) {
        Category category = specCategory;
        for (FieldMapping m : fields.keySet()) {
            if (m.field().path().equals("category")) {
                String name = m.constant() == null || m.lookup() != null || m.expr() != null ? null
                        : CodeListValues.name(Category.class, m.constant());
                category = name == null ? null : Category.valueOf(name);
            }
        }
        String own = category == null ? null : EventRules.blockOf(category);
        String first = null;
        for (Map.Entry<FieldMapping, Node> e : fields.entrySet()) {
            String path = e.getKey().field().path();
            if (!path.startsWith("extension.")) {
                continue;
            }
            String block = path.split("\\.")[1];
            if (category != null && own == null) {
                problem(e.getValue(), "fields." + path, "category " + category + " has no extension block: its events carry none");
            } else if (category != null && !block.equals(own)) {
                problem(e.getValue(), "fields." + path, "extension." + block + " is another category's block: an event carries one"
                        + " extension block, and category " + category + "'s is extension." + own);
            } else if (first == null) {
                first = block;
            } else if (!block.equals(first)) {
                problem(e.getValue(), "fields." + path, "a second extension block beside extension." + first + ": an event carries"
                        + " one extension block");
            }
        }
    }

    private Map<String, Map<String, String>> lookups(Node node) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, "lookups", "expected a mapping of table name to { legacy value: standard value } or { file: lookups/<name>.csv }");
            return result;
        }
        for (NodeTuple t : m.getValue()) {
            String name = ((ScalarNode) t.getKeyNode()).getValue();
            Map<String, String> table = new LinkedHashMap<>();
            Map<String, Entry> entries = new LinkedHashMap<>();
            lookupEntries.put(name, entries);
            if (t.getValueNode() instanceof MappingNode tm && isFileReference(tm)) {
                Node fileNode = tm.getValue().get(0).getValueNode();
                lookupFile(text(fileNode), fileNode, "lookups." + name + ".file", table, entries);
            } else if (t.getValueNode() instanceof MappingNode tm) {
                for (NodeTuple e : tm.getValue()) {
                    String legacy = ((ScalarNode) e.getKeyNode()).getValue();
                    String standard = text(e.getValueNode());
                    if (table.containsKey(legacy)) {
                        problem(e.getKeyNode(), "lookups." + name + "." + legacy, "duplicate entry: it is already given above");
                    } else if (standard == null) {
                        problem(e.getKeyNode(), "lookups." + name + "." + legacy, "missing the standard value");
                    } else {
                        table.put(legacy, standard);
                        entries.put(legacy, new Entry(line(e.getValueNode()), "lookups." + name + "." + legacy, ""));
                    }
                }
            } else {
                problem(t.getValueNode(), "lookups." + name, "expected a mapping { legacy value: standard value } or { file: lookups/"
                        + name + ".csv }");
            }
            result.put(name, Map.copyOf(table));
        }
        return result;
    }

    /** {@code { file: … }} — a table whose only key is {@code file} names a CSV file instead of listing entries. */
    private static boolean isFileReference(MappingNode table) {
        return table.getValue().size() == 1 && table.getValue().get(0).getKeyNode() instanceof ScalarNode k
                && "file".equals(k.getValue());
    }

    /** Reads a lookup CSV (UTF-8, header {@code legacy,standard}) beside the spec into {@code table}. */
    private void lookupFile(String relative, Node node, String key, Map<String, String> table, Map<String, Entry> entries) {
        if (relative == null || !relative.endsWith(".csv") || relative.startsWith("/") || relative.contains("\\")
                || List.of(relative.split("/")).contains("..")) {
            problem(node, key, "give a .csv file relative to the spec's folder, e.g. lookups/meat-products.csv");
            return;
        }
        try (InputStream in = siblings.open(relative);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
             CSVParser csv = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
            boolean first = true;
            for (CSVRecord r : csv) {
                String legacy = r.size() > 0 ? r.get(0).replace("\uFEFF", "").strip() : "";
                String standard = r.size() > 1 ? r.get(1).strip() : "";
                String where = relative + " line " + r.getRecordNumber() + ": ";
                if (first) {
                    first = false;
                    if (!"legacy".equalsIgnoreCase(legacy) || !"standard".equalsIgnoreCase(standard) || r.size() != 2) {
                        problem(node, key, where + "the header must be 'legacy,standard', found '" + String.join(",", r.toList()) + "'");
                        return;
                    }
                    continue;
                }
                if (r.size() != 2) {
                    problem(node, key, where + "expected 2 cells (legacy,standard), found " + r.size());
                } else if (legacy.isEmpty() || standard.isEmpty()) {
                    problem(node, key, where + "both the legacy and the standard value are needed");
                } else if (table.containsKey(legacy)) {
                    problem(node, key, where + "duplicate entry '" + legacy + "': it is already given above");
                } else if (table.size() >= MAX_LOOKUP_ENTRIES) {
                    problem(node, key, where + "more than " + MAX_LOOKUP_ENTRIES + " entries");
                    return;
                } else {
                    table.put(legacy, standard);
                    entries.put(legacy, new Entry(line(node), key, where));
                }
            }
            if (first) {
                problem(node, key, relative + " is empty: expected the header 'legacy,standard' and one line per code");
            }
        } catch (NoSuchFileException e) {
            problem(node, key, "lookup file '" + relative + "' not found beside the spec"
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problem(node, key, "cannot read lookup file '" + relative + "' as UTF-8 CSV: " + e.getMessage());
        }
    }

    private Map<String, Node> entries(MappingNode node, Set<String> allowed, String prefix) {
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), prefix, "keys must be plain text");
                continue;
            }
            if (result.containsKey(k.getValue())) {
                problem(k, prefix + k.getValue(), "duplicate key: it is already given above");
                continue;
            }
            if (!allowed.contains(k.getValue())) {
                String hint = allowed.stream().filter(a -> a.toLowerCase(Locale.ROOT).startsWith(k.getValue().toLowerCase(Locale.ROOT).substring(0, Math.min(2, k.getValue().length()))))
                        .findFirst().map(a -> " — did you mean '" + a + "'?").orElse("; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
                problem(k, prefix + k.getValue(), "unknown key" + hint);
                continue;
            }
            result.put(k.getValue(), t.getValueNode());
        }
        return result;
    }

    private String requiredText(Map<String, Node> keys, String key, Node parent) {
        String value = text(keys.get(key));
        if (value == null) {
            problem(parent, key, "missing");
        }
        return value;
    }

    private <E extends Enum<E>> E enumValue(Node node, String key, Class<E> type, boolean required, Node parent) {
        String value = text(node);
        if (value == null) {
            if (required) {
                problem(parent, key, "missing; one of " + List.of(type.getEnumConstants()));
            }
            return null;
        }
        String name = CodeListValues.name(type, value);
        if (name == null) {
            problem(node, key, "'" + value + "' is not one of " + List.of(type.getEnumConstants()));
            return null;
        }
        return Enum.valueOf(type, name);
    }

    private int integer(Node node, String key) {
        String value = text(node);
        try {
            int i = Integer.parseInt(value);
            if (i < 1) {
                problem(node, key, "must be 1 or more");
            }
            return i;
        } catch (NumberFormatException e) {
            problem(node, key, "must be a whole number, found '" + value + "'");
            return 0;
        }
    }

    private List<String> textList(Node node, String key) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (node instanceof SequenceNode seq) {
            List<String> list = new ArrayList<>();
            for (Node n : seq.getValue()) {
                String t = text(n);
                if (t == null) {
                    problem(n, key, "list entries must be plain text");
                } else {
                    list.add(t);
                }
            }
            return List.copyOf(list);
        }
        problem(node, key, "expected a value or a list");
        return List.of();
    }

    /**
     * {@code split}: one separator or a list of them, a cell splitting at any of them. An empty list entry is refused
     * ({@link #textList}): it would split between characters, which no export means.
     */
    private List<String> separators(Node node, String key) {
        if (node instanceof SequenceNode seq && seq.getValue().isEmpty()) {
            problem(node, key, "expected a separator or a list of them, e.g. [\";\", \"、\"]");
            return List.of();
        }
        return node instanceof ScalarNode && text(node) == null ? List.of() : textList(node, key);
    }

    private void checkCharset(Node node, String key, String name) {
        try {
            Charset.forName(name);
        } catch (IllegalArgumentException e) {
            problem(node, key, "unknown encoding '" + name + "' (use UTF-8, GBK, GB18030 or auto)");
        }
    }

    /** A value of the spec as the engine reads a cell ({@link TextNormalizer}); null when nothing is left. */
    private static String cleaned(String value) {
        String clean = TextNormalizer.normalize(value);
        return clean == null || clean.isEmpty() ? null : clean;
    }

    private static String text(Node node) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            return v == null || v.isEmpty() || "~".equals(v) || "null".equals(v) ? null : v;
        }
        return null;
    }

    private void problem(Node node, String key, String message) {
        problems.add(new SpecProblem(file, line(node), key, message));
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
