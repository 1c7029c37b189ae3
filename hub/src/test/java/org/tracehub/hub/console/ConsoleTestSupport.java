package org.tracehub.hub.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.jobs.progress.BatchProgressService;
import org.tracehub.platform.batch.Transport;
import org.tracehub.platform.storage.HubStorage;
import org.tracehub.routes.intake.IntakeEndpoints;
import org.tracehub.routes.intake.IntakeHeaders;
import org.tracehub.samples.SampleCorpus;

/**
 * The hub as the console and API tests use it: one application context shared by every test class
 * that extends this (same properties, so Spring's test context cache reuses it), a data dir and an
 * external spec folder of its own under {@code target/}, and batches made the real way — a file in
 * an inbox handed to intake, converted by the import job, loaded into H2.
 *
 * <p>The external folder holds copies of the meat wholesale market's spec under other source ids, so
 * each test class can own its source and count exactly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleTestSupport {

    static final String SAMPLE = "meat/meat-wholesale-xj/input/交易明细_20261127.csv";
    static final Charset GB18030 = Charset.forName("GB18030");
    /** Sources the tests own: copies of meat-wholesale-xj's spec. */
    static final Set<String> TEST_SOURCES = Set.of("meat-console", "meat-report", "meat-original", "meat-audit", "meat-metrics",
            "meat-pages", "meat-security", "meat-logs", "meat-purged", "meat-attempts", "meat-ops", "meat-bulk", ConsoleTestSupport.PULLED_SOURCE);

    static final Path DATA_DIR = directory("data");
    static final Path SOURCES_DIR = sourcesDir();
    private static final AtomicInteger VARIANT = new AtomicInteger();

    /**
     * A market onboarded in the drop-box before its mapping spec is written. Here, not in one test class: another set
     * of properties is another context on the same data dir, whose broker would wait for ever for the journal's lock.
     */
    static final String NO_SPEC_SOURCE = "meat-newcomer";
    /**
     * A source pulled from a legacy server, on request only (no cron): nothing here requests it, so it never connects; the
     * tests write its pull state as a pull would have left it.
     */
    static final String PULLED_SOURCE = "meat-pulled";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA_DIR::toString);
        registry.add("hub.sources-dir", SOURCES_DIR::toString);
        // the tests that edit a spec wait for the watcher to see it: at the default 5 s, most of their time
        registry.add("hub.sources-reload-interval", () -> "200ms");
        registry.add("hub.sftp.port", () -> "0");
        String newcomer = org.springframework.security.crypto.bcrypt.BCrypt.hashpw("newcomer-secret",
                org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));
        registry.add("hub.sftp.accounts." + NO_SPEC_SOURCE + ".password-hash", () -> newcomer);
        String pull = "hub.pull.sources." + PULLED_SOURCE;
        registry.add(pull + ".host", () -> "127.0.0.1");
        registry.add(pull + ".port", () -> "22");
        registry.add(pull + ".user", () -> "legacy");
        registry.add(pull + ".password-env", () -> "CONSOLE_TEST_PULL_PASSWORD");
        registry.add("CONSOLE_TEST_PULL_PASSWORD", () -> "legacy-secret");
        registry.add(pull + ".remote-dir", () -> "export");
        registry.add(pull + ".known-hosts-file", () -> knownHosts().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    HubStorage storage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BatchProgressService progress;

    /** The admin, signed in with HTTP Basic (the security tests cover the other roles). */
    RestClient http() {
        return HubTestUsers.admin("http://localhost:" + port);
    }

    /**
     * The sample export with its voucher numbers changed, so that each call is new content (not a
     * DUPLICATE) with the same rows, mistakes and counts: read 10, accepted 7, rejected 3 (rows 5, 8,
     * 10), skipped 1 (the 合计 row), warned 1 (row 11). Its sales are dated a day earlier each call: under
     * new voucher numbers (the record key) the same sales at the same time would be the same records
     * re-sent, which the load warns as RECORD_KEY_SPELLING.
     */
    static byte[] freshSample() {
        String text = new String(SampleCorpus.bytes(SAMPLE), GB18030);
        int n = VARIANT.incrementAndGet();
        String variant = String.format("%03d", n);
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 27).minusDays(n);
        return text.replace("XJ20261127", "V" + variant + "1127")
                .replace("2026/11/27", day.format(java.time.format.DateTimeFormatter.ofPattern("yyyy/M/d")))
                .replace("2026年11月27日", day.format(java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日")))
                .getBytes(GB18030);
    }

    /** Puts a file into the source's inbox and hands it to intake, as the drop-box would; returns its batch id once final. */
    String ingest(String source, String fileName, byte[] content) {
        try {
            String sha = sha256(content);
            List<String> before = batchesWith(source, sha, false);
            Path inbox = storage.inbox(source);
            Files.createDirectories(inbox);
            Path file = inbox.resolve(fileName);
            Files.write(file, content);
            producer.sendBodyAndHeaders(IntakeEndpoints.FILE_RECEIVED, null, Map.of(
                    IntakeHeaders.SOURCE_ID, source,
                    IntakeHeaders.FILE_PATH, file.toString(),
                    IntakeHeaders.TRANSPORT, Transport.SFTP.name()));
            String id = await().atMost(Duration.ofSeconds(60)).until(
                    () -> batchesWith(source, sha, true).stream().filter(b -> !before.contains(b)).findFirst().orElse(null),
                    b -> b != null);
            // the batch row is final before its job execution has ended (the report step runs last)
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.of(id).map(p -> !p.running()).orElse(false));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Batches of the source with this content; only those that reached a final status if asked (the test sources load on arrival). */
    List<String> batchesWith(String source, String sha, boolean finalOnly) {
        return jdbc.sql("SELECT id FROM batch WHERE source_id = ? AND sha256 = ?"
                        + (finalOnly ? " AND status IN ('LOADED', 'FAILED', 'DUPLICATE', 'UNKNOWN_SOURCE', 'EMPTY')" : ""))
                .params(source, sha).query(String.class).list();
    }

    /**
     * The day the batch was received in the hub's zone, the day a list's day filter matches it by: the day the test runs
     * in is the next one when the ingest crosses midnight in Shanghai (16:00 UTC).
     */
    LocalDate receivedDay(String id, Clock clock) {
        return jdbc.sql("SELECT received_at FROM batch WHERE id = ?").param(id).query(OffsetDateTime.class).single()
                .atZoneSameInstant(clock.getZone()).toLocalDate();
    }

    String ingestSample(String source) {
        return ingest(source, "交易明细_20261127.csv", freshSample());
    }

    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String builtInSpec() {
        try (InputStream in = new ClassPathResource("sources/meat-wholesale-xj.yaml").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourcesDir() {
        Path dir = directory("sources");
        String spec = builtInSpec();
        for (String source : TEST_SOURCES) {
            try {
                Files.writeString(dir.resolve(source + ".yaml"), spec.replace("source: meat-wholesale-xj", "source: " + source),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static Path knownHosts() {
        try {
            Path file = DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-known_hosts");
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String name) {
        try {
            Path root = Path.of("target", "console-tests").toAbsolutePath();
            Files.createDirectories(root);
            return Files.createTempDirectory(root, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
