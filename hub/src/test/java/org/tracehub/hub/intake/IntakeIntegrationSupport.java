package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.routes.testing.LegacySftpServer;
import org.tracehub.samples.SampleCorpus;

/**
 * The whole hub, shared by every intake test class (one Spring context: same properties, so the
 * context cache hands each class the same running hub): the embedded drop-box on a free port, five
 * sources of the meat market's spec with a password each ({@code meat-wholesale-xj} also with an
 * ed25519 key made by {@code ssh-keygen}), a sixth source pulled from a legacy SFTP server that a
 * second in-process MINA server plays, and small limits. The data dir is one temporary folder for all
 * classes (a {@code @TempDir} would be removed after the first class while the context lives on).
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IntakeIntegrationSupport {

    static final String XJ = "meat-wholesale-xj";
    static final List<String> SOURCES = List.of(XJ, "meat-xj-2", "meat-xj-3", "meat-xj-4", "meat-xj-5");
    static final String PULLED = "meat-xj-legacy";
    static final long MAX_FILE_SIZE = 2 * 1024 * 1024;
    static final Charset GB18030 = Charset.forName("GB18030");
    static final Duration WAIT = Duration.ofSeconds(120);

    private static final String SAMPLE = "meat/meat-wholesale-xj/input/交易明细_20261127.csv";
    static final String LEGACY_PASSWORD = "legacy-secret";
    private static final AtomicInteger VARIANTS = new AtomicInteger();

    static final Path WORK;
    static final Path DATA;
    static final Path CLIENT_KEY;
    static final LegacySftpServer LEGACY;
    static final Path LEGACY_KNOWN_HOSTS;

    static {
        try {
            WORK = Files.createTempDirectory("intake-e2e-");
            DATA = Files.createDirectories(WORK.resolve("data"));
            Path specs = Files.createDirectories(WORK.resolve("specs"));
            String spec;
            try (InputStream in = IntakeIntegrationSupport.class.getClassLoader().getResourceAsStream("sources/meat-wholesale-xj.yaml")) {
                spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String source : Stream.concat(SOURCES.stream().skip(1), Stream.of(PULLED)).toList()) {
                Files.writeString(specs.resolve(source + ".yaml"), spec.replace("source: " + XJ, "source: " + source));
            }
            Path keys = Files.createDirectories(WORK.resolve("keys"));
            CLIENT_KEY = keys.resolve("id_ed25519");
            ProcessResult keygen = run(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "market-export",
                    "-f", CLIENT_KEY.toString());
            assertThat(keygen.exitCode()).as("ssh-keygen: %s", keygen.output()).isZero();
            LEGACY = LegacySftpServer.start(Files.createDirectories(WORK.resolve("legacy")), "legacy", LEGACY_PASSWORD);
            Files.createDirectories(LEGACY.root().resolve("export"));
            LEGACY_KNOWN_HOSTS = Files.writeString(keys.resolve("legacy_known_hosts"), LEGACY.knownHostsLine() + "\n");
            Runtime.getRuntime().addShutdownHook(new Thread(IntakeIntegrationSupport::cleanUp));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("hub.data-dir", DATA::toString);
        registry.add("hub.sources-dir", () -> WORK.resolve("specs").toString());
        registry.add("hub.sftp.port", () -> "0");
        registry.add("hub.sftp.host", () -> "127.0.0.1");
        registry.add("hub.sftp.max-file-size", () -> MAX_FILE_SIZE + "B");
        registry.add("hub.sftp.max-files-per-hour", () -> "1000");
        registry.add("hub.sftp.lockout.max-failures", () -> "1000");
        registry.add("hub.sftp.lockout.max-failures-per-address", () -> "1000");
        for (String source : SOURCES) {
            String hash = BCrypt.hashpw(password(source), BCrypt.gensalt(4));
            registry.add("hub.sftp.accounts." + source + ".password-hash", () -> hash);
        }
        String publicKey = Files.readString(CLIENT_KEY.resolveSibling("id_ed25519.pub")).strip();
        registry.add("hub.sftp.accounts." + XJ + ".authorized-keys[0]", () -> publicKey);
        registry.add("hub.routes.max-redeliveries", () -> "2");
        registry.add("hub.routes.redelivery-delay-ms", () -> "100");
        registry.add("hub.jobs.import-concurrency", () -> "2");
        // two imports at once need a connection more than the embedded default of ten holds (ConnectionPoolCheck)
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "12");
        registry.add("LEGACY_SFTP_PASSWORD", () -> LEGACY_PASSWORD);
        registry.add("hub.pull.retry.initial-delay", () -> "300ms");
        registry.add("hub.pull.min-file-age", () -> "0s");   // the files are written just before each pull
        registry.add("hub.pull.settle-time", () -> "300ms");   // a second listing, not a 5 s wait per file
        registry.add("hub.pull.retry.max-delay", () -> "2s");
        registry.add("hub.pull.retry.max-attempts", () -> "100");
        registry.add("hub.pull.sources." + PULLED + ".host", () -> "127.0.0.1");
        registry.add("hub.pull.sources." + PULLED + ".port", LEGACY::port);
        registry.add("hub.pull.sources." + PULLED + ".user", () -> "legacy");
        registry.add("hub.pull.sources." + PULLED + ".password-env", () -> "LEGACY_SFTP_PASSWORD");
        registry.add("hub.pull.sources." + PULLED + ".remote-dir", () -> "export");
        registry.add("hub.pull.sources." + PULLED + ".after-fetch", () -> "move");
        registry.add("hub.pull.sources." + PULLED + ".known-hosts-file", LEGACY_KNOWN_HOSTS::toString);
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    DropBoxLifecycle dropBox;

    @Autowired
    JdbcClient jdbc;

    static String password(String source) {
        return source + "-secret";
    }

    int sftpPort() {
        return dropBox.server().port();
    }

    /**
     * The meat market's sample export with its voucher numbers and trace codes made unique, so that every
     * variant is new content: rows read 10, accepted 7, rejected 3 (rows 5, 8, 10), skipped 1, warned 1.
     */
    static byte[] variant() {
        int n = VARIANTS.incrementAndGet();
        String text = new String(SampleCorpus.bytes(SAMPLE), GB18030)
                .replace("XJM26112700", "XJM2611" + String.format("%04d", n))
                .replace("XJ202611270", "XJ2026" + String.format("%05d", n));
        return text.getBytes(GB18030);
    }

    static String uniqueName() {
        return "交易明细_" + String.format("%08d", 20270000 + VARIANTS.incrementAndGet()) + ".csv";
    }

    static Path clientFile(String name, byte[] content) throws IOException {
        Path dir = Files.createDirectories(WORK.resolve("client").resolve(Integer.toString(VARIANTS.incrementAndGet())));
        return Files.write(dir.resolve(name), content);
    }

    static Path outbox(String source) {
        return DATA.resolve("sftp").resolve(source).resolve("outbox");
    }

    static Path inbox(String source) {
        return DATA.resolve("sftp").resolve(source).resolve("inbox");
    }

    List<Map<String, Object>> batches(String source, String fileName) {
        return jdbc.sql("SELECT * FROM batch WHERE source_id = ? AND file_name = ? ORDER BY received_at, id").params(source, fileName)
                .query().listOfRows().stream().map(IntakeIntegrationSupport::lowerCaseKeys).toList();
    }

    /** Waits until the source has a batch of that file in one of the statuses, and returns it. */
    Map<String, Object> awaitBatch(String source, String fileName, Set<String> statuses) {
        return await().atMost(WAIT).until(() -> batches(source, fileName).stream()
                .filter(b -> statuses.contains((String) b.get("status"))).findFirst().orElse(null), b -> b != null);
    }

    /** Waits for the receipt of the batch in its final status and reads it (GB18030, the spec's encoding). */
    static List<CSVRecord> awaitReceipt(String source, String fileName, String batchId, String status) {
        Path csv = outbox(source).resolve(fileName + ".receipt.csv");
        return await().atMost(WAIT).until(() -> readReceipt(csv), r -> r != null && r.size() > 3
                && r.get(2).get(1).equals(batchId) && r.get(3).get(2).equals(status));
    }

    static List<CSVRecord> parseReceipt(byte[] bytes) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(new String(bytes, GB18030))).getRecords();
    }

    private static List<CSVRecord> readReceipt(Path csv) throws IOException {
        return Files.exists(csv) ? parseReceipt(Files.readAllBytes(csv)) : null;
    }

    static CSVRecord line(List<CSVRecord> lines, String first) {
        return lines.stream().filter(r -> r.get(0).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + first + " in " + lines));
    }

    /** The problem lines of a receipt: row, column, severity, code. */
    static List<List<String>> problems(List<CSVRecord> receipt) {
        int header = receipt.indexOf(line(receipt, "行号"));
        return receipt.subList(header + 1, receipt.size()).stream().map(r -> List.of(r.get(0), r.get(1), r.get(3), r.get(4))).toList();
    }

    static final List<List<String>> SAMPLE_PROBLEMS = List.of(
            List.of("5", "买方信用代码", "错误", "USCC_CHARACTER"),
            List.of("8", "检疫证号", "错误", "CERTIFICATE_REQUIRED"),
            List.of("10", "重量(斤)", "错误", "QUANTITY_NOT_POSITIVE"),
            List.of("11", "买方信用代码", "警告", "USCC_CHECK_DIGIT"));

    // --- real clients

    /** known_hosts naming the drop-box's own host key, for OpenSSH's strict checking. */
    Path dropBoxKnownHosts() throws IOException {
        return Files.writeString(WORK.resolve("keys").resolve("hub_known_hosts"),
                "[127.0.0.1]:" + sftpPort() + " " + PublicKeyEntry.toString(dropBoxHostKey()) + "\n");
    }

    /**
     * The drop-box host key's SHA-256 in base64, as curl's {@code --hostpubsha256} wants it: the fingerprint the hub
     * logs and shows in its health ({@code SHA256:…}, unpadded), with base64's padding.
     */
    String dropBoxHostKeySha256() {
        String fingerprint = dropBox.server().hostKeyFingerprint().substring("SHA256:".length());
        return fingerprint + "=".repeat((4 - fingerprint.length() % 4) % 4);
    }

    private static PublicKey dropBoxHostKey() {
        return new FileKeyPairProvider(DATA.resolve("ssh").resolve("host-key.pem")).loadKeys(null).iterator().next().getPublic();
    }

    /** OpenSSH's sftp in batch mode: key authentication only, the drop-box's host key only. */
    ProcessResult openSshSftp(String user, String... commands) throws Exception {
        Path batch = Files.write(Files.createTempFile(WORK, "sftp-batch-", ".txt"), String.join("\n", commands).getBytes(StandardCharsets.UTF_8));
        return run(Duration.ofSeconds(60), "sftp", "-b", batch.toString(), "-F", "/dev/null", "-i", CLIENT_KEY.toString(),
                "-P", Integer.toString(sftpPort()),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + dropBoxKnownHosts(), "-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                user + "@127.0.0.1");
    }

    /** curl's command line for an SFTP transfer with a password, checking the drop-box's host key. */
    List<String> curlSftp(String user, String... arguments) {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail",
                "--user", user + ":" + password(user), "--hostpubsha256", dropBoxHostKeySha256()));
        command.addAll(List.of(arguments));
        return command;
    }

    String sftpUrl(String path) {
        return "sftp://127.0.0.1:" + sftpPort() + "/" + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    record ProcessResult(int exitCode, String output) {
    }

    static ProcessResult run(Duration timeout, String... command) throws IOException {
        return run(timeout, List.of(command));
    }

    static ProcessResult run(Duration timeout, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted: " + command, e);
        }
        return new ProcessResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> map = new HashMap<>();
        row.forEach((column, value) -> map.put(column.toLowerCase(Locale.ROOT), value));
        return map;
    }

    private static void cleanUp() {
        try {
            LEGACY.close();
            try (Stream<Path> all = Files.walk(WORK)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            // best effort at JVM exit
        }
    }
}
