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
     * the admin believed it added. The process's table too ({@link RegionCodeValidator#instance()}), which the spec
     * loader and the consumer page's place names read.
     */
    @Bean
    public RegionCodeValidator regionCodes(StandardSettings settings) {
        RegionCodeValidator regions = ExtraRegionCodesCheck.inProcess(settings.extraRegionCodes());
        if (!regions.extraCodes().isEmpty()) {
            log.info("GB/T 2260 codes added to the shipped table by {}: {}", StandardSettings.EXTRA_REGION_CODES, regions.extraCodes());
        }
        if (!regions.shippedSince().isEmpty()) {
            // a release shipped them since the admin added them: the table's own entry is used, the setting may go
            log.warn("{} 中的代码已随本版本的GB/T 2260代码表发布，使用代码表中的名称，可从设置中删除: {} / {} lists codes this release's table "
                    + "carries already; the table's entry is used and the setting may be removed", StandardSettings.EXTRA_REGION_CODES,
                    regions.shippedSince(), StandardSettings.EXTRA_REGION_CODES);
        }
        return regions;
    }

    @Bean
    public EventRules eventRules(Clock clock, RegionCodeValidator regionCodes) {
        return new EventRules(clock, TraceCodeValidator.opaque(), regionCodes);
    }
}
