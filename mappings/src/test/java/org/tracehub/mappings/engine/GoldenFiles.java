package org.tracehub.mappings.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tracehub.samples.SampleCorpus;

/**
 * Compares produced output with a checked-in expected file and prints both sides on a difference.
 * {@code -Dgolden.update=true} rewrites the expected files in samples/ instead (review the diff!).
 */
public final class GoldenFiles {

    private static final Path SAMPLES_DIR = Path.of("..", "samples");

    private GoldenFiles() {
    }

    public static void assertMatches(String samplePath, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path target = SAMPLES_DIR.resolve(samplePath);
            Files.createDirectories(target.getParent());
            Files.writeString(target, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/samples/" + samplePath)) {
            assertThat(in).as("expected file samples/%s (create it with -Dgolden.update=true)", samplePath).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual.replace("\r\n", "\n"))
                .as("output differs from samples/%s%n--- expected ---%n%s%n--- actual ---%n%s", samplePath, expected, actual)
                .isEqualTo(expected.replace("\r\n", "\n"));
    }

    static Path sample(String samplePath, Path dir) {
        return SampleCorpus.copyTo(samplePath, dir);
    }
}
