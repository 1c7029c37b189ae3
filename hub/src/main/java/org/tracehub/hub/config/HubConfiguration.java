package org.tracehub.hub.config;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.schemas.event.EventRules;

/** The framework-free cores (mapping catalogue, the standard's rules) as beans for routes and jobs. */
@Configuration(proxyBeanMethods = false)
public class HubConfiguration {

    /** Built-in specs plus those in {@code hub.sources-dir}, if set. */
    @Bean
    public SpecCatalog specCatalog(@Value("${hub.sources-dir:}") String sourcesDir) {
        return SpecCatalog.load(sourcesDir.isBlank() ? null : Path.of(sourcesDir));
    }

    @Bean
    public EventRules eventRules(Clock clock) {
        return new EventRules(clock);
    }
}
