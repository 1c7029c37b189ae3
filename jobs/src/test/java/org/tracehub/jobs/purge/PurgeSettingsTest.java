package org.tracehub.jobs.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code hub.jobs.purge.*} bound as the hub binds it at start-up. An age of zero or less, or an archive retention below
 * the record-keeping period, stops the start naming the key: before, {@code archive-retention: 0} (meant as "keep for
 * ever") was P0D, and the 03:30 run deleted the original of every finished batch.
 */
class PurgeSettingsTest {

    @Test
    void theShippedDefaultsBind() {
        PurgeSettings settings = bind(Map.of());

        assertThat(settings.archiveRetention()).isEqualTo(Period.ofYears(3));
        assertThat(settings.allowShortArchiveRetention()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"archive-retention, 0", "archive-retention, P0D", "archive-retention, -P1Y", "staging-age, 0",
            "staging-age, -P30D", "receipt-retention, P0D", "job-metadata-age, P0D", "inbox-leftover-retention, -P1D",
            "superseded-problems-retention, P0D", "archive-retention, P1Y-400D"})
    void anAgeOfZeroOrLessStopsTheStartNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> bind(Map.of("hub.jobs.purge." + key, value)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("hub.jobs.purge." + key + " is ").hasMessageContaining("zero or less")
                .hasMessageContaining("keep for ever");
    }

    @Test
    void aZeroAgeIsRefusedEvenWhereAShortArchiveRetentionIsAllowed() {
        assertThatThrownBy(() -> bind(Map.of("hub.jobs.purge.archive-retention", "0",
                "hub.jobs.purge.allow-short-archive-retention", "true")))
                .rootCause().hasMessageContaining("hub.jobs.purge.archive-retention is P0D");
    }

    @Test
    void anArchiveRetentionBelowThreeYearsIsRefusedUnlessAllowedExplicitly() {
        for (String shorter : new String[] {"P2Y", "P35M", "P1095D"}) {
            assertThatThrownBy(() -> bind(Map.of("hub.jobs.purge.archive-retention", shorter))).as(shorter)
                    .rootCause().hasMessageContaining("hub.jobs.purge.archive-retention is " + Period.parse(shorter))
                    .hasMessageContaining("hub.jobs.purge.allow-short-archive-retention=true");
        }
        for (String enough : new String[] {"P3Y", "P36M", "P1096D", "P10Y"}) {
            assertThat(bind(Map.of("hub.jobs.purge.archive-retention", enough)).archiveRetention()).as(enough)
                    .isEqualTo(Period.parse(enough));
        }

        PurgeSettings allowed = bind(Map.of("hub.jobs.purge.archive-retention", "P2Y",
                "hub.jobs.purge.allow-short-archive-retention", "true"));

        assertThat(allowed.archiveRetention()).isEqualTo(Period.ofYears(2));
    }

    private static PurgeSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("hub.jobs.purge", PurgeSettings.class);
    }
}
