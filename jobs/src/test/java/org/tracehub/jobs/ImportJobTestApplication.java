package org.tracehub.jobs;

import java.time.Clock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.schemas.event.EventRules;

/**
 * The jobs module on its own, wired as the hub wires it: the job beans, the platform's store and
 * storage (with its {@code Clock}), and the two framework-free beans the hub normally defines.
 * Auto-configuration brings the data source, Flyway, the JDBC job repository, the JobOperator and
 * an embedded Artemis broker (see {@code application.yml} next to the tests).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan({"org.tracehub.jobs", "org.tracehub.platform"})
public class ImportJobTestApplication {

    /** The built-in mapping specs only, as the hub without {@code hub.sources-dir}. */
    @Bean
    public SpecCatalog specCatalog() {
        return SpecCatalog.load(null);
    }

    @Bean
    public EventRules eventRules(Clock clock) {
        return new EventRules(clock);
    }
}
