package org.tracehub.hub.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.trace.TraceEventStore;
import org.tracehub.schemas.standard.v1.TraceEvent;

/**
 * The whole hub on a random port with its own data directory (so the Spring context is shared by
 * the public-web test classes), loaded through {@link TraceEventStore#upsert} with the chains of
 * {@link PublicChains} as one batch, the legacy chain whose codes contain "/" as a second, the lot whose
 * sampling found positive pigs as a third, and a stall-holder's (an individual business's) vegetables as a fourth — no mocks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PublicWebTestSupport {

    static final String PUBLIC_BASE_URL = "https://trace.example.sh.cn";
    static final String BATCH_ID = "20261127-00000000c7";
    static final String LEGACY_BATCH_ID = "20261127-00000000d8";
    static final String POSITIVE_BATCH_ID = "20261127-00000000e9";
    static final String STALL_BATCH_ID = "20261127-00000000fa";
    static final String LIFTS_BATCH_ID = "20261127-00000000fb";

    /** Not a JUnit @TempDir: the shared context outlives each test class. Under target/, so mvn clean removes it. */
    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA_DIR::toString);
        registry.add("hub.sftp.port", () -> "0");
        registry.add("hub.public-base-url", () -> PUBLIC_BASE_URL);
        // a query beyond the public limit is answered after this wait (2 s by default)
        registry.add("hub.trace.query-wait", () -> "300ms");
        registry.add("hub.qr.render-wait", () -> "300ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    TraceEventStore store;

    @Autowired
    BatchRepository batches;

    @Autowired
    ConsumerLinks links;

    @BeforeEach
    void loadChains() {
        if (batches.findById(BATCH_ID).isPresent()) {
            return;
        }
        batches.insertReceived(new NewBatch(BATCH_ID, "public-web-test", "交易明细_20261127.csv", "交易明细_20261127.csv",
                "archive/2026/11/27/" + BATCH_ID + "/交易明细_20261127.csv", 2048, "cd".repeat(32), Transport.SFTP,
                OffsetDateTime.parse("2026-11-27T08:00:00+08:00")));
        List<TraceEvent> events = new ArrayList<>(PublicChains.pork());
        events.add(PublicChains.wholesaleWithGap());
        events.addAll(PublicChains.elevator());
        events.forEach(e -> store.upsert(e, BATCH_ID, 1));

        batches.insertReceived(new NewBatch(LEGACY_BATCH_ID, "public-web-test", "legacy_20261127.csv", "legacy_20261127.csv",
                "archive/2026/11/27/" + LEGACY_BATCH_ID + "/legacy_20261127.csv", 512, "ef".repeat(32), Transport.SFTP,
                OffsetDateTime.parse("2026-11-27T08:05:00+08:00")));
        PublicChains.legacySlashed().forEach(e -> store.upsert(e, LEGACY_BATCH_ID, 1));
        PublicChains.legacyOdd().forEach(e -> store.upsert(e, LEGACY_BATCH_ID, 1));
        PublicChains.caseTwins().forEach(e -> store.upsert(e, LEGACY_BATCH_ID, 1));
        PublicChains.mixedCaseLot().forEach(e -> store.upsert(e, LEGACY_BATCH_ID, 1));

        batches.insertReceived(new NewBatch(POSITIVE_BATCH_ID, "public-web-test", "宰前抽检_20261127.csv", "宰前抽检_20261127.csv",
                "archive/2026/11/27/" + POSITIVE_BATCH_ID + "/宰前抽检_20261127.csv", 256, "ab".repeat(32), Transport.SFTP,
                OffsetDateTime.parse("2026-11-27T08:10:00+08:00")));
        PublicChains.positiveSampling().forEach(e -> store.upsert(e, POSITIVE_BATCH_ID, 1));

        batches.insertReceived(new NewBatch(STALL_BATCH_ID, "public-web-test", "蔬菜交易明细_20261127.csv", "蔬菜交易明细_20261127.csv",
                "archive/2026/11/27/" + STALL_BATCH_ID + "/蔬菜交易明细_20261127.csv", 256, "fa".repeat(32), Transport.SFTP,
                OffsetDateTime.parse("2026-11-27T08:15:00+08:00")));
        PublicChains.individualStall().forEach(e -> store.upsert(e, STALL_BATCH_ID, 1));

        batches.insertReceived(new NewBatch(LIFTS_BATCH_ID, "public-web-test", "wb_maint_20261127.xml", "wb_maint_20261127.xml",
                "archive/2026/11/27/" + LIFTS_BATCH_ID + "/wb_maint_20261127.xml", 256, "fb".repeat(32), Transport.SFTP,
                OffsetDateTime.parse("2026-11-27T08:20:00+08:00")));
        PublicChains.reissuedEmergencyCode().forEach(e -> store.upsert(e, LIFTS_BATCH_ID, 1));
        PublicChains.sharedEmergencyCode().forEach(e -> store.upsert(e, LIFTS_BATCH_ID, 1));
    }

    String local(String path) {
        return "http://localhost:" + port + path;
    }

    private static Path createDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "public-web-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
