package org.tracehub.hub.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.tracehub.mappings.catalog.SpecArchive;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecException;
import org.tracehub.mappings.spec.SpecLoader;
import org.tracehub.mappings.spec.SpecProblem;
import org.tracehub.platform.reminder.Reminders;

/**
 * Where the active specs come from, beyond what the catalogue holds: the folder {@code hub.sources-dir} (and whether it is
 * one), the spec files its watcher refused at the last change, the text of each active spec, and where a spec's lookup files
 * are read from. The console and the API show from here what the log alone said before: an edit that did not take, a folder
 * that is not there.
 */
public final class SpecSources {

    /**
     * A spec file of the folder that the watcher refused.
     *
     * @param sourceId     the source it is for (named after it, the file of its active spec, or its {@code source:} line), or
     *                     null when that cannot be told
     * @param previousKept whether an earlier version of the file is still the source's active spec
     * @param lastGoodSince when that earlier version is the file's last good one kept under the data directory (the file
     *                     was broken when the hub started): when it first loaded; else null
     */
    public record RefusedFile(String file, String sourceId, boolean previousKept, List<SpecProblem> problems,
                              OffsetDateTime lastGoodSince) {

        public RefusedFile(String file, String sourceId, boolean previousKept, List<SpecProblem> problems) {
            this(file, sourceId, previousKept, problems, null);
        }
    }

    /** The source a spec names, read without YAML: a refused spec may not parse at all. */
    private static final Pattern SOURCE_LINE = Pattern.compile("(?m)^source:\\s*[\"']?([a-z0-9][a-z0-9-]*)[\"']?\\s*(#.*)?$");

    private final SpecCatalog catalog;
    private final String configured;
    private final Path dir;
    private final Clock clock;
    /** The folder's runtime failure: told at ERROR when first met and once a day while it lasts, not at every poll. */
    private final Reminders<String> failureTold;
    /** Why the last polls could not read the folder, and since when; null while they can. */
    private volatile FolderFailure failure;

    private record FolderFailure(String message, OffsetDateTime since) {
    }
    private volatile List<RefusedFile> refused = List.of();
    /** Per origin, the last text seen to load into the active spec: an edit refused since must not replace it on the page. */
    private final Map<String, ActiveText> texts = new ConcurrentHashMap<>();

    private record ActiveText(MappingSpec spec, String text) {
    }

    /** @param configured {@code hub.sources-dir} as set, blank when it is not */
    public SpecSources(SpecCatalog catalog, String configured) {
        this(catalog, configured, Clock.systemDefaultZone());
    }

    public SpecSources(SpecCatalog catalog, String configured, Clock clock) {
        this.clock = clock;
        this.failureTold = new Reminders<>(clock);
        this.catalog = catalog;
        this.configured = configured == null ? "" : configured.trim();
        this.dir = this.configured.isEmpty() ? null : Path.of(this.configured);
    }

    public SpecCatalog catalog() {
        return catalog;
    }

    /** The external folder, or null when {@code hub.sources-dir} is not set. */
    public Path dir() {
        return dir;
    }

    /**
     * Why the external folder gives no specs although one is set (it does not exist, is a file, cannot be read), or no
     * longer takes edits (a folder inside it cannot be read, so every poll fails and edits are not applied), in Chinese
     * with the setting and the absolute path; empty when it is fine or not set. Asked anew each time: the folder may appear.
     */
    public Optional<String> folderProblem() {
        if (dir == null) {
            return Optional.empty();
        }
        String where = "hub.sources-dir = " + configured + "（" + dir.toAbsolutePath().normalize() + "）";
        if (!Files.exists(dir)) {
            return Optional.of("外部映射规范目录不存在：" + where + "，只使用内置映射规范；其中的来源发送的文件将被标为无法识别");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("外部映射规范目录不是文件夹：" + where + "，只使用内置映射规范");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            return Optional.of("外部映射规范目录无法读取（权限）：" + where + "，只使用内置映射规范");
        }
        FolderFailure failed = failure;
        if (failed != null) {
            return Optional.of("外部映射规范目录自 " + failed.since().format(SINCE) + " 起无法读取：" + where + "（" + failed.message()
                    + "），其中映射规范的修改暂不生效，仍使用之前读到的映射规范");
        }
        return Optional.empty();
    }

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * Keeps what the watcher reported: called after each refresh that found the folder changed, each poll that could not
     * read it, and the first poll that could again.
     */
    void remember(SpecFolderWatcher.Report report) {
        if (report.failure() != null) {
            FolderFailure was = failure;
            failure = new FolderFailure(report.failure(), was != null ? was.since() : OffsetDateTime.now(clock));
            return;
        }
        if (failure != null) {
            failure = null;
            failureTold.forgetIf(problem -> true);
        }
        if (!report.changed()) {
            return;
        }
        refused = report.refused().stream().map(this::refusedFile).toList();
        report.loaded().forEach(this::activeText);
    }

    /** Whether the folder's failure is to be logged at ERROR now: when first met, then once a day while it lasts. */
    boolean failureDue() {
        return failureTold.due("folder");
    }

    /** The spec files refused at the folder's last change, in the folder's order. */
    public List<RefusedFile> refused() {
        return refused;
    }

    public List<RefusedFile> refusedOf(String sourceId) {
        return refused.stream().filter(r -> sourceId.equals(r.sourceId())).toList();
    }

    /** The refused files no source the hub knows can be told from (a spec of a new source that never loaded, say). */
    public List<RefusedFile> refusedOfNone(Collection<String> knownSources) {
        return refused.stream().filter(r -> r.sourceId() == null || !knownSources.contains(r.sourceId())).toList();
    }

    /**
     * The YAML the active spec was loaded from: the file's text when it still loads into that spec, otherwise the text
     * last seen to do so; empty when neither (the file changed before its text could be read, and never loaded as shown).
     */
    public Optional<String> activeText(MappingSpec spec) {
        String origin = spec.origin();
        if (origin == null) {
            return Optional.empty();
        }
        ActiveText known = texts.get(origin);
        if (known != null && known.spec().equals(spec)) {
            return Optional.of(known.text());
        }
        Optional<String> now = read(origin);
        if (now.isPresent() && loadsInto(now.get(), spec)) {
            texts.put(origin, new ActiveText(spec, now.get()));
            return now;
        }
        return Optional.empty();
    }

    /**
     * Where the lookup files ({@code lookups: { x: { file: … } }}) of a spec of this source are read from, as for the
     * source's active spec: the folder of its external file, or the classpath {@code sources/} of a built-in one. A source
     * without a spec reads them from {@code hub.sources-dir}, where its spec will go.
     */
    public SpecLoader.Siblings siblingsFor(String sourceId) {
        Optional<String> origin = sourceId == null ? Optional.empty() : catalog.source(sourceId).map(MappingSpec::origin);
        if (origin.isPresent()) {
            return siblingsOf(origin.get());
        }
        return dir != null && Files.isDirectory(dir) ? SpecLoader.Siblings.folder(dir) : SpecLoader.Siblings.NONE;
    }

    private static SpecLoader.Siblings siblingsOf(String origin) {
        Path file = Path.of(origin);
        if (Files.isRegularFile(file)) {
            // a spec file's lookups are beside it; a last good version in use from the archive has them in its own folder
            return SpecArchive.siblingsOf(file);
        }
        ClassPathResource spec = new ClassPathResource(origin);
        return spec.exists() ? SpecCatalog.besideBuiltIn(spec) : SpecLoader.Siblings.NONE;
    }

    /** The source a spec's text names on its top-level {@code source:} line, read without parsing the rest. */
    public static Optional<String> sourceNamed(String yaml) {
        Matcher m = SOURCE_LINE.matcher(yaml);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private boolean loadsInto(String text, MappingSpec spec) {
        try {
            return new SpecLoader().load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), spec.origin(),
                    siblingsOf(spec.origin())).equals(spec);
        } catch (SpecException e) {
            return false;
        }
    }

    private static Optional<String> read(String origin) {
        try {
            Path file = Path.of(origin);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            }
            ClassPathResource resource = new ClassPathResource(origin);
            if (resource.exists()) {
                try (InputStream in = resource.getInputStream()) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private RefusedFile refusedFile(SpecFolderWatcher.Refused r) {
        return new RefusedFile(r.file().getFileName().toString(), sourceOf(r.file()), r.previousKept(), r.problem().problems(),
                r.lastGoodSince() == null ? null : r.lastGoodSince().atOffset(ZoneOffset.UTC));
    }

    private String sourceOf(Path file) {
        String name = file.getFileName().toString();
        for (MappingSpec spec : catalog.all()) {
            if (file.toString().equals(spec.origin()) || name.equals(spec.source() + ".yaml") || name.equals(spec.source() + ".yml")) {
                return spec.source();
            }
        }
        try {
            Optional<String> named = sourceNamed(Files.readString(file, StandardCharsets.UTF_8));
            if (named.isPresent()) {
                return named.get();
            }
        } catch (IOException | RuntimeException e) {
            // unreadable now (being replaced): named after its file below, if at all
        }
        return name.endsWith(".yaml") || name.endsWith(".yml") ? name.substring(0, name.lastIndexOf('.')) : null;
    }
}
