package org.tracehub.mappings.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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

/**
 * All known sources: the built-in specs shipped under {@code sources/} on the classpath, plus an
 * optional external folder whose specs add to (or replace, by source id) the built-in ones.
 */
public final class SpecCatalog {

    private final Map<String, MappingSpec> specs;

    private SpecCatalog(Map<String, MappingSpec> specs) {
        this.specs = Map.copyOf(specs);
    }

    /** Loads every spec; a broken built-in spec fails loudly, since it is a build defect. */
    public static SpecCatalog load(Path externalDir) {
        Map<String, MappingSpec> specs = new TreeMap<>();
        SpecLoader loader = new SpecLoader();
        try {
            Resource[] builtIn = new PathMatchingResourcePatternResolver(SpecCatalog.class.getClassLoader())
                    .getResources("classpath*:sources/*.yaml");
            for (Resource r : builtIn) {
                try (InputStream in = r.getInputStream()) {
                    MappingSpec spec = loader.load(in, "sources/" + r.getFilename());
                    specs.put(spec.source(), spec);
                }
            }
            if (externalDir != null && Files.isDirectory(externalDir)) {
                List<SpecException> broken = new ArrayList<>();
                try (Stream<Path> files = Files.list(externalDir)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                        try {
                            MappingSpec spec = loader.load(p);
                            specs.put(spec.source(), spec);
                        } catch (SpecException e) {
                            broken.add(e);
                        }
                    }
                }
                if (!broken.isEmpty()) {
                    throw broken.get(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SpecCatalog(specs);
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
}
