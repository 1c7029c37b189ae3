package org.tracehub.mappings.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.engine.ConversionContext;
import org.tracehub.mappings.engine.ConvertedRow;
import org.tracehub.mappings.engine.FileConversion;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.samples.generator.GenerationResult;
import org.tracehub.samples.generator.SampleGenerator;
import org.tracehub.schemas.event.EventRules;

/**
 * Converts a large GB18030 export of meat-wholesale-xj to standard events without a database and
 * compares it, in the same JVM, with a bare Commons CSV parse of the same file: rows per second of
 * each (after a warm-up run of each, then the best of {@code -Drounds=3} alternating rounds), their
 * ratio, and the peak heap of each. A second, ten times smaller file shows whether the engine's heap
 * depends on the file's size.
 * <p>
 * Not a test (no {@code @Test}, the name does not end in Test): run it by hand, see samples/README.md.
 * <pre>
 * ConversionBenchmark [rows (default 1000000)] [existing file to convert instead of a generated one]
 * </pre>
 */
public final class ConversionBenchmark {

    private static final String SOURCE = "meat-wholesale-xj";
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    /** Measured rounds of each, after the warm-up. */
    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** The header is on line 2 of the export; the bare parse skips the title line like the engine does. */
    private static final int TITLE_LINES = 1;

    private ConversionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Path dir = Files.createTempDirectory("conversion-benchmark");
        try {
            Path file;
            if (args.length > 1) {
                file = Path.of(args[1]);
            } else {
                long started = System.nanoTime();
                GenerationResult generated = SampleGenerator.generate(SOURCE, rows, 42, dir.resolve("large"));
                file = generated.file();
                System.out.printf("generated %s: %,d rows (%,d bad), %,d bytes in %.1f s%n", file.getFileName(), generated.rows(),
                        generated.badRows(), Files.size(file), seconds(started));
            }
            MappingSpec spec = SpecCatalog.load(null).source(SOURCE).orElseThrow();
            FileSpec fileSpec = spec.fileSpecFor(file.getFileName().toString()).orElseThrow();

            System.out.printf("JVM %s, max heap %,d MB, %d cores%n", System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
            bareParse(file);                                   // warm-up
            engine(spec, fileSpec, file);                      // warm-up
            // alternate the two, several rounds, and keep each one's best: other processes on a shared
            // machine slow down single runs, not the work itself
            Run bare = null;
            Run engine = null;
            for (int round = 1; round <= ROUNDS; round++) {
                Run b = measure(() -> bareParse(file));
                Run e = measure(() -> engine(spec, fileSpec, file));
                System.out.printf("round %d: bare %.2f s, engine %.2f s%n", round, b.seconds(), e.seconds());
                bare = Run.better(bare, b);
                engine = Run.better(engine, e);
            }

            print("bare Commons CSV parse", bare);
            print("engine (FileConversion)", engine);
            System.out.printf("ratio engine / bare parse: %.2f (target ≥ 0.50)%n", engine.rowsPerSecond() / bare.rowsPerSecond());

            long smallRows = Math.max(1, rows / 10);
            GenerationResult small = SampleGenerator.generate(SOURCE, smallRows, 42, dir.resolve("small"));
            engine(spec, fileSpec, small.file());
            Run engineSmall = measure(() -> engine(spec, fileSpec, small.file()));
            System.out.printf("heap vs. file size: engine peak %,d MB on %,d rows, %,d MB on %,d rows%n",
                    engineSmall.peakHeapBytes() >> 20, engineSmall.rows(), engine.peakHeapBytes() >> 20, engine.rows());
        } finally {
            deleteTree(dir);
        }
    }

    /** Parses every record and touches every cell, so that nothing is optimised away. */
    private static long bareParse(Path file) throws IOException {
        long rows = 0;
        long characters = 0;
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), GB18030.newDecoder()), 1 << 16)) {
            for (int i = 0; i < TITLE_LINES; i++) {
                ((BufferedReader) reader).readLine();
            }
            try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                for (CSVRecord record : parser) {
                    for (String cell : record) {
                        characters += cell.length();
                    }
                    rows++;
                }
            }
        }
        if (characters == 0) {
            throw new IllegalStateException("nothing parsed");
        }
        return rows;
    }

    /** The whole conversion: read, map, validate every row into a standard event; the events go nowhere. */
    private static long engine(MappingSpec spec, FileSpec fileSpec, Path file) {
        AtomicLong events = new AtomicLong();
        FileConversion.Counts counts = new FileConversion(spec, fileSpec, new EventRules(CLOCK))
                .run(file, new ConversionContext(spec.source(), "benchmark", 1), row -> {
                    if (row instanceof ConvertedRow.Accepted) {
                        events.incrementAndGet();
                    }
                });
        if (events.get() != counts.accepted()) {
            throw new IllegalStateException("counted " + events.get() + " events, the conversion says " + counts.accepted());
        }
        return counts.read() + counts.skipped();
    }

    private static Run measure(Work work) throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        long rows = work.run();
        double seconds = seconds(started);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Run(rows, seconds, peak);
    }

    private static void print(String what, Run run) {
        System.out.printf("%-26s %,12d rows in %6.2f s = %,10.0f rows/s, peak heap %,5d MB%n", what + ":", run.rows(), run.seconds(),
                run.rowsPerSecond(), run.peakHeapBytes() >> 20);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        long run() throws IOException;
    }

    /**
     * @param peakHeapBytes the sum of the heap pools' peaks since the run started (an upper bound of
     *                      the heap in use at any one moment)
     */
    private record Run(long rows, double seconds, long peakHeapBytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        /** The faster of two runs, with the larger of their peaks (the heap claim must hold for every run). */
        static Run better(Run best, Run run) {
            if (best == null) {
                return run;
            }
            return new Run(run.rows(), Math.min(best.seconds(), run.seconds()), Math.max(best.peakHeapBytes(), run.peakHeapBytes()));
        }
    }
}
