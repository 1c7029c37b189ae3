package org.tracehub.mappings.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.io.ClassPathResource;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.mappings.spec.SpecProblem;

/**
 * The spec texts the hub has converted by, kept under its data directory ({@code <hub.data-dir>/specs}), never under the
 * watched folder: an edit there would otherwise be read as a spec.
 * <ul>
 *   <li>{@code by-fingerprint/<fingerprint>.yml}, with the lookup files it named under {@code by-fingerprint/<fingerprint>/},
 *   written once: which mapping made a batch stays readable after the folder's file changed and after the job metadata
 *   that held the fingerprint is purged;</li>
 *   <li>{@code last-good/<source>.properties}: which of those texts a file of the folder last loaded into, and when. A spec
 *   file that is broken when the hub starts is refused with nothing in memory to fall back on; this is what it falls back
 *   on instead of dropping the source (or silently showing an older built-in spec).</li>
 * </ul>
 * Every file is written to a temporary name and moved into place, so a crash leaves the old file or the new one.
 */
public final class SpecArchive {

    /** What a spec file of the folder last loaded into, kept across restarts. */
    public record LastGood(MappingSpec spec, Instant since, Path text) {
    }

    /** The text a spec was loaded from and the files it opened beside it (relative path to bytes), as read. */
    public record Captured(byte[] text, Map<String, byte[]> siblings) {
    }

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16,128}");

    private final Path byFingerprint;
    private final Path lastGood;
    private final Clock clock;

    /** @param root the archive's folder ({@code <hub.data-dir>/specs}); made when first written */
    public SpecArchive(Path root, Clock clock) {
        this.byFingerprint = root.resolve("by-fingerprint");
        this.lastGood = root.resolve("last-good");
        this.clock = clock;
    }

    /** Siblings that remember every file a load opened, so that what was read is kept, not what the folder holds later. */
    public static final class Capture implements SpecLoader.Siblings {

        private final SpecLoader.Siblings delegate;
        private final Map<String, byte[]> read = new LinkedHashMap<>();

        public Capture(SpecLoader.Siblings delegate) {
            this.delegate = delegate;
        }

        @Override
        public InputStream open(String relativePath) throws IOException {
            byte[] bytes;
            try (InputStream in = delegate.open(relativePath)) {
                bytes = in.readAllBytes();
            }
            read.put(relativePath, bytes);
            return new ByteArrayInputStream(bytes);
        }

        public Captured of(byte[] text) {
            return new Captured(text, Map.copyOf(read));
        }
    }

    /** Loads a spec file as the watcher does, keeping the bytes it was loaded from. */
    public static Loaded load(Path file) {
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(file.toString(), 0, null,
                    "无法读取映射文件: " + e.getMessage())));
        }
        Path dir = file.toAbsolutePath().getParent();
        Capture capture = new Capture(dir == null ? SpecLoader.Siblings.NONE : SpecLoader.Siblings.folder(dir));
        MappingSpec spec = new SpecLoader().load(new ByteArrayInputStream(text), file.toString(), capture);
        return new Loaded(spec, capture.of(text));
    }

    /**
     * Keeps the text of a built-in spec (classpath {@code sources/…}), read again with its lookup files: a batch converted
     * by it can be traced to its text after a release changed it. Nothing when its text no longer loads into it.
     */
    public void keepBuiltIn(MappingSpec spec) {
        ClassPathResource resource = new ClassPathResource(spec.origin(),
                SpecArchive.class.getClassLoader());
        if (text(spec.fingerprint()).isPresent() || !resource.exists()) {
            return;
        }
        try (InputStream in = resource.getInputStream()) {
            byte[] text = in.readAllBytes();
            Capture capture = new Capture(SpecCatalog.besideBuiltIn(resource));
            MappingSpec again = new SpecLoader().load(new ByteArrayInputStream(text), spec.origin(), capture);
            if (again.fingerprint().equals(spec.fingerprint())) {
                keep(spec.fingerprint(), capture.of(text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A spec with the bytes it was loaded from. */
    public record Loaded(MappingSpec spec, Captured captured) {
    }

    /**
     * Keeps the text a spec of this fingerprint was loaded from, unless one is kept already (the fingerprint leaves out
     * comments and lines: the first text kept converts as any later one does). Returns where it is.
     */
    public Path keep(String fingerprint, Captured captured) {
        checkFingerprint(fingerprint);
        Path text = byFingerprint.resolve(fingerprint + ".yml");
        if (Files.isRegularFile(text)) {
            return text;
        }
        try {
            Files.createDirectories(byFingerprint);
            if (!captured.siblings().isEmpty()) {
                // the lookup files first: a text in place always has its lookup files beside it
                Path folder = byFingerprint.resolve(fingerprint);
                if (!Files.isDirectory(folder)) {
                    Path tmp = byFingerprint.resolve(".tmp-" + UUID.randomUUID());
                    for (Map.Entry<String, byte[]> e : captured.siblings().entrySet()) {
                        Path target = tmp.resolve(e.getKey()).normalize();
                        if (!target.startsWith(tmp)) {
                            continue; // the loader refuses such a name before it is opened; never written outside
                        }
                        Files.createDirectories(target.getParent());
                        Files.write(target, e.getValue());
                    }
                    try {
                        Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                        deleteTree(tmp);
                    }
                }
            }
            writeAtomically(text, captured.text());
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the spec text " + text + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the lookup files of a spec loaded from {@code text} are: beside it for a spec file, in the folder named after
     * the fingerprint for a text this archive kept ({@code by-fingerprint/<fingerprint>.yml}), so that a spec in use from
     * the archive is read back (its page, the dry run) with the lookup files it was loaded with.
     */
    public static SpecLoader.Siblings siblingsOf(Path text) {
        Path file = text.toAbsolutePath();
        Path parent = file.getParent();
        if (parent == null) {
            return SpecLoader.Siblings.NONE;
        }
        String name = file.getFileName().toString();
        if (parent.getFileName() != null && "by-fingerprint".equals(parent.getFileName().toString()) && name.endsWith(".yml")
                && FINGERPRINT.matcher(name.substring(0, name.length() - 4)).matches()) {
            return SpecLoader.Siblings.folder(parent.resolve(name.substring(0, name.length() - 4)));
        }
        return SpecLoader.Siblings.folder(parent);
    }

    /** The kept text of the spec with this fingerprint, if it was kept. */
    public Optional<Path> text(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            return Optional.empty();
        }
        Path text = byFingerprint.resolve(fingerprint + ".yml");
        return Files.isRegularFile(text) ? Optional.of(text) : Optional.empty();
    }

    /**
     * Remembers that {@code file} of the folder loaded into {@code spec} (kept by {@link #keep}): the version a restart
     * falls back on while the file is broken. Unchanged when it already names this file and fingerprint, so "since"
     * stays the time this version first loaded.
     */
    public void keepLastGood(Path file, MappingSpec spec, Captured captured) {
        String fingerprint = spec.fingerprint();
        keep(fingerprint, captured);
        Path pointer = lastGood.resolve(spec.source() + ".properties");
        Optional<Properties> now = read(pointer);
        if (now.isPresent() && fingerprint.equals(now.get().getProperty("fingerprint"))
                && file.getFileName().toString().equals(now.get().getProperty("file"))) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("source", spec.source());
        p.setProperty("file", file.getFileName().toString());
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("since", Instant.now(clock).toString());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "the last version of this source's spec file that loaded; the hub falls back on it while the file is broken");
            Files.createDirectories(lastGood);
            writeAtomically(pointer, out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the last good spec " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the last good version of a spec file that was deleted: a file put there later is a new spec. */
    public void forget(Path file) {
        for (Map.Entry<Path, Properties> e : pointers()) {
            if (file.getFileName().toString().equals(e.getValue().getProperty("file"))) {
                try {
                    Files.deleteIfExists(e.getKey());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    /**
     * The version a spec file of the folder last loaded into, loaded again from its kept text (and lookup files); the
     * latest when the file held several sources over time. Empty when none was kept or the kept text no longer loads.
     */
    public Optional<LastGood> lastGood(Path file) {
        String name = file.getFileName().toString();
        return pointers().stream()
                .filter(e -> name.equals(e.getValue().getProperty("file")))
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparing((Properties p) -> p.getProperty("since", "")).reversed())
                .map(this::loadKept)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<LastGood> loadKept(Properties pointer) {
        Optional<Path> text = text(pointer.getProperty("fingerprint"));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(text.get())) {
            MappingSpec spec = new SpecLoader().load(in, text.get().toString(), siblingsOf(text.get()));
            return Optional.of(new LastGood(spec, Instant.parse(pointer.getProperty("since")), text.get()));
        } catch (IOException | RuntimeException e) {
            // a kept text this release no longer loads is no fallback: the file stays refused as it would have been
            return Optional.empty();
        }
    }

    private List<Map.Entry<Path, Properties>> pointers() {
        if (!Files.isDirectory(lastGood)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lastGood)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted()
                    .flatMap(f -> read(f).map(p -> Map.entry(f, p)).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Properties> read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(p);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void checkFingerprint(String fingerprint) {
        if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("not a spec fingerprint: " + fingerprint);
        }
    }
}
