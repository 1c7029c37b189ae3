package org.tracehub.routes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Primary;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecLoader;

/**
 * The routes with what they need from elsewhere and nothing more: the platform's store and storage,
 * the spec catalogue, a fixed clock, and (from auto-configuration) H2, Flyway and an embedded Artemis.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// TypeExcludeFilter, as @SpringBootApplication has it: a test's own @TestConfiguration (BrokerBlockingDispatchTest's 10 KB
// blocking queue) is that test's, not every routes context's, where it blocked announcements once other tests' were left
@ComponentScan(basePackages = {"org.tracehub.routes", "org.tracehub.platform"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
// a test component, so that the hub's tests, scanning org.tracehub, leave it out when a reactor build before `package`
// puts all of routes' test classes on their class path instead of routes' test-jar (mvn test -pl hub -am)
@TestComponent
public class RoutesTestApplication {

    /** 2026-11-28 00:30 in Shanghai, still the 27th in UTC: archive dates must be the senders' dates. */
    public static final Instant NOW = Instant.parse("2026-11-27T16:30:00Z");

    /** A second source with the same file pattern, to show that duplicates are per source. */
    public static final String OTHER_SOURCE = "meat-wholesale-copy";

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
    }

    /** The built-in specs ({@code meat-wholesale-xj}) plus a copy of it under {@link #OTHER_SOURCE}. */
    @Bean
    SpecCatalog specCatalog() throws IOException {
        SpecCatalog builtIn = SpecCatalog.load(null);
        String yaml;
        try (InputStream in = SpecCatalog.class.getClassLoader().getResourceAsStream("sources/meat-wholesale-xj.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MappingSpec copy = new SpecLoader().load(new ByteArrayInputStream(yaml
                .replace("source: meat-wholesale-xj", "source: " + OTHER_SOURCE).getBytes(StandardCharsets.UTF_8)), OTHER_SOURCE + ".yaml");
        return SpecCatalog.of(Stream.concat(builtIn.all().stream(), Stream.of(copy)).toList());
    }
}
