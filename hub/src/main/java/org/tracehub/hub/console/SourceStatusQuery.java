package org.tracehub.hub.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.tracehub.hub.api.KnownSources;
import org.tracehub.hub.config.SpecSources;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.batch.Batch;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.pull.LegacyPulls;
import org.tracehub.routes.pull.PullProperties;
import org.tracehub.routes.pull.PullStatusStore;

/** Puts together what the console shows of a source from the catalog, the batches, the drop-box and the pulls. */
@Component
public class SourceStatusQuery {

    private final SpecCatalog catalog;
    private final BatchRepository batches;
    private final DropBoxProperties dropBox;
    private final DropBoxLifecycle dropBoxLifecycle;
    private final HubStorage storage;
    private final PullProperties pulls;
    private final PullStatusStore pullStatus;
    private final KnownSources knownSources;
    private final LegacyPulls legacyPulls;
    private final SpecSources specSources;

    public SourceStatusQuery(SpecCatalog catalog, BatchRepository batches, DropBoxProperties dropBox, DropBoxLifecycle dropBoxLifecycle,
                             HubStorage storage, PullProperties pulls, PullStatusStore pullStatus, KnownSources knownSources,
                             LegacyPulls legacyPulls, SpecSources specSources) {
        this.specSources = specSources;
        this.knownSources = knownSources;
        this.legacyPulls = legacyPulls;
        this.catalog = catalog;
        this.batches = batches;
        this.dropBox = dropBox;
        this.dropBoxLifecycle = dropBoxLifecycle;
        this.storage = storage;
        this.pulls = pulls;
        this.pullStatus = pullStatus;
    }

    /** Every source the hub knows: from its spec, its drop-box account or its pull (as {@code GET /api/sources}). */
    public List<SourceStatus> all() {
        return ids().stream().map(this::status).toList();
    }

    public Optional<SourceStatus> of(String sourceId) {
        return ids().contains(sourceId) ? Optional.of(status(sourceId)) : Optional.empty();
    }

    /** The ids of {@link #all}, sorted. */
    public SortedSet<String> ids() {
        return knownSources.ids();
    }

    private SourceStatus status(String id) {
        MappingSpec spec = catalog.source(id).orElse(null);
        Batch last = batches.lastOfSource(id).orElse(null);
        DropBoxProperties.Account account = dropBox.getAccounts().get(id);
        PullProperties.Source pull = pulls.getSources().get(id);
        return new SourceStatus(id, spec, last, account != null,
                account != null && account.getPasswordHash() != null && !account.getPasswordHash().isBlank(),
                account == null || account.getAuthorizedKeys() == null ? 0 : account.getAuthorizedKeys().size(),
                dropBoxLifecycle.isRunning(), inboxWaiting(id), pull, pull == null ? null : pullStatus.find(id).orElse(null),
                // read as the pulls health reads it, so the page shows exactly what made the health DEGRADED
                legacyPulls.warning(id).orElse(null), specSources.refusedOf(id));
    }

    /** Why {@code hub.sources-dir} gives no specs although it is set, in Chinese; empty when it is fine or not set. */
    public Optional<String> specFolderProblem() {
        return specSources.folderProblem();
    }

    /** Refused spec files of no source {@link #ids} lists (a new source's first spec, say), which no source page shows. */
    public List<SpecSources.RefusedFile> refusedSpecsOfNoSource() {
        return specSources.refusedOfNone(ids());
    }

    /** Every refused spec file, for the dashboard's count. */
    public List<SpecSources.RefusedFile> refusedSpecs() {
        return specSources.refused();
    }

    private long inboxWaiting(String sourceId) {
        Path inbox = storage.inbox(sourceId);
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The YAML of the spec in use, from the external folder or the classpath: not the file's text when an edit of it was
     * refused (the previous version stays in use); empty when it cannot be told.
     */
    public Optional<String> specText(MappingSpec spec) {
        return specSources.activeText(spec);
    }
}
