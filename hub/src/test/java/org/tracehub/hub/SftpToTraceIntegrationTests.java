package org.tracehub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.samples.SampleCorpus;

/**
 * The spine, end to end with real parts: a real SFTP client uploads the meat wholesale market's
 * GB18030 export to the embedded drop-box; intake, the embedded Artemis broker, the Spring Batch
 * import job and the H2 store do their work; the receipt appears in the outbox; the API and the
 * trace query show the result; the same file again is a DUPLICATE.
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the context is this class's alone (its own data dir), and the data dir goes with the class: closed, not cached with a
// broker, database and schedules on a deleted folder for the rest of the run
@DirtiesContext
class SftpToTraceIntegrationTests {

    private static final String SOURCE = "meat-wholesale-xj";
    private static final String PASSWORD = "e2e-secret";
    private static final String SAMPLE = "meat/meat-wholesale-xj/input/交易明细_20261127.csv";
    private static final String FILE_NAME = "交易明细_20261127.csv";
    private static final Charset GB18030 = Charset.forName("GB18030");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        registry.add("hub.sftp.accounts." + SOURCE + ".password-hash", SftpToTraceIntegrationTests::hash);
    }

    private static String hash() {
        return org.springframework.security.crypto.bcrypt.BCrypt.hashpw(PASSWORD, org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    DropBoxLifecycle dropBox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void uploadedExportIsLoadedWithExactCountsReceiptAndTraceAndTheSameFileAgainIsADuplicate() throws Exception {
        byte[] original = SampleCorpus.bytes(SAMPLE);
        RestClient api = HubTestUsers.admin("http://localhost:" + httpPort);

        upload(FILE_NAME, original);

        Map<String, Object> batch = await().atMost(Duration.ofSeconds(60)).until(
                () -> latestBatch(api, FILE_NAME, "LOADED"), b -> b != null);
        assertThat(batch).containsEntry("status", "LOADED").containsEntry("statusText", "已入库").containsEntry("attempt", 1)
                .containsEntry("encoding", "GB18030");
        assertThat(batch.get("counts")).isEqualTo(Map.of("read", 10, "accepted", 7, "rejected", 3, "skipped", 1, "warned", 1,
                "skippedBy", List.of(Map.of("reason", "序号=合计", "rows", 1))));
        String batchId = (String) batch.get("id");

        // the receipt: in the sender's encoding, exactly the bad rows with their codes, then the warning
        Path receipt = dataDir.resolve("sftp").resolve(SOURCE).resolve("outbox").resolve(FILE_NAME + ".receipt.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt));
        List<CSVRecord> lines = CSVFormat.DEFAULT.parse(Files.newBufferedReader(receipt, GB18030)).getRecords();
        assertThat(lines.get(2).get(1)).isEqualTo(batchId);
        assertThat(lines.get(3).get(2)).isEqualTo("LOADED");
        int header = indexOf(lines, "行号");
        List<List<String>> problems = lines.subList(header + 1, lines.size()).stream()
                .map(r -> List.of(r.get(0), r.get(1), r.get(3), r.get(4))).toList();
        assertThat(problems).containsExactly(
                List.of("5", "买方信用代码", "错误", "USCC_CHARACTER"),
                List.of("8", "检疫证号", "错误", "CERTIFICATE_REQUIRED"),
                List.of("10", "重量(斤)", "错误", "QUANTITY_NOT_POSITIVE"),
                List.of("11", "买方信用代码", "警告", "USCC_CHECK_DIGIT"));
        assertThat(lines.get(header + 3).get(6)).as("a leading minus is written formula-safe").isEqualTo("'-35");
        assertThat(dataDir.resolve("sftp").resolve(SOURCE).resolve("outbox").resolve(FILE_NAME + ".receipt.xml")).exists();
        assertThat(download("outbox/" + FILE_NAME + ".receipt.csv")).isEqualTo(Files.readAllBytes(receipt));

        // the errors API lists the same rows
        List<Map<String, Object>> errors = api.get().uri("/api/batches/{id}/errors", batchId).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(errors).extracting(e -> e.get("row")).containsExactly(5, 8, 10, 11);

        // the trace query returns the loaded event
        Map<String, Object> chain = api.get().uri("/api/trace/{code}", "XJM2611270001").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) chain.get("events");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("traceCode", "XJM2611270001").containsEntry("step", "WHOLESALE")
                    .containsEntry("time", "2026-11-27T03:15:00+08:00").containsEntry("operatorUscc", "91310000631696382C")
                    .containsEntry("productName", "白条猪").containsEntry("unit", "KGM").containsEntry("origin", "341122")
                    .containsEntry("inputs", List.of("TZ2611260088"));
            assertThat(e.get("quantity").toString()).isEqualTo("128.25");
        });
        assertThat(chain.get("gaps")).isEqualTo(List.of("TZ2611260088"));
        HttpStatusCode rejectedRowStatus = api.get().uri("/api/trace/{code}", "XJM2611270003").exchange((req, res) -> res.getStatusCode());
        assertThat(rejectedRowStatus.value()).as("a rejected row is not loaded").isEqualTo(404);

        // the archived original is byte-identical and the inbox is empty again
        Path archived = dataDir.resolve(jdbc.sql("SELECT archive_path FROM batch WHERE id = ?").param(batchId).query(String.class).single());
        assertThat(Files.readAllBytes(archived)).isEqualTo(original);
        assertThat(dataDir.resolve("sftp").resolve(SOURCE).resolve("inbox")).isEmptyDirectory();
        long eventsBefore = jdbc.sql("SELECT COUNT(*) FROM trace_event").query(Long.class).single();
        assertThat(eventsBefore).isEqualTo(7);

        // the same content again: DUPLICATE, a receipt saying so, no new events; the first receipt stays, under its batch id
        byte[] firstReceipt = Files.readAllBytes(receipt);
        upload(FILE_NAME, original);
        Map<String, Object> duplicate = await().atMost(Duration.ofSeconds(30)).until(
                () -> latestBatch(api, FILE_NAME, "DUPLICATE"), b -> b != null);
        assertThat(duplicate).containsEntry("duplicateOf", batchId).containsEntry("failureCode", "FILE_DUPLICATE");
        await().atMost(Duration.ofSeconds(30)).until(() -> !Arrays.equals(Files.readAllBytes(receipt), firstReceipt));
        assertThat(download("outbox/" + FILE_NAME + "." + batchId + ".receipt.csv")).isEqualTo(firstReceipt);
        List<CSVRecord> dupLines = CSVFormat.DEFAULT.parse(Files.newBufferedReader(receipt, GB18030)).getRecords();
        assertThat(dupLines.get(3).get(2)).isEqualTo("DUPLICATE");
        assertThat(dupLines.stream().filter(r -> r.get(0).equals("原因")).findFirst()).get()
                .satisfies(r -> assertThat(r.get(2)).contains(batchId));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM trace_event").query(Long.class).single()).isEqualTo(eventsBefore);
    }

    private Map<String, Object> latestBatch(RestClient api, String fileName, String status) {
        List<Map<String, Object>> batches = api.get().uri("/api/batches?source={s}&status={st}", SOURCE, status).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        return batches.stream().filter(b -> fileName.equals(b.get("fileName"))).findFirst().orElse(null);
    }

    private static int indexOf(List<CSVRecord> lines, String first) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).size() > 0 && lines.get(i).get(0).equals(first)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with " + first);
    }

    /** Uploads like a legacy system would: write a .part file, close it, rename it. */
    private void upload(String name, byte[] content) throws IOException {
        try (SftpSession s = new SftpSession()) {
            try (OutputStream out = s.sftp.write("inbox/" + name + ".part")) {
                out.write(content);
            }
            s.sftp.rename("inbox/" + name + ".part", "inbox/" + name);
        }
    }

    private byte[] download(String path) throws IOException {
        try (SftpSession s = new SftpSession(); var in = s.sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    /** A real SFTP client that only trusts the drop-box's own host key. */
    private final class SftpSession implements AutoCloseable {
        final SshClient client = SshClient.setUpDefaultClient();
        final ClientSession session;
        final SftpClient sftp;

        SftpSession() throws IOException {
            String expected = dropBox.server().hostKeyFingerprint();
            client.setServerKeyVerifier((s, address, key) -> expected.equals(KeyUtils.getFingerPrint(key)));
            client.start();
            session = client.connect(SOURCE, "127.0.0.1", dropBox.server().port()).verify(Duration.ofSeconds(10)).getSession();
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            sftp = SftpClientFactory.instance().createSftpClient(session);
        }

        @Override
        public void close() throws IOException {
            sftp.close();
            session.close();
            client.stop();
        }
    }
}
