package org.tracehub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.hub.dropbox.DropBoxProperties;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.mappings.spec.LoadMode;
import org.tracehub.mappings.spec.MappingSpec;
import org.tracehub.platform.trace.ChainEvent;
import org.tracehub.platform.trace.TraceChain;
import org.tracehub.platform.trace.TraceChainQuery;

/**
 * The demo profile as a newcomer starts it: every sample export is taken in at start, each becomes a batch of its
 * source that ends LOADED (or STAGED, for a source that loads at night) with its receipt in the outbox, the chains
 * across sources are whole, every sample source can sign in with its documented password, and a restart on the same
 * data directory drops nothing again.
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the context is this class's alone (its own data dir), and the data dir goes with the class: closed, not cached with a
// broker, database and schedules on a deleted folder for the rest of the run
@DirtiesContext
@ActiveProfiles("demo")
class DemoProfileIntegrationTests {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TraceChainQuery chains;

    @Autowired
    SpecCatalog specs;

    @Autowired
    DemoSamples demo;

    @Autowired
    DropBoxProperties dropBox;

    @Test
    void everySampleIsTakenInOnceAndEndsLoadedOrStagedWithItsReceiptAndTheChainsAcrossSourcesAreWhole() throws Exception {
        // an on-arrival batch passes through STAGED on its way to LOADED: wait for each batch's own end
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            List<List<String>> batches = batches();
            assertThat(batches).extracting(b -> b.get(1)).as("one batch per sample")
                    .containsExactlyInAnyOrderElementsOf(DemoSamples.SAMPLES.stream().map(s -> Path.of(s.path()).getFileName().toString())
                            .toList());
            for (List<String> batch : batches) {
                String expected = specs.source(batch.get(0)).orElseThrow().load() == LoadMode.NIGHTLY ? "STAGED" : "LOADED";
                assertThat(batch.get(2)).as("%s of %s", batch.get(1), batch.get(0)).isEqualTo(expected);
            }
        });
        List<List<String>> batches = batches();
        // each receipt follows its batch's last step, written from the completed topic
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (List<String> batch : batches) {
                Path outbox = dataDir.resolve("sftp").resolve(batch.get(0)).resolve("outbox");
                assertThat(outbox.resolve(batch.get(1) + ".receipt.csv")).as("receipt of %s", batch.get(1)).exists();
            }
        });
        List<String> sources = specs.all().stream().map(MappingSpec::source).toList();
        assertThat(DemoSamples.SAMPLES.stream().map(DemoSamples.Sample::sourceId).distinct())
                .as("every source of the catalogue has its sample in the demo").containsExactlyInAnyOrderElementsOf(sources);

        // the wholesale lot of the tour: its slaughter lot reported by the slaughterhouse's sample, no gap left
        TraceChain wholesale = chains.chain("XJM2611270001", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(wholesale.events()).extracting(ChainEvent::traceCode, ChainEvent::relation)
                .contains(tuple("TZ2611260088", ChainEvent.Relation.UPSTREAM), tuple("XJM2611270001", ChainEvent.Relation.SELF));
        assertThat(wholesale.gaps()).as("only the farms' origin quarantine certificates, which no source reports").isNotEmpty()
                .allMatch(code -> code.matches("\\d{16}"));
        // a vegetable lot from the Chongming base through the wholesale market
        TraceChain vegetables = chains.chain("XJV2611270001", TraceChainQuery.DEFAULT_MAX_DEPTH);
        assertThat(vegetables.events()).extracting(ChainEvent::traceCode).contains("XJV2611270001");
        assertThat(vegetables.events()).extracting(ChainEvent::step).contains("HARVEST");

        // every sample source signs in with its documented demo password
        for (String source : sources) {
            String password = source.equals("meat-wholesale-xj") ? "xj-demo-2026" : source + "-demo-2026";
            assertThat(dropBox.getAccounts()).as(source).containsKey(source);
            assertThat(BCrypt.checkpw(password, dropBox.getAccounts().get(source).getPasswordHash())).as(source).isTrue();
        }

        // a restart on the same data directory drops nothing again
        demo.run(null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch").query(Long.class).single()).isEqualTo(DemoSamples.SAMPLES.size());
        for (String source : sources) {
            try (var inbox = Files.list(dataDir.resolve("sftp").resolve(source).resolve("inbox"))) {
                assertThat(inbox.filter(p -> !p.getFileName().toString().startsWith("."))).as(source).isEmpty();
            }
        }
    }

    private List<List<String>> batches() {
        return jdbc.sql("SELECT source_id, file_name, status FROM batch ORDER BY source_id, file_name")
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
