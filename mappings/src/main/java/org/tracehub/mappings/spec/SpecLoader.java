package org.tracehub.mappings.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.tracehub.schemas.event.FieldKind;
import org.tracehub.schemas.event.StandardField;
import org.tracehub.schemas.event.StandardFields;
import org.tracehub.schemas.standard.v1.Category;
import org.tracehub.schemas.standard.v1.NodeType;
import org.tracehub.schemas.standard.v1.Step;
import org.tracehub.schemas.unit.LegacyUnit;
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
            "rejectThreshold", "files", "lookups", "receiptEncoding");
    private static final Set<String> FILE_KEYS = Set.of("match", "format", "encoding", "header", "delimiter",
            "step", "skip", "key", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("column", "index", "value", "date", "unit", "unitColumn",
            "lookup", "split");
    private static final Set<String> OPERATOR_KEYS = Set.of("uscc", "name", "nodeCode", "nodeType");
    private static final Set<String> SKIP_KEYS = Set.of("column", "equals", "startsWith", "when");

    private String file;
    private List<SpecProblem> problems;

    public MappingSpec load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, path.toString());
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(path.toString(), 0, null, "无法读取映射文件: " + e.getMessage())));
        }
    }

    public synchronized MappingSpec load(InputStream in, String fileName) {
        this.file = fileName;
        this.problems = new ArrayList<>();
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
            for (Node f : seq.getValue()) {
                FileSpec fs = fileSpec(f, lookups);
                if (fs != null) {
                    files.add(fs);
                }
            }
        } else {
            problem(filesNode, "files", "must be a list");
        }
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
                lookups, receiptEncoding, fileName);
    }

    private FileSpec fileSpec(Node node, Map<String, Map<String, String>> lookups) {
        if (!(node instanceof MappingNode m)) {
            problem(node, "files", "each file kind is a mapping");
            return null;
        }
        Map<String, Node> keys = entries(m, FILE_KEYS, "files.");
        String match = requiredText(keys, "match", m);
        FileFormat format = enumValue(keys.get("format"), "format", FileFormat.class, true, m);
        String encoding = keys.containsKey("encoding") ? text(keys.get("encoding")) : "auto";
        if (!"auto".equals(encoding)) {
            checkCharset(keys.get("encoding"), "encoding", encoding);
        }
        int header = keys.containsKey("header") ? integer(keys.get("header"), "header") : 1;
        char delimiter = ',';
        if (keys.containsKey("delimiter")) {
            String d = text(keys.get("delimiter"));
            if (d == null || d.length() != 1) {
                problem(keys.get("delimiter"), "delimiter", "must be one character");
            } else {
                delimiter = d.charAt(0);
            }
        }
        Step step = enumValue(keys.get("step"), "step", Step.class, true, m);
        List<SkipRule> skip = new ArrayList<>();
        Node skipNode = keys.get("skip");
        if (skipNode instanceof MappingNode single) {
            skip.add(skipRule(single));
        } else if (skipNode instanceof SequenceNode many) {
            for (Node s : many.getValue()) {
                if (s instanceof MappingNode sm) {
                    skip.add(skipRule(sm));
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
        List<FieldMapping> fields = new ArrayList<>();
        Node fieldsNode = keys.get("fields");
        if (fieldsNode instanceof MappingNode fm) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : fm.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
                    problem(k, "fields." + k.getValue(), "duplicate field: it is already mapped above");
                    continue;
                }
                FieldMapping mapping = fieldMapping(t, lookups);
                if (mapping != null) {
                    fields.add(mapping);
                }
            }
        } else {
            problem(fieldsNode == null ? m : fieldsNode, "fields", "missing: the mapping of standard fields");
        }
        return new FileSpec(match, format, encoding, header, delimiter, step, List.copyOf(skip), key, List.copyOf(fields));
    }

    private FieldMapping fieldMapping(NodeTuple tuple, Map<String, Map<String, String>> lookups) {
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
        Map<String, Node> keys = entries(m, FIELD_KEYS, "fields." + path + ".");
        String column = text(keys.get("column"));
        int index = keys.containsKey("index") ? integer(keys.get("index"), "fields." + path + ".index") : 0;
        String constant = text(keys.get("value"));
        int sources = (column != null ? 1 : 0) + (index > 0 ? 1 : 0) + (constant != null ? 1 : 0);
        if (sources != 1) {
            problem(m, "fields." + path, "give exactly one of column, index or value");
        }
        List<String> dates = textList(keys.get("date"), "fields." + path + ".date");
        for (String pattern : dates) {
            try {
                DateTimeFormatter.ofPattern(pattern);
            } catch (IllegalArgumentException e) {
                problem(keys.get("date"), "fields." + path + ".date", "bad date pattern '" + pattern + "': " + e.getMessage());
            }
        }
        // a constant is parsed with the patterns too, so it needs them as much as a column does
        if ((field.kind() == FieldKind.DATE_TIME || field.kind() == FieldKind.DATE) && dates.isEmpty()) {
            problem(m, "fields." + path, "a date field needs date: [patterns], e.g. [\"yyyy/M/d H:mm\"]");
        }
        String unit = text(keys.get("unit"));
        String unitColumn = text(keys.get("unitColumn"));
        if (field.kind() == FieldKind.QUANTITY && unit == null && unitColumn == null) {
            problem(m, "fields." + path, "a quantity needs unit (斤, 公斤, 吨 …) or unitColumn");
        }
        if (unit != null && LegacyUnit.parse(unit).isEmpty()) {
            problem(keys.get("unit"), "fields." + path + ".unit", "unknown unit '" + unit + "'");
        }
        String lookup = text(keys.get("lookup"));
        if (lookup != null && !lookups.containsKey(lookup)) {
            problem(keys.get("lookup"), "fields." + path + ".lookup", "lookup table '" + lookup + "' is not defined under lookups");
        }
        String split = text(keys.get("split"));
        return new FieldMapping(field, column, index, constant, List.copyOf(dates), unit, unitColumn, lookup, split,
                m.getStartMark().getLine() + 1);
    }

    private SkipRule skipRule(MappingNode m) {
        Map<String, Node> keys = entries(m, SKIP_KEYS, "skip.");
        SkipRule rule = new SkipRule(text(keys.get("column")), text(keys.get("equals")), text(keys.get("startsWith")),
                text(keys.get("when")));
        if (rule.when() == null && (rule.column() == null || (rule.equals() == null && rule.startsWith() == null))) {
            problem(m, "skip", "a skip rule needs column with equals/startsWith, or when");
        }
        if (rule.when() != null) {
            try {
                new SpelExpressionParser().parseExpression(rule.when());
            } catch (ParseException e) {
                problem(keys.get("when"), "skip.when", "cannot parse expression: " + e.getMessage());
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
        return new OperatorDefaults(text(keys.get("uscc")), text(keys.get("name")), text(keys.get("nodeCode")),
                enumValue(keys.get("nodeType"), "operator.nodeType", NodeType.class, false, m));
    }

    private Map<String, Map<String, String>> lookups(Node node) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        if (!(node instanceof MappingNode m)) {
            problem(node, "lookups", "expected a mapping of table name to { legacy value: standard value }");
            return result;
        }
        for (NodeTuple t : m.getValue()) {
            String name = ((ScalarNode) t.getKeyNode()).getValue();
            Map<String, String> table = new LinkedHashMap<>();
            if (t.getValueNode() instanceof MappingNode tm) {
                for (NodeTuple e : tm.getValue()) {
                    String legacy = ((ScalarNode) e.getKeyNode()).getValue();
                    String standard = text(e.getValueNode());
                    if (table.containsKey(legacy)) {
                        problem(e.getKeyNode(), "lookups." + name + "." + legacy, "duplicate entry: it is already given above");
                    } else if (standard == null) {
                        problem(e.getKeyNode(), "lookups." + name + "." + legacy, "missing the standard value");
                    } else {
                        table.put(legacy, standard);
                    }
                }
            } else {
                problem(t.getValueNode(), "lookups." + name, "expected a mapping { legacy value: standard value }");
            }
            result.put(name, Map.copyOf(table));
        }
        return result;
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
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problem(node, key, "'" + value + "' is not one of " + List.of(type.getEnumConstants()));
            return null;
        }
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

    private void checkCharset(Node node, String key, String name) {
        try {
            Charset.forName(name);
        } catch (IllegalArgumentException e) {
            problem(node, key, "unknown encoding '" + name + "' (use UTF-8, GBK, GB18030 or auto)");
        }
    }

    private static String text(Node node) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            return v == null || v.isEmpty() || "~".equals(v) || "null".equals(v) ? null : v;
        }
        return null;
    }

    private void problem(Node node, String key, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        problems.add(new SpecProblem(file, line, key, message));
    }
}
