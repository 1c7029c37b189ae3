package org.tracehub.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sample corpus on the classpath ({@code samples/<category>/<source>/…}). Samples live in a jar
 * at run time, so callers that need a real file get a copy.
 */
public final class SampleCorpus {

    private SampleCorpus() {
    }

    public static InputStream open(String path) {
        InputStream in = SampleCorpus.class.getResourceAsStream("/samples/" + path);
        if (in == null) {
            throw new IllegalArgumentException("no such sample: samples/" + path);
        }
        return in;
    }

    public static byte[] bytes(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a sample into a folder under its own file name and returns the copy. */
    public static Path copyTo(String path, Path dir) {
        try (InputStream in = open(path)) {
            Files.createDirectories(dir);
            Path target = dir.resolve(Path.of(path).getFileName().toString());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
