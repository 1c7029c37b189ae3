package org.tracehub.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code hub.jobs.nightly-sync.*} as the hub binds it: a wrong cron or source-crons entry stops the start naming its key. */
class NightlySyncSettingsTest {

    @Test
    void aFiveFieldSourceCronStopsTheStartNamingItsKeyAndValue() {
        assertThatThrownBy(() -> bind(Map.of("hub.jobs.nightly-sync.source-crons.dairy-x", "30 1 * * *")))
                .hasStackTraceContaining("IllegalArgumentException: hub.jobs.nightly-sync.source-crons.dairy-x: '30 1 * * *' is"
                        + " not a cron expression")
                .hasStackTraceContaining("seconds first; as a Unix cron this one is '0 30 1 * * *'");
    }

    @Test
    void aDefaultCronThatDoesNotParseStopsTheStartNamingItsKey() {
        assertThatThrownBy(() -> bind(Map.of("hub.jobs.nightly-sync.cron", "0 30 2 * *")))
                .hasStackTraceContaining("IllegalArgumentException: hub.jobs.nightly-sync.cron: '0 30 2 * *' is not a cron"
                        + " expression")
                .hasStackTraceContaining("(02:30 every day is '0 30 2 * * *')");
    }

    @Test
    void aSourceCronNestedUnderACronKeyIsRefusedNotSilentlyIgnored() {
        assertThatThrownBy(() -> bind(Map.of("hub.jobs.nightly-sync.source-crons.dairy-x.cron", "0 30 1 * * *")))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hub.jobs.nightly-sync.source-crons.dairy-x.cron: 'dairy-x.cron' is not a source id")
                .hasMessageContaining("source-crons: { dairy-x: \"0 30 1 * * *\" }");
    }

    @Test
    void aWellFormedSourceCronBinds() {
        NightlySyncSettings settings = bind(Map.of("hub.jobs.nightly-sync.source-crons.dairy-x", "0 30 1 * * *"));

        assertThat(settings.sourceCrons()).containsExactly(Map.entry("dairy-x", "0 30 1 * * *"));
        assertThat(settings.cron()).isEqualTo("0 0 2 * * *");
    }

    private static NightlySyncSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("hub.jobs.nightly-sync", NightlySyncSettings.class);
    }
}
