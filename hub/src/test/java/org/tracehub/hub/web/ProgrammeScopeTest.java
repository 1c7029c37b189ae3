package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.trace.ChainEvent;

class ProgrammeScopeTest {

    /** The built-in sources: no meat or dairy farm reports; the Chongming vegetable base reports its harvests. */
    private final ProgrammeScope scope = new ProgrammeScope(SpecCatalog.builtIn());

    @Test
    void theInputsOfASlaughterOrACollectionComeFromOutsideWhileNoFarmOfTheCategoryReports() {
        assertThat(scope.inputsFromOutside(event("MEAT", "SLAUGHTER"))).isTrue();
        assertThat(scope.inputsFromOutside(event("DAIRY", "COLLECT"))).isTrue();
    }

    @Test
    void theInputsOfAStepWhoseSuppliersReportAreGapsWhenUnreported() {
        // vegetables: the Chongming base reports its harvests, so a lot naming a harvest no one reported has a gap
        assertThat(scope.inputsFromOutside(event("VEGETABLE", "COLLECT"))).isFalse();
        assertThat(scope.inputsFromOutside(event("MEAT", "WHOLESALE"))).isFalse();
        assertThat(scope.inputsFromOutside(event("MEAT", "RETAIL_ENTRY"))).isFalse();
    }

    @Test
    void anImportsAndAFarmsOwnInputsAreNothingTheProgrammeFollows() {
        assertThat(scope.inputsFromOutside(event("DAIRY", "IMPORT"))).isTrue();
        assertThat(scope.inputsFromOutside(event("VEGETABLE", "HARVEST"))).isTrue();
    }

    private static ChainEvent event(String category, String step) {
        return new ChainEvent("e1", "L1", category, step, OffsetDateTime.parse("2026-11-27T03:00:00+08:00"), null, null, null, null,
                null, null, null, null, BigDecimal.ONE, "KGM", null, null, List.of(), List.of(), List.of(), List.of("IN1"),
                ChainEvent.Relation.SELF, 0);
    }
}
