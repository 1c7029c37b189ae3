package org.tracehub.hub.broker;

import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded broker's disk limit: an amount of free space, not a share of the disk (see {@link BrokerDisk}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
@EnableConfigurationProperties(BrokerDisk.class)
public class EmbeddedBrokerConfiguration {

    /** Artemis compares usage with max-disk-usage and free space with min-disk-free; at 100 % only the latter can block. */
    static final int NO_SHARE_LIMIT = 100;

    @Bean
    ArtemisConfigurationCustomizer brokerDiskLimit(BrokerDisk disk) {
        return configuration -> configuration.setMaxDiskUsage(NO_SHARE_LIMIT).setMinDiskFree(disk.getMinDiskFree().toBytes());
    }
}
