package org.tracehub.hub.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tracehub.mappings.catalog.SpecArchive;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.catalog.SpecFolderWatcher;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.storage.HubStorage;

/** The framework-free cores (mapping catalogue) as beans for routes and jobs; the standard's rules: {@link StandardRulesConfiguration}. */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HubConfiguration.class);

    /**
     * Keeps the catalogue's external specs in step with {@code hub.sources-dir} while the hub runs:
     * polled every {@code hub.sources-reload-interval}; a broken spec is refused (logged with its
     * problems) and its previous version stays active. Without a folder only the built-in specs exist.
     */
    @Bean(destroyMethod = "close")
    public SpecFolderWatcher specFolderWatcher(SpecSources sources, SpecArchive archive,
            @Value("${hub.sources-reload-interval:5s}") Duration interval) {
        // a mistyped folder is no error to the watcher (it waits for the folder to appear), so the hub would start with its
        // built-in specs only and every file of the folder's sources would end UNKNOWN_SOURCE without a word
        sources.folderProblem().ifPresent(problem -> log.warn("Spec folder hub.sources-dir={} ({}) is missing, not a folder or "
                + "not readable: only the built-in specs are active until it is one, and files of sources mapped only there end "
                + "UNKNOWN_SOURCE", sources.dir(), sources.dir().toAbsolutePath().normalize()));
        return new SpecFolderWatcher(sources.catalog(), sources.dir(), report -> {
            sources.remember(report);
            log(report, sources);
        }, archive).start(interval);
    }

    /**
     * The spec texts the hub converted by ({@code <hub.data-dir>/specs}): by fingerprint, for the batch pages, and each
     * folder file's last good version, which the watcher falls back on for a file already broken when the hub starts.
     */
    @Bean
    public SpecArchive specArchive(HubStorage storage, Clock clock) {
        return new SpecArchive(storage.dataDir().resolve("specs"), clock);
    }

    /** The folder's state, its refused spec files and the active specs' texts, for the console and the API. */
    @Bean
    public SpecSources specSources(@Value("${hub.sources-dir:}") String sourcesDir) {
        return new SpecSources(SpecCatalog.builtIn(), sourcesDir);
    }

    /** Built-in specs plus those in {@code hub.sources-dir}, if set; the same object while specs are reloaded. */
    @Bean
    public SpecCatalog specCatalog(SpecFolderWatcher watcher) {
        return watcher.catalog();
    }

    private static void log(SpecFolderWatcher.Report report, SpecSources sources) {
        if (report.failure() != null) {
            // polled every few seconds: a WARN each time (17,000 a day) that nothing else showed; now on the dashboard
            if (sources.failureDue()) {
                log.error("Spec folder not read, the active specs stay and edits in it are not applied until it can be read "
                        + "(told again once a day while it lasts; the dashboard shows it): {}", report.failure());
            } else {
                log.debug("Spec folder still not read: {}", report.failure());
            }
            return;
        }
        if (!report.changed()) {
            log.info("Spec folder {} can be read again; edits in it are applied", sources.dir());
            return;
        }
        for (MappingSpec spec : report.loaded()) {
            log.info("Spec of source {} loaded from {}", spec.source(), spec.origin());
            // constants the rules only warn about: every row of the source will carry the warning
            spec.notes().forEach(note -> log.warn("Spec of source {}: {}", spec.source(), note));
        }
        for (Path removed : report.removed()) {
            log.info("Spec file {} removed; its source now uses the built-in spec, if there is one", removed);
        }
        // a record key changed (KeyChanges), or the archive could not be written: loaded, but an admin should know
        report.warnings().forEach(warning -> log.warn("{}", warning));
        for (SpecFolderWatcher.Refused refused : report.refused()) {
            log.error("Spec file {} refused ({}); {}:\n{}", refused.file(),
                    refused.lastGoodSince() != null ? "the last good version of the file, loaded " + refused.lastGoodSince()
                            + " and kept at " + refused.lastGoodText() + ", is in use"
                            : refused.previousKept() ? "its previous version stays active" : "no previous version",
                    refused.problem().problems().size() + " problem(s)",
                    refused.problem().problems().stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        }
    }
}
