package org.tracehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.tracehub.samples.generator.GenerationResult;
import org.tracehub.samples.generator.OutputFormat;
import org.tracehub.samples.generator.SampleGenerator;
import org.tracehub.samples.generator.SourceLayout;

/** The generated input files (kept between runs: the same seed gives the same bytes) and run folders. */
final class BenchFiles {

    private final Path dataDir;

    BenchFiles(Path work) {
        this.dataDir = work.resolve("data");
    }

    /** A file of {@code rows} data rows of {@code source} in its native format, generated once per (rows, seed). */
    Path generated(String source, long rows, long seed) throws IOException {
        return generated(source, rows, seed, 1);
    }

    /** The same, its rows (and so its records' keys) numbered from {@code firstRow}; generated once per (rows, seed, first row). */
    Path generated(String source, long rows, long seed, long firstRow) throws IOException {
        return generated(source, rows, seed, firstRow, 0);
    }

    /** The same, an equipment source's records about a fleet of {@code fleet} recurring pieces (0: each its own). */
    Path generated(String source, long rows, long seed, long firstRow, long fleet) throws IOException {
        SourceLayout layout = SampleGenerator.layout(source);
        OutputFormat format = layout.nativeFormat();
        Path file = dataDir.resolve(source + "-" + rows + "-s" + seed + (firstRow == 1 ? "" : "-r" + firstRow)
                + (fleet == 0 ? "" : "-f" + fleet) + "." + format.extension());
        Path done = dataDir.resolve(file.getFileName() + ".done");
        if (!Files.exists(done)) {
            long start = System.nanoTime();
            GenerationResult result = SampleGenerator.generate(source, format, rows, seed, file, layout.charset(), firstRow, fleet);
            Files.writeString(done, result.rows() + " rows, " + result.badRows() + " bad\n");
            System.out.printf("  generated %s: %,d rows (%,d with a planted mistake) in %.1f s%n", file.getFileName(), result.rows(),
                    result.badRows(), (System.nanoTime() - start) / 1e9);
        }
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
