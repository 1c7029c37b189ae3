package org.tracehub.jobs.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.mappings.spec.SpecLoader;

/** Which sources each scheduled sync run covers, from the specs' load modes and the hub's configuration. */
class SyncSourcesTest {

    private final SpecCatalog catalog = SpecCatalog.of(List.of(spec("market-a", "nightly"), spec("market-b", "nightly"),
            spec("market-c", "on-arrival"), spec("market-d", "nightly")));

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("hub.pull.sources.market-c.host", "legacy-c.invalid")
            .withProperty("hub.pull.sources.market-d.host", "legacy-d.invalid")
            .withProperty("hub.pull.sources.market-e.host", "legacy-e.invalid")
            .withProperty("hub.pull.sources.market-e.enabled", "false")
            .withProperty("hub.pull.sources.market-f.host", "legacy-f.invalid")
            .withProperty("hub.pull.sources.market-f.cron", "0 30 2 * * *");

    private final SyncSources sources = new SyncSources(catalog, environment, new NightlySyncSettings(true, "0 0 2 * * *",
            "Asia/Shanghai", Duration.ofDays(1), Map.of("market-b", "0 30 1 * * *", "market-d", "0 30 1 * * *"), Duration.ofDays(1)));

    @Test
    void theDefaultRunCoversEverySourceWithoutACronOfItsOwnAndEachOtherCronItsSources() {
        // market-e's pull is switched off; market-f's pull runs on its own cron in routes
        assertThat(sources.schedules()).containsExactly(
                new SyncSources.Schedule("0 0 2 * * *", "*"),
                new SyncSources.Schedule("0 30 1 * * *", "market-b,market-d"));

        assertThat(sources.nightlyLoading(sources.resolve("*"))).containsExactly("market-a");
        assertThat(sources.pulled(sources.resolve("*"))).containsExactly("market-c");

        var early = sources.resolve("market-b,market-d");
        assertThat(sources.nightlyLoading(early)).containsExactly("market-b", "market-d");
        assertThat(sources.pulled(early)).containsExactly("market-d");
    }

    @Test
    void aSourceCronForASourceWithNeitherASpecNorAPullIsWarnedAbout() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(SyncSources.class);
        logger.addAppender(log);
        try {
            new SyncSources(catalog, environment, new NightlySyncSettings(true, "0 0 2 * * *", "Asia/Shanghai", Duration.ofDays(1),
                    Map.of("market-b", "0 30 1 * * *", "market-e", "0 30 1 * * *", "markt-a", "0 30 1 * * *"), Duration.ofDays(1)));
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).singleElement()
                .satisfies(e -> assertThat(e.toList()).first().isEqualTo(Level.WARN))
                .satisfies(e -> assertThat((String) e.toList().get(1))
                        .startsWith("hub.jobs.nightly-sync.source-crons.markt-a names a source with neither a mapping spec nor a pull"));
    }

    private static MappingSpec spec(String id, String load) {
        try (InputStream in = SyncSourcesTest.class.getClassLoader().getResourceAsStream("sources/meat-wholesale-xj.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("source: meat-wholesale-xj", "source: " + id).replace("load: on-arrival", "load: " + load);
            return new SpecLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), id + ".yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
