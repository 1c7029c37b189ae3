package org.tracehub.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.broker.*} as the embedded broker's configuration binds them at start-up. */
class BrokerDiskSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EmbeddedBrokerConfiguration.class)
            .withPropertyValues("spring.artemis.mode=embedded");

    @Test
    void aMinimumAboveTheWarningStopsTheStartNamingBothSettings() {
        context.withPropertyValues("hub.broker.min-disk-free=6GB", "hub.broker.warn-disk-free=5GB").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("hub.broker.min-disk-free (6GB) is above hub.broker.warn-disk-free (5GB)")
                    .hasMessageContaining("block every send while the health still said UP");
        });
    }

    @Test
    void aMinimumEqualToTheWarningAndTheDefaultsStart() {
        context.withPropertyValues("hub.broker.min-disk-free=5GB", "hub.broker.warn-disk-free=5GB")
                .run(started -> assertThat(started).hasNotFailed());
        context.run(started -> assertThat(started.getBean(BrokerDisk.class).getMinDiskFree().toMegabytes()).isEqualTo(512));
    }
}
