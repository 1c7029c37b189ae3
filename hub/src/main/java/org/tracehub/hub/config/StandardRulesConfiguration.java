package org.tracehub.hub.config;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tracehub.schemas.event.EventRules;
import org.tracehub.schemas.validation.RegionCodeValidator;
import org.tracehub.schemas.validation.TraceCodeValidator;

/** The standard's rules as the hub applies them: the shipped code tables with the deployment's additions. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StandardSettings.class)
public class StandardRulesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StandardRulesConfiguration.class);

    /**
     * The GB/T 2260 table with {@code hub.standard.extra-region-codes}. A code refused there stops the start (in the
     * hub already before any bean, {@link ExtraRegionCodesCheck}): left out, every row carrying it would be rejected while
     * the admin believed it added.
     */
    @Bean
    public RegionCodeValidator regionCodes(StandardSettings settings) {
        RegionCodeValidator regions = ExtraRegionCodesCheck.regions(settings.extraRegionCodes());
        if (!regions.extraCodes().isEmpty()) {
            log.info("GB/T 2260 codes added to the shipped table by {}: {}", StandardSettings.EXTRA_REGION_CODES, regions.extraCodes());
        }
        return regions;
    }

    @Bean
    public EventRules eventRules(Clock clock, RegionCodeValidator regionCodes) {
        return new EventRules(clock, TraceCodeValidator.opaque(), regionCodes);
    }
}
