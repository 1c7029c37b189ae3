package org.tracehub.samples.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Writes an N-row version of a source's export for benchmarks and load tests.
 * <ul>
 * <li>the same title rows, header, sheet and structure as the source's sample, so the source's spec
 * reads it;</li>
 * <li>about 1 % bad rows (one of the source's typical mistakes each), chosen by a seeded random:
 * the same seed gives the same file;</li>
 * <li>streaming: CSV and XML are written row by row, XLSX through SXSSF; XLS (HSSF) is built in
 * memory, which its 65,536-row sheet limit bounds.</li>
 * </ul>
 * <pre>
 * java -cp samples/target/classes:… org.tracehub.samples.generator.SampleGenerator \
 *     --source meat-wholesale-xj --rows 1000000 [--format csv] [--seed 42] [--charset GB18030] [--out DIR|FILE]
 * </pre>
 * {@code --first-row N} numbers the records from N (other records of the same day); {@code --fleet N} makes an
 * equipment source's records about N pieces of equipment that recur, as a maintenance company's lifts do (0, the
 * default: every record about a piece of its own).
 */
public final class SampleGenerator {

    /** One row in this many carries a mistake. */
    public static final int BAD_ROW_ONE_IN = 100;
    /** Rows of one XLS sheet (title, header and totals rows included). */
    public static final int XLS_MAX_ROWS = 65_536;

    private static final Map<String, Supplier<SourceLayout>> LAYOUTS = new LinkedHashMap<>();

    static {
        LAYOUTS.put("meat-wholesale-xj", MeatWholesaleXjLayout::new);
        LAYOUTS.put("meat-wholesale-jiangqiao", MeatWholesaleJiangqiaoLayout::new);
        LAYOUTS.put("vegetable-base-chongming", VegetableBaseChongmingLayout::new);
        LAYOUTS.put("elevator-maint-husheng", ElevatorMaintHushengLayout::new);
    }

    private SampleGenerator() {
    }

    /** The sources the generator knows, with the format each sends. */
    public static Map<String, OutputFormat> sources() {
        Map<String, OutputFormat> sources = new LinkedHashMap<>();
        LAYOUTS.forEach((id, layout) -> sources.put(id, layout.get().nativeFormat()));
        return sources;
    }

    public static SourceLayout layout(String source) {
        Supplier<SourceLayout> layout = LAYOUTS.get(source);
        if (layout == null) {
            throw new IllegalArgumentException("no generator layout for source '" + source + "'; known: " + LAYOUTS.keySet());
        }
        return layout.get();
    }

    /** In the source's own format and charset, under the source's file name in {@code dir}. */
    public static GenerationResult generate(String source, long rows, long seed, Path dir) {
        SourceLayout layout = layout(source);
        return generate(source, layout.nativeFormat(), rows, seed,
                dir.resolve(layout.fileName(layout.nativeFormat().extension())), layout.charset());
    }

    /**
     * @param format  a tabular source may be written as CSV, XLSX or XLS (only its native format
     *                matches its spec's {@code match}); an XML source only as XML
     * @param charset for CSV and XML
     */
    public static GenerationResult generate(String source, OutputFormat format, long rows, long seed, Path file, Charset charset) {
        return generate(source, format, rows, seed, file, charset, 1);
    }

    /**
     * As {@link #generate(String, OutputFormat, long, long, Path, Charset)}, the data rows numbered from {@code firstRow}
     * instead of 1: the number is in every record's key (voucher number, trace code, maintenance id), so files whose
     * ranges do not overlap hold different records of the same day — new records for a store that already holds the
     * other file, where overlapping ranges would be re-sent records. What the seed decides (buyers, products, weights,
     * the planted mistakes) does not change with the numbering.
     */
    public static GenerationResult generate(String source, OutputFormat format, long rows, long seed, Path file, Charset charset,
                                            long firstRow) {
        return generate(source, format, rows, seed, file, charset, firstRow, 0);
    }

    /**
     * As {@link #generate(String, OutputFormat, long, long, Path, Charset, long)}, an equipment source's records about a
     * fleet of {@code fleet} pieces of equipment that recur ({@link SourceLayout#rows(long, long)}); {@code 0}: every
     * record about a piece of its own.
     */
    public static GenerationResult generate(String source, OutputFormat format, long rows, long seed, Path file, Charset charset,
                                            long firstRow, long fleet) {
        SourceLayout layout = layout(source);
        if (fleet < 0) {
            throw new IllegalArgumentException("the fleet must be 0 (no recurring equipment) or more, not " + fleet);
        }
        if (firstRow < 1) {
            throw new IllegalArgumentException("the first row number must be 1 or more, not " + firstRow);
        }
        if (format.tabular() != layout.nativeFormat().tabular()) {
            throw new IllegalArgumentException(source + " is " + (layout.nativeFormat().tabular() ? "tabular" : "XML")
                    + " and cannot be written as " + format);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative");
        }
        long sheetRows = layout.titleRows().size() + 1 + rows + 1;
        if (format == OutputFormat.XLS && sheetRows > XLS_MAX_ROWS) {
            throw new IllegalArgumentException("an XLS sheet holds " + XLS_MAX_ROWS + " rows; " + rows
                    + " data rows with the title, header and totals rows need " + sheetRows);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SourceLayout.Rows source0 = layout.rows(seed, fleet);
        long bad = 0;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (RowSink sink = sink(format, layout, file, charset, rows)) {
                for (long n = firstRow; n < firstRow + rows; n++) {
                    GeneratedRow row = source0.next(n, random, random.nextInt(BAD_ROW_ONE_IN) == 0);
                    if (row.bad()) {
                        bad++;
                    }
                    sink.row(row.cells());
                }
                sink.finish(source0.totalRow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GenerationResult(file, rows, bad);
    }

    private static RowSink sink(OutputFormat format, SourceLayout layout, Path file, Charset charset, long rows) throws IOException {
        return switch (format) {
            case CSV -> new CsvRowSink(file, charset, layout);
            case XLSX, XLS -> new SpreadsheetRowSink(file, format, layout);
            case XML -> new XmlRowSink(file, charset, layout, rows);
        };
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument: " + args[i]);
                return;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String source = options.get("source");
        if (source == null || !LAYOUTS.containsKey(source)) {
            usage("--source must be one of " + LAYOUTS.keySet());
            return;
        }
        SourceLayout layout = layout(source);
        OutputFormat format = options.containsKey("format") ? OutputFormat.parse(options.get("format")) : layout.nativeFormat();
        long rows = Long.parseLong(options.getOrDefault("rows", "1000").replace("_", ""));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        long firstRow = Long.parseLong(options.getOrDefault("first-row", "1").replace("_", ""));
        long fleet = Long.parseLong(options.getOrDefault("fleet", "0").replace("_", ""));
        Charset charset = options.containsKey("charset") ? Charset.forName(options.get("charset")) : layout.charset();
        Path out = Path.of(options.getOrDefault("out", "."));
        Path file = Files.isDirectory(out) ? out.resolve(layout.fileName(format.extension())) : out;
        long started = System.nanoTime();
        GenerationResult result = generate(source, format, rows, seed, file, charset, firstRow, fleet);
        System.out.printf("%s: %,d rows (%,d bad) in %.1f s%n", result.file(), result.rows(), result.badRows(),
                (System.nanoTime() - started) / 1e9);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: SampleGenerator --source ID [--format csv|xlsx|xls|xml] [--rows N] [--seed S]"
                + " [--first-row N] [--fleet N] [--charset NAME] [--out DIR|FILE]");
        System.exit(2);
    }
}
