package org.tracehub.hub.api;

import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.routes.pull.LegacyPulls;

/**
 * Every source the hub knows, by any of the three ways it can: a mapping spec, a drop-box account, a pull from a legacy
 * server. A source may have an account before its spec is written (its files then end UNKNOWN_SOURCE).
 */
@Component
public class KnownSources {

    private final SpecCatalog catalog;
    private final DropBoxProperties dropBox;
    private final LegacyPulls pulls;

    public KnownSources(SpecCatalog catalog, DropBoxProperties dropBox, LegacyPulls pulls) {
        this.catalog = catalog;
        this.dropBox = dropBox;
        this.pulls = pulls;
    }

    /** Their ids, sorted. */
    public SortedSet<String> ids() {
        SortedSet<String> ids = new TreeSet<>();
        catalog.all().forEach(spec -> ids.add(spec.source()));
        ids.addAll(dropBox.getAccounts().keySet());
        pulls.settings().forEach(p -> ids.add(p.sourceId()));
        return ids;
    }
}
