package org.tracehub.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A source like the meat wholesale market that loads nightly: its spec with another id and {@code load: nightly}. */
    public static final String NIGHTLY_SOURCE = "meat-wholesale-xj-nightly";
    /** The meat wholesale market's spec with an expression that fails on every row (text compared with a number). */
    public static final String FAILING_RULE_SOURCE = "meat-wholesale-xj-failing-rule";

    /**
     * The built-in mapping specs, plus {@link #NIGHTLY_SOURCE} and {@link #FAILING_RULE_SOURCE} in an external folder (as
     * {@code hub.sources-dir} would hold it), derived from the built-in spec so the two never drift apart.
     */
    @Bean
    public SpecCatalog specCatalog() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sources/meat-wholesale-xj.yaml")) {
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("source: meat-wholesale-xj", "source: " + NIGHTLY_SOURCE)
                    .replace("load: on-arrival", "load: nightly");
            Path dir = Files.createTempDirectory("nightly-specs");
            Files.writeString(dir.resolve(NIGHTLY_SOURCE + ".yaml"), spec);
            Files.writeString(dir.resolve(FAILING_RULE_SOURCE + ".yaml"), spec
                    .replace("source: " + NIGHTLY_SOURCE, "source: " + FAILING_RULE_SOURCE)
                    .replace("load: nightly", "load: on-arrival")
                    .replace("transaction.voucherNo:          { column: 交易凭证号 }",
                            "transaction.voucherNo:          { column: 交易凭证号, expr: \"#value > 10 ? #value : '10'\" }"));
            return SpecCatalog.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source whose pull moves what it fetches: its records of fetched files may be forgotten; any other's stay. */
    public static final String MOVING_PULL_SOURCE = "pull-moving";

    @Bean
    public org.tracehub.jobs.purge.PullFetchedSources pullFetchedSources() {
        return () -> java.util.Set.of(MOVING_PULL_SOURCE);
    }

    @Bean
    public EventRules eventRules(Clock clock) {
        return new EventRules(clock);
    }

    /** The hub's actuator provides the registry; here a simple one, read by the tests. */
    @Bean
    public MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
