package org.tracehub.mappings.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;

/**
 * Keeps a catalog's external specs in step with a folder ({@code hub.sources-dir}) while the hub runs.
 * The folder is polled: when any file in it changes (a spec, or a lookup CSV beside it), every spec
 * file is read again. A spec that loads replaces its previous version at once; a spec that does not
 * is refused with its problems and its previous version (if any) stays active; a deleted spec file
 * is dropped, letting a built-in spec of the same source show again. When two files name the same
 * source, the one named after it ({@code <source>.yaml}) is used, else the first by name, and the others are refused
 * ({@link SpecCatalog#shadowed}).
 */
public final class SpecFolderWatcher implements AutoCloseable {

    /**
     * A spec file that could not be loaded, and why.
     *
     * @param lastGoodSince set when the version in use is the file's last good one kept by the {@link SpecArchive} (the
     *                      file was already broken when the hub started): when that version first loaded
     * @param lastGoodText  where that version's text is kept, with {@code lastGoodSince}
     */
    public record Refused(Path file, SpecException problem, boolean previousKept, Instant lastGoodSince, Path lastGoodText) {

        public Refused(Path file, SpecException problem, boolean previousKept) {
            this(file, problem, previousKept, null, null);
        }
    }

    /**
     * What one refresh did; {@code changed} is false when the folder was as before and nothing was read.
     * {@code failure} is set (and nothing changed) when the folder itself could not be read. {@code warnings}: what loaded
     * but deserves an admin's eye (a record key changed, {@link KeyChanges}; the archive could not be written).
     */
    public record Report(boolean changed, List<MappingSpec> loaded, List<Refused> refused, List<Path> removed, String failure,
                         List<String> warnings) {

        public Report(boolean changed, List<MappingSpec> loaded, List<Refused> refused, List<Path> removed, String failure) {
            this(changed, loaded, refused, removed, failure, List.of());
        }
    }

    /** Files bigger than this are fingerprinted by size and time only (a spec folder holds small text files). */
    private static final long DIGEST_LIMIT = 16L * 1024 * 1024;

    private final SpecCatalog catalog;
    private final Path dir;
    private final Consumer<Report> listener;
    private final SpecArchive archive;
    private final Map<Path, MappingSpec> active = new TreeMap<>();
    /** The active files' texts as loaded, for the archive; none for a version taken from the archive. */
    private final Map<Path, SpecArchive.Captured> texts = new TreeMap<>();
    /** The files whose active version is their last good one from the archive: refused since the hub started. */
    private final Map<Path, SpecArchive.LastGood> fromArchive = new TreeMap<>();
    private Map<Path, String> fingerprint;
    private volatile Map<Path, SpecException> refused = Map.of();
    private ScheduledExecutorService scheduler;
    /** Whether the last poll could not read the folder; only the polling thread reads and writes it. */
    private boolean failing;
    private final FolderWalk walk;

    /**
     * @param catalog  the catalog whose external specs this watcher owns (usually {@link SpecCatalog#builtIn()})
     * @param dir      the folder; null or absent means no external specs (nothing to watch until it appears)
     * @param listener told after each refresh that found the folder changed (e.g. to log it)
     */
    public SpecFolderWatcher(SpecCatalog catalog, Path dir, Consumer<Report> listener) {
        this(catalog, dir, listener, null);
    }

    /**
     * @param archive where the texts of the specs that loaded are kept (by fingerprint, and each file's last good version,
     *                which a file already broken at start falls back on); null keeps nothing
     */
    public SpecFolderWatcher(SpecCatalog catalog, Path dir, Consumer<Report> listener, SpecArchive archive) {
        this(catalog, dir, listener, archive, Files::walk);
    }

    /** How the folder is listed: {@link Files#walk}; a test's may fail as a folder a running hub may not read. */
    @FunctionalInterface
    interface FolderWalk {
        Stream<Path> walk(Path dir, int depth) throws IOException;
    }

    SpecFolderWatcher(SpecCatalog catalog, Path dir, Consumer<Report> listener, SpecArchive archive, FolderWalk walk) {
        this.walk = walk;
        this.catalog = catalog;
        this.dir = dir;
        this.listener = listener;
        this.archive = archive;
    }

    public SpecCatalog catalog() {
        return catalog;
    }

    /** The spec files refused at the last refresh, with their problems. */
    public Map<Path, SpecException> refused() {
        return refused;
    }

    /** Reads the folder now if anything in it changed since the last refresh. */
    public synchronized Report refresh() {
        Map<Path, String> now = fingerprint();
        if (now.equals(fingerprint)) {
            return new Report(false, List.of(), List.of(), List.of(), null);
        }
        List<String> warnings = new ArrayList<>();
        if (fingerprint == null && archive != null) {
            // the built-in specs convert batches too: their texts are kept once, as a release brings them
            catalog.all().forEach(spec -> archiveQuietly(() -> archive.keepBuiltIn(spec), warnings));
        }
        fingerprint = now;
        List<Path> files = dir != null && Files.isDirectory(dir) ? SpecCatalog.specFiles(dir) : List.of();
        List<Path> removed = new ArrayList<>();
        for (Path p : List.copyOf(active.keySet())) {
            if (!files.contains(p)) {
                active.remove(p);
                texts.remove(p);
                fromArchive.remove(p);
                removed.add(p);
                if (archive != null) {
                    archiveQuietly(() -> archive.forget(p), warnings);
                }
            }
        }
        List<MappingSpec> loaded = new ArrayList<>();
        List<Refused> refusedNow = new ArrayList<>();
        for (Path p : files) {
            try {
                SpecArchive.Loaded read = SpecArchive.load(p);
                MappingSpec spec = catalog.named(p, read.spec());
                if (!spec.equals(active.get(p))) {
                    loaded.add(spec);
                    warnings.addAll(keyChanges(p, spec));
                }
                active.put(p, spec);
                texts.put(p, read.captured());
                fromArchive.remove(p);
            } catch (SpecException e) {
                refusedNow.add(refused(p, e, loaded));
            }
        }
        SpecCatalog.shadowed(active).forEach((file, problem) -> {
            MappingSpec ignored = active.remove(file);
            texts.remove(file);
            fromArchive.remove(file);
            loaded.remove(ignored);
            refusedNow.add(new Refused(file, problem, false));
        });
        Map<Path, SpecException> refusedMap = new LinkedHashMap<>();
        refusedNow.forEach(r -> refusedMap.put(r.file(), r.problem()));
        this.refused = Collections.unmodifiableMap(refusedMap);
        catalog.replaceExternal(active.values());
        keepTexts(loaded, warnings);
        Report report = new Report(true, List.copyOf(loaded), List.copyOf(refusedNow), List.copyOf(removed), null,
                List.copyOf(warnings));
        listener.accept(report);
        return report;
    }

    /**
     * A file that does not load. While it has an active version (an edit since it last loaded) that stays. When it has
     * none in memory (the hub started with the file broken), its last good version from the archive is used, said in the
     * refusal: without it the source would go (its files UNKNOWN_SOURCE, its batches SPEC_MISSING), or an older
     * built-in spec with another key or unit would take its place unseen.
     */
    private Refused refused(Path p, SpecException e, List<MappingSpec> loaded) {
        if (!active.containsKey(p) && archive != null) {
            Optional<SpecArchive.LastGood> kept = archive.lastGood(p);
            if (kept.isPresent()) {
                try {
                    MappingSpec spec = catalog.named(p, kept.get().spec());
                    active.put(p, spec);
                    fromArchive.put(p, kept.get());
                    loaded.add(spec);
                } catch (SpecException notAllowed) {
                    // named so that it no longer may replace a built-in spec: the file stays refused as it is
                }
            }
        }
        SpecArchive.LastGood kept = fromArchive.get(p);
        return kept == null ? new Refused(p, e, active.containsKey(p))
                : new Refused(p, e, true, kept.since(), kept.text());
    }

    /** Notes on the record keys {@code spec} changes against the source's version before it: the file's, else the catalog's. */
    private List<String> keyChanges(Path p, MappingSpec spec) {
        MappingSpec before = active.get(p);
        String label = KeyChanges.PREVIOUS;
        if (before == null && archive != null) {
            before = archive.lastGood(p).map(SpecArchive.LastGood::spec).orElse(null);
        }
        if (before == null || !before.source().equals(spec.source())) {
            before = catalog.source(spec.source()).orElse(null);
            label = catalog.isExternal(spec.source()) ? KeyChanges.PREVIOUS : KeyChanges.BUILT_IN;
        }
        return KeyChanges.between(before, spec, label);
    }

    /** Keeps the texts of the specs that loaded from the folder: what converts a batch can be read back by its fingerprint. */
    private void keepTexts(List<MappingSpec> loaded, List<String> warnings) {
        if (archive == null) {
            return;
        }
        active.forEach((file, spec) -> {
            SpecArchive.Captured text = texts.get(file);
            if (text != null && loaded.contains(spec)) {
                archiveQuietly(() -> archive.keepLastGood(file, spec, text), warnings);
            }
        });
    }

    /** The archive is a safeguard: a disk that refuses it must not stop a spec from loading, only be told. */
    private static void archiveQuietly(Runnable write, List<String> warnings) {
        try {
            write.run();
        } catch (RuntimeException e) {
            warnings.add("spec text not kept under the data directory: " + e.getMessage());
        }
    }

    /** Refreshes now, then every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized SpecFolderWatcher start(Duration interval) {
        refresh();
        if (dir != null && scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spec-folder-watcher");
                t.setDaemon(true);
                return t;
            });
            long millis = Math.max(interval.toMillis(), 1);
            scheduler.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                failing = false;
                // the folder as it was before it failed is no change, and would tell the listener nothing: told it is over
                listener.accept(new Report(false, List.of(), List.of(), List.of(), null));
            }
        } catch (RuntimeException | Error e) {
            // a folder that is briefly unreadable (being replaced, a network share hiccup) is tried again at the next poll;
            // anything escaping here (an OutOfMemoryError too) would cancel the schedule for good, without a word
            failing = true;
            try {
                listener.accept(new Report(false, List.of(), List.of(), List.of(), "cannot read " + dir + ": "
                        + (e.getMessage() != null ? e.getMessage() : e.toString())));
            } catch (RuntimeException | Error notTold) {
                // nothing more can be done here; the next poll comes all the same
            }
        }
    }

    /** Every file under the folder (three levels deep, for lookup folders) with a digest of its content. */
    private Map<Path, String> fingerprint() {
        Map<Path, String> result = new TreeMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return result;
        }
        try (Stream<Path> files = walk.walk(dir, 3)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                result.put(p, digest(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private static String digest(Path file) {
        try {
            long size = Files.size(file);
            if (size > DIGEST_LIMIT) {
                return size + "@" + Files.getLastModifiedTime(file).toMillis();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            // deleted or replaced between listing and reading: the next poll sees the settled state
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
