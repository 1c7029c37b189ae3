package org.tracehub.hub.web;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.schemas.standard.v1.Step;

/**
 * Where the programme's reporting starts, from the sources' specs: an input code no source reported is a gap in the
 * chain only where some source could have reported it. A slaughterhouse names its pigs by the farm's quarantine
 * certificate and a dairy station its milk by the farm's delivery note; while no source of that category reports a
 * farm's production, those codes are where the lot came from, not a gap, and a warning on every pork and milk page
 * would teach consumers to ignore it. Once a farm source is configured, an unreported farm lot is a gap again. An
 * import's inputs are foreign documents, a farm's own inputs (seed, piglets) nothing the programme follows.
 */
@Component
class ProgrammeScope {

    private static final Set<Step> FARM_STEPS = EnumSet.of(Step.PRODUCE, Step.HARVEST);

    private final SpecCatalog catalog;

    ProgrammeScope(SpecCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether the inputs an event names come from outside what the programme's sources report. */
    boolean inputsFromOutside(ChainEvent event) {
        return switch (event.step()) {
            case "IMPORT", "PRODUCE", "HARVEST" -> true;
            case "SLAUGHTER", "COLLECT" -> !farmsReport(event.category());
            default -> false;
        };
    }

    // the catalog is the live one (specs reload): asked on every page, a handful of specs
    private boolean farmsReport(String category) {
        return catalog.all().stream().filter(spec -> spec.category().name().equals(category))
                .flatMap(spec -> spec.files().stream()).anyMatch(file -> FARM_STEPS.contains(file.step()));
    }
}
