package org.tracehub.jobs.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.LoadMode;
import org.tracehub.mappings.spec.MappingSpec;

/**
 * Which sources a sync run covers. A source's staged batches are loaded by the sync when its spec
 * says {@code load: nightly}; it is pulled by the sync when it has a pull configured under
 * {@code hub.pull.sources.<id>} without a {@code cron} of its own (and not {@code enabled: false}). Both happen in the run of the
 * default cron, or of the source's own cron ({@code hub.jobs.nightly-sync.source-crons.<id>}).
 */
@Component
public class SyncSources {

    private static final Logger log = LoggerFactory.getLogger(SyncSources.class);

    private final SpecCatalog catalog;
    private final Environment environment;
    private final NightlySyncSettings settings;

    public SyncSources(SpecCatalog catalog, Environment environment, NightlySyncSettings settings) {
        this.catalog = catalog;
        this.environment = environment;
        this.settings = settings;
        Set<String> pulled = pullSettings().keySet();
        settings.sourceCrons().keySet().stream().sorted()
                .filter(id -> catalog.source(id).isEmpty() && !pulled.contains(id))
                // a warning, not a refused start: the source's spec may be in the spec folder and refused for now
                .forEach(id -> log.warn("hub.jobs.nightly-sync.source-crons.{} names a source with neither a mapping spec nor a"
                        + " pull (hub.pull.sources.{}): its cron runs nothing until it has one; a misspelt source id?", id, id));
    }

    /** The value of the job parameter {@code sources} → the source ids it stands for, or null for "every source" (*). */
    public Set<String> resolve(String sourcesParameter) {
        if (sourcesParameter == null || NightlySyncParameters.ALL_SOURCES.equals(sourcesParameter)) {
            return null;
        }
        return Arrays.stream(sourcesParameter.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether a run for {@code sources} (null: the default cron's run) covers the source. */
    public boolean covers(Set<String> sources, String sourceId) {
        return sources == null ? !settings.sourceCrons().containsKey(sourceId) : sources.contains(sourceId);
    }

    /** Sources whose spec says {@code load: nightly}, that the run covers. */
    public Set<String> nightlyLoading(Set<String> sources) {
        return catalog.all().stream().filter(s -> s.load() == LoadMode.NIGHTLY).map(MappingSpec::source)
                .filter(id -> covers(sources, id)).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Sources whose pull is due with this run: a pull configured, enabled, and without a {@code cron}
     * of its own (routes run those on their cron; the others pull only when asked), that the run covers.
     */
    public Set<String> pulled(Set<String> sources) {
        Map<String, Object> pulls = pullSettings();
        Set<String> result = new TreeSet<>();
        pulls.forEach((id, settingsOfPull) -> {
            Map<?, ?> pull = settingsOfPull instanceof Map<?, ?> m ? m : Map.of();
            boolean enabled = !"false".equals(String.valueOf(pull.get("enabled")));
            // a pull with a cron of its own is scheduled by routes; the sync asks for the others
            boolean ownCron = pull.get("cron") != null && !String.valueOf(pull.get("cron")).isBlank();
            if (enabled && !ownCron && covers(sources, id)) {
                result.add(id);
            }
        });
        return result;
    }

    private Map<String, Object> pullSettings() {
        return Binder.get(environment).bind("hub.pull.sources", Bindable.mapOf(String.class, Object.class)).orElse(Map.of());
    }

    /** A scheduled run: its cron, and the job parameter {@code sources} of its runs. */
    public record Schedule(String cron, String sources) {
    }

    /** The default cron's run for {@code *}, then one run per other cron for the sources that named it. */
    public List<Schedule> schedules() {
        List<Schedule> schedules = new ArrayList<>();
        schedules.add(new Schedule(settings.cron(), NightlySyncParameters.ALL_SOURCES));
        Map<String, Set<String>> byCron = new TreeMap<>();
        settings.sourceCrons().forEach((id, cron) -> byCron.computeIfAbsent(cron.strip(), c -> new TreeSet<>()).add(id));
        byCron.forEach((cron, ids) -> schedules.add(new Schedule(cron, String.join(",", ids))));
        return schedules;
    }

    /** For messages: the sources named, or "every source". */
    static String describe(Collection<String> sources) {
        return sources == null ? "every source" : List.copyOf(sources).toString();
    }
}
