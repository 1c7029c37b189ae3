package org.tracehub.mappings.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.tracehub.mappings.spec.FileSpec;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.mappings.spec.SpecProblem;

/**
 * All known sources: the built-in specs shipped under {@code sources/} on the classpath, plus an
 * optional external folder whose specs add to (or replace, by source id) the built-in ones.
 * Thread-safe: a {@link SpecFolderWatcher} may swap the external specs while others read; a reader
 * always sees one consistent set.
 */
public final class SpecCatalog {

    private final Map<String, MappingSpec> builtIn;
    private volatile Map<String, MappingSpec> specs;

    private SpecCatalog(Map<String, MappingSpec> builtIn) {
        this.builtIn = Collections.unmodifiableMap(new TreeMap<>(builtIn));
        this.specs = this.builtIn;
    }

    /**
     * Loads every spec; a broken built-in spec fails loudly, since it is a build defect. A broken spec
     * in {@code externalDir} fails too (with the first one's problems): this is the strict load of
     * tests and tools. The running hub uses {@link #builtIn()} with a {@link SpecFolderWatcher}, which
     * refuses a broken external spec and keeps going.
     */
    public static SpecCatalog load(Path externalDir) {
        SpecCatalog catalog = builtIn();
        if (externalDir != null && Files.isDirectory(externalDir)) {
            Map<String, MappingSpec> external = new TreeMap<>();
            List<SpecException> broken = new ArrayList<>();
            SpecLoader loader = new SpecLoader();
            Map<Path, MappingSpec> byFile = new TreeMap<>();
            for (Path p : specFiles(externalDir)) {
                try {
                    byFile.put(p, catalog.named(p, loader.load(p)));
                } catch (SpecException e) {
                    broken.add(e);
                }
            }
            shadowed(byFile).forEach((file, problem) -> broken.add(problem));
            byFile.values().forEach(spec -> external.putIfAbsent(spec.source(), spec));
            if (!broken.isEmpty()) {
                throw broken.get(0);
            }
            catalog.replaceExternal(external.values());
        }
        return catalog;
    }

    /** Only the built-in specs (classpath {@code sources/*.yaml}, with their lookup files beside them). */
    public static SpecCatalog builtIn() {
        Map<String, MappingSpec> specs = new TreeMap<>();
        SpecLoader loader = new SpecLoader();
        ClassLoader classLoader = SpecCatalog.class.getClassLoader();
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(classLoader).getResources("classpath*:sources/*.yaml");
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    MappingSpec spec = loader.load(in, "sources/" + r.getFilename(), besideBuiltIn(r));
                    specs.put(spec.source(), spec);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SpecCatalog(specs);
    }

    /**
     * The lookup files of the built-in spec {@code spec}: classpath resources beside it, never above its folder (the rest
     * of the class path is no spec's to name). The catalogue loads the built-in specs with it, the console's dry run a
     * pasted spec of a built-in source.
     */
    public static SpecLoader.Siblings besideBuiltIn(Resource spec) {
        return relative -> {
            if (relative.startsWith("/") || relative.contains("\\") || List.of(relative.split("/")).contains("..")) {
                throw new NoSuchFileException(relative, null, "outside the spec's folder");
            }
            Resource sibling = spec.createRelative(relative);
            if (!sibling.exists()) {
                throw new NoSuchFileException("sources/" + relative);
            }
            return sibling.getInputStream();
        };
    }

    public static SpecCatalog of(Collection<MappingSpec> specs) {
        Map<String, MappingSpec> map = new TreeMap<>();
        specs.forEach(s -> map.put(s.source(), s));
        return new SpecCatalog(map);
    }

    public Optional<MappingSpec> source(String sourceId) {
        return Optional.ofNullable(specs.get(sourceId));
    }

    public Optional<FileSpec> fileSpec(String sourceId, String fileName) {
        return source(sourceId).flatMap(s -> s.fileSpecFor(fileName));
    }

    public Collection<MappingSpec> all() {
        return specs.values();
    }

    /** Whether the spec in use for a source comes from the external folder rather than the built-in set. */
    public boolean isExternal(String sourceId) {
        MappingSpec spec = specs.get(sourceId);
        return spec != null && spec != builtIn.get(sourceId);
    }

    /** Built-in specs overlaid with these external ones (an external spec replaces a built-in one by source id). */
    void replaceExternal(Collection<MappingSpec> external) {
        Map<String, MappingSpec> merged = new TreeMap<>(builtIn);
        external.forEach(s -> merged.put(s.source(), s));
        this.specs = Collections.unmodifiableMap(merged);
    }

    /**
     * An external spec as its file name allows it: an admin who copies {@code gascyl-fill-pudong.yaml} to
     * {@code gascyl-fill-minhang.yaml} and edits all but {@code source:} would otherwise replace Pudong's built-in spec,
     * with nothing but an INFO line to say so. A file that replaces a built-in spec must be named after its source
     * ({@code <source>.yaml} or {@code .yml}), else it is refused, naming the source and the name it needs. A file named
     * otherwise for a source of its own still loads (two copies of one source are {@link #shadowed}), with a note, logged
     * as a warning and shown by check-spec.
     *
     * @throws SpecException when the file would replace a built-in spec under another name
     */
    public MappingSpec named(Path file, MappingSpec spec) {
        if (isNamedAfter(file, spec.source())) {
            return spec;
        }
        String expected = spec.source() + ".yaml";
        if (builtIn.containsKey(spec.source())) {
            throw new SpecException(List.of(new SpecProblem(file.toString(), spec.sourceLine(), "source", "source '" + spec.source()
                    + "' is a built-in source, and this file is not named after it: refused, so that a copied spec whose"
                    + " source was not changed does not replace it. To replace the built-in spec, name the file " + expected
                    + "; for a new source, give it a source of its own (and name the file after it)")));
        }
        return spec.withNote(new SpecProblem(file.toString(), spec.sourceLine(), "source", "the file is not named after its source '"
                + spec.source() + "': name it " + expected + ", so that a copy of it kept beside it cannot take its place"));
    }

    /**
     * The spec files that name a source another file of the folder names as well, each with its problem: an admin's
     * copy kept beside the spec ({@code meat-wholesale-xj_backup.yaml}) must not silently become the source's mapping,
     * nor hide the edits made to the real one. The file named after the source ({@code <source>.yaml}) is the
     * source's; without one, the first by name. Whatever is refused is reported, never chosen silently.
     */
    public static Map<Path, SpecException> shadowed(Map<Path, MappingSpec> byFile) {
        Map<String, List<Path>> filesBySource = new TreeMap<>();
        byFile.forEach((file, spec) -> filesBySource.computeIfAbsent(spec.source(), s -> new ArrayList<>()).add(file));
        Map<Path, SpecException> shadowed = new TreeMap<>();
        filesBySource.forEach((source, files) -> {
            if (files.size() < 2) {
                return;
            }
            Path owner = files.stream().filter(f -> isNamedAfter(f, source)).findFirst().orElse(files.get(0));
            for (Path file : files) {
                if (!file.equals(owner)) {
                    int line = byFile.get(file).sourceLine();
                    shadowed.put(file, new SpecException(List.of(new SpecProblem(file.toString(), line, "source",
                            "source '" + source + "' is already mapped by " + owner.getFileName() + ", which is used; this file"
                                    + " is ignored: remove it, or give it a source of its own"))));
                }
            }
        });
        return shadowed;
    }

    /**
     * Why the spec folder does not read a file of this name, or empty: it reads names ending in {@code .yaml} or
     * {@code .yml} as written, lower case, so that a copy put aside ({@code x.yaml.bak}) stays aside. check-spec says so of
     * a file given to it ({@code NEW.YAML}), which would otherwise pass and then never be loaded.
     */
    public static Optional<SpecProblem> ignoredName(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.empty();
        }
        return Optional.of(new SpecProblem(file.toString(), 0, "file name", "the hub's spec folder reads only files whose names"
                + " end in .yaml or .yml (lower case): this file would be ignored; name it <source>.yaml"));
    }

    private static boolean isNamedAfter(Path file, String source) {
        String name = file.getFileName().toString();
        return name.equals(source + ".yaml") || name.equals(source + ".yml");
    }

    /**
     * The spec files directly in a folder, in name order: the regular files whose names {@link #ignoredName} lets through.
     * The hub's spec folder reads these, and check-spec checks a folder given to it so.
     */
    public static List<Path> specFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f)).filter(f -> ignoredName(f).isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
