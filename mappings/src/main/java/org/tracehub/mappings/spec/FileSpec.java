package org.tracehub.mappings.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tracehub.mappings.expr.SandboxedExpression;
import org.tracehub.schemas.standard.v1.Step;

/**
 * One kind of file a source sends: how to recognise it, read it and map its rows.
 *
 * @param match           a glob on the file name, e.g. {@code 交易明细_*.csv}
 * @param encoding        a charset name, or {@code auto} (BOM → strict UTF-8 → GB18030)
 * @param headerRow       the 1-based row holding the column names; rows above it are titles
 * @param delimiter       CSV: the field separator
 * @param quote           CSV: the quote character
 * @param maxRecordLength CSV: characters one record may have before the file is refused
 * @param sheet           XLS/XLSX: the sheet name or 1-based index, or null for the first sheet
 * @param record          XML: the absolute element path of one record, or null
 * @param namespaces      XML: prefix → namespace URI, for {@code record} and field paths
 * @param key             the columns (XML: paths) whose values make the row's natural key
 */
public record FileSpec(
        String match,
        FileFormat format,
        String encoding,
        int headerRow,
        char delimiter,
        Step step,
        List<SkipRule> skip,
        List<String> key,
        List<FieldMapping> fields,
        char quote,
        int maxRecordLength,
        String sheet,
        String record,
        Map<String, String> namespaces) {

    public static final char DEFAULT_QUOTE = '"';
    public static final int DEFAULT_MAX_RECORD_LENGTH = 100_000;
    /** Bounded by the specs' globs (a few per source), which hot reloads replace rarely. */
    private static final Map<String, FileNameGlob> GLOBS = new ConcurrentHashMap<>();

    public FileSpec {
        if (match != null) {
            glob(match); // a glob that does not compile is refused here, never at the first file's intake
        }
        skip = List.copyOf(skip);
        key = List.copyOf(key);
        fields = List.copyOf(fields);
        namespaces = namespaces == null ? Map.of() : Map.copyOf(namespaces);
    }

    /** A CSV-style file kind with the default quote and record length and no sheet or XML settings. */
    public FileSpec(String match, FileFormat format, String encoding, int headerRow, char delimiter, Step step,
            List<SkipRule> skip, List<String> key, List<FieldMapping> fields) {
        this(match, format, encoding, headerRow, delimiter, step, skip, key, fields, DEFAULT_QUOTE,
                DEFAULT_MAX_RECORD_LENGTH, null, null, Map.of());
    }

    /** Whether the file name matches {@code match}, regardless of case ({@link FileNameGlob}). */
    public boolean matches(String fileName) {
        return glob(match).matches(fileName);
    }

    /** Compiled once per glob: a record holds no derived field, and intake matches every file against every kind. */
    private static FileNameGlob glob(String match) {
        return GLOBS.computeIfAbsent(match, FileNameGlob::new);
    }

    /**
     * Every column (XML: path) the spec reads, in the order first named: field columns and paths,
     * unit and time columns, the natural key, skip-rule columns, and the columns expressions read.
     */
    public Set<String> columnsRead() {
        Set<String> columns = new LinkedHashSet<>();
        for (FieldMapping m : fields) {
            add(columns, m.sourceColumn());
            add(columns, m.unitColumn());
            add(columns, m.timeColumn());
        }
        columns.addAll(key);
        for (SkipRule r : skip) {
            add(columns, r.column());
        }
        for (FieldMapping m : fields) {
            if (m.expr() != null) {
                columns.addAll(SandboxedExpression.parse(m.expr()).referencedColumns());
            }
        }
        for (SkipRule r : skip) {
            if (r.when() != null) {
                columns.addAll(SandboxedExpression.parse(r.when()).referencedColumns());
            }
        }
        return columns;
    }

    /**
     * Every name that stands for {@code column} in one layout of the file or another: the names of the field whose
     * {@code column} lists it among its alternatives ({@code column: [凭证编号, 交易凭证号]}), so that the key, a skip rule,
     * a unit or time column and an expression may name the column by either; the name alone when no field lists it.
     * The loader makes sure no name is among two fields' different lists.
     */
    public List<String> namesOf(String column) {
        for (FieldMapping m : fields) {
            if (!m.alternatives().isEmpty() && m.columnNames().contains(column)) {
                return m.columnNames();
            }
        }
        return List.of(column);
    }

    /**
     * {@link #columnsRead} with each column as all its names ({@link #namesOf}), each column once: what the header must
     * hold one name of.
     */
    public Set<List<String>> columnNamesRead() {
        Set<List<String>> columns = new LinkedHashSet<>();
        for (String column : columnsRead()) {
            columns.add(namesOf(column));
        }
        return columns;
    }

    private static void add(Set<String> columns, String column) {
        if (column != null) {
            columns.add(column);
        }
    }
}
