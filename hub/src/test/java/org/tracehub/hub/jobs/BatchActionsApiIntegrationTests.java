package org.tracehub.hub.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.samples.SampleCorpus;

/**
 * Reprocess, retry, progress and job executions through the HTTP API of the whole hub: a real SFTP
 * upload of the sample, then an admin's reprocess (202, then attempt 2 loaded in place of attempt 1)
 * and the refusals a client sees as problem documents.
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the context is this class's alone (its own data dir), and the data dir goes with the class: closed, not cached with a
// broker, database and schedules on a deleted folder for the rest of the run
@DirtiesContext
class BatchActionsApiIntegrationTests {

    private static final String SOURCE = "meat-wholesale-xj";
    private static final String PASSWORD = "api-secret";
    private static final String FILE = "交易明细_20261127.csv";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        registry.add("hub.sftp.accounts." + SOURCE + ".password-hash", () -> org.springframework.security.crypto.bcrypt.BCrypt
                .hashpw(PASSWORD, org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4)));
        registry.add("hub.jobs.nightly-sync.enabled", () -> "false");
        registry.add("hub.jobs.purge.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    DropBoxLifecycle dropBox;

    @Test
    void anAdminReprocessesALoadedBatchAndFollowsItsProgressToTheNewAttempt() throws Exception {
        RestClient api = HubTestUsers.admin("http://localhost:" + port);
        upload(SampleCorpus.bytes("meat/meat-wholesale-xj/input/" + FILE));
        String id = await().atMost(Duration.ofSeconds(60)).until(() -> loadedBatchId(api), b -> b != null);
        assertThat(get(api, "/api/batches/" + id)).containsEntry("attempt", 1).containsEntry("loadedAttempt", 1);
        // which spec version made it, with its text kept under the data directory by that fingerprint
        String builtIn = SpecCatalog.builtIn().source(SOURCE).orElseThrow().fingerprint();
        assertThat(get(api, "/api/batches/" + id)).containsEntry("specFingerprint", builtIn).containsEntry("loadedSpecFingerprint", builtIn);
        assertThat(dataDir.resolve("specs/by-fingerprint/" + builtIn + ".yml")).content(java.nio.charset.StandardCharsets.UTF_8)
                .contains("source: " + SOURCE);

        // nothing failed: nothing to retry
        ResponseEntity<Map<String, Object>> refused = post(api, "/api/batches/" + id + "/retry");
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("code", "BATCH_NOT_FAILED");
        assertThat((String) refused.getBody().get("detail")).contains("只有处理失败的批次可以重试");

        ResponseEntity<Map<String, Object>> accepted = post(api, "/api/batches/" + id + "/reprocess");
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/batches/" + id + "/progress");
        assertThat(accepted.getBody()).containsEntry("batchId", id).containsEntry("action", "REPROCESS").containsEntry("attempt", 2);

        Map<String, Object> done = await().atMost(Duration.ofSeconds(60)).until(() -> get(api, "/api/batches/" + id + "/progress"),
                p -> Integer.valueOf(2).equals(p.get("attempt")) && "DONE".equals(p.get("phase")) && Boolean.FALSE.equals(p.get("running")));
        assertThat(done).containsEntry("status", "LOADED").containsEntry("running", false).containsEntry("rowsRead", 10)
                .containsEntry("estimatedTotalRows", 10).containsEntry("rowsToLoad", 7).containsEntry("rowsLoaded", 7)
                .containsEntry("percent", 100);
        assertThat(get(api, "/api/batches/" + id)).containsEntry("attempt", 2).containsEntry("loadedAttempt", 2)
                .containsEntry("status", "LOADED");

        List<Map<String, Object>> executions = api.get().uri("/api/batches/{id}/executions", id).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(executions).extracting(e -> e.get("attempt"), e -> e.get("jobName"), e -> e.get("status")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "importJob", "COMPLETED"), org.assertj.core.groups.Tuple.tuple(2, "importJob", "COMPLETED"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) executions.get(1).get("steps");
        assertThat(steps).extracting(s -> s.get("name")).containsExactly("convertStep", "stageStep", "loadStep", "receiptStep");
        assertThat(steps.get(2)).containsEntry("readCount", 7).containsEntry("writeCount", 7);

        // the store holds attempt 2's event in place of attempt 1's
        Map<String, Object> chain = get(api, "/api/trace/XJM2611270001");
        assertThat((List<?>) chain.get("events")).hasSize(1);

        ResponseEntity<Map<String, Object>> unknown = api.get().uri("/api/batches/20261127-0000000000/progress")
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).body(res.bodyTo(new ParameterizedTypeReference<>() { })));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "BATCH_NOT_FOUND");
    }

    // -----------------------------------------------------------------------------------------

    private String loadedBatchId(RestClient api) {
        List<Map<String, Object>> batches = api.get().uri("/api/batches?source={s}&status=LOADED", SOURCE).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        return batches.stream().filter(b -> FILE.equals(b.get("fileName"))).map(b -> (String) b.get("id")).findFirst().orElse(null);
    }

    private static Map<String, Object> get(RestClient api, String path) {
        return api.get().uri(path).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    private static ResponseEntity<Map<String, Object>> post(RestClient api, String path) {
        return api.post().uri(path).exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).headers(res.getHeaders())
                .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));
    }

    private void upload(byte[] content) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        String expected = dropBox.server().hostKeyFingerprint();
        client.setServerKeyVerifier((s, address, key) -> expected.equals(KeyUtils.getFingerPrint(key)));
        client.start();
        try (ClientSession session = client.connect(SOURCE, "127.0.0.1", dropBox.server().port()).verify(Duration.ofSeconds(10))
                .getSession()) {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                try (OutputStream out = sftp.write("inbox/" + FILE + ".part")) {
                    out.write(content);
                }
                sftp.rename("inbox/" + FILE + ".part", "inbox/" + FILE);
            }
        } finally {
            client.stop();
        }
    }
}
