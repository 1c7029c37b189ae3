package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/** Here for the shared context: the hub's embedded broker, as it runs. */
class EmbeddedBrokerDiskLimitTest extends ConsoleTestSupport {

    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void theEmbeddedBrokerBlocksOnlyBelowAnAmountOfFreeSpaceNotPastAShareOfTheDisk() {
        Configuration configuration = broker.getActiveMQServer().getConfiguration();

        assertThat(configuration.getMaxDiskUsage()).as("Artemis' 90 % would stall a large disk with hundreds of GB free")
                .isEqualTo(100);
        assertThat(configuration.getMinDiskFree()).isEqualTo(DataSize.ofMegabytes(512).toBytes());
    }
}
