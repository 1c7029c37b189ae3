package org.tracehub.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.platform.batch.BatchMessaging;

/**
 * A source pulled from its legacy SFTP server (a second in-process MINA server with its own host key):
 * the nightly sync's "pull now" on {@code hub.pull.requested}, the same intake and import as an upload,
 * the receipt in the source's outbox, and the pull's state in {@code /actuator/health} and
 * {@code GET /api/sources} — also while the server cannot be verified, and after it recovers.
 */
class LegacyPullIntegrationTests extends IntakeIntegrationSupport {

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void requestedPullIsTakenInLoadedAndAnsweredAndShowsInHealthAndSources() throws Exception {
        String name = uniqueName();
        byte[] content = variant();
        Path remote = LEGACY.root().resolve("export").resolve(name);
        Files.write(remote, content);

        new JmsTemplate(connectionFactory).convertAndSend(BatchMessaging.PULL_REQUESTED_QUEUE, PULLED);

        Map<String, Object> batch = awaitBatch(PULLED, name, Set.of("LOADED"));
        assertThat(batch).containsEntry("transport", "PULL").containsEntry("rows_read", 10L).containsEntry("rows_accepted", 7L)
                .containsEntry("rows_rejected", 3L);
        assertThat(Files.readAllBytes(DATA.resolve((String) batch.get("archive_path")))).isEqualTo(content);
        List<CSVRecord> receipt = awaitReceipt(PULLED, name, (String) batch.get("id"), "LOADED");
        assertThat(problems(receipt)).isEqualTo(SAMPLE_PROBLEMS);
        // moved to done/<yyyy-MM>/<name>.<batch id>.csv on the legacy server (a daily export of one name keeps every day's file)
        String id = (String) batch.get("id");
        Path done = remote.resolveSibling("done").resolve(id.substring(0, 4) + "-" + id.substring(4, 6))
                .resolve(name.replace(".csv", "." + id + ".csv"));
        await().atMost(WAIT).until(() -> Files.exists(done));
        assertThat(remote).doesNotExist();

        Map<String, Object> pulls = await().atMost(WAIT).until(this::pullsHealth, h -> h != null && detail(h).get("lastFetched") != null
                && ((Number) detail(h).get("lastFetched")).intValue() == 1);
        assertThat(pulls).containsEntry("status", "UP");
        assertThat(detail(pulls)).containsEntry("consecutiveFailures", 0).containsEntry("cron", "(on request)");

        Map<String, Object> source = source(PULLED);
        assertThat(source).containsEntry("status", "OK").containsEntry("category", "MEAT").containsEntry("transports", List.of("PULL", "HTTP"));
        assertThat(pull(source)).containsEntry("afterFetch", "MOVE").containsEntry("lastFetched", 1).containsEntry("consecutiveFailures", 0);
        assertThat(lastBatch(source)).containsEntry("id", batch.get("id")).containsEntry("fileName", name).containsEntry("status", "LOADED")
                .containsEntry("transport", "PULL");
        assertThat(source(XJ)).containsEntry("transports", List.of("SFTP", "HTTP")).containsEntry("pull", null);
    }

    @Test
    void pullThatCannotVerifyTheLegacyServerShowsAsFailingAndRecoversOnceItsKeyIsKnown() throws Exception {
        String name = uniqueName();
        Path remote = LEGACY.root().resolve("export").resolve(name);
        Files.write(remote, variant());
        Files.writeString(LEGACY_KNOWN_HOSTS, LEGACY.impostorKnownHostsLine() + "\n");
        try {
            new JmsTemplate(connectionFactory).convertAndSend(BatchMessaging.PULL_REQUESTED_QUEUE, PULLED);

            Map<String, Object> failing = await().atMost(WAIT).until(this::pullsHealth, h -> h != null && "DEGRADED".equals(h.get("status")));
            ResponseEntity<Map<String, Object>> whole = api().get().uri("/actuator/health").exchange((req, res) -> ResponseEntity
                    .status(res.getStatusCode()).body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));
            assertThat(whole.getStatusCode().value()).as("the hub stays in service while a legacy server fails").isEqualTo(200);
            assertThat(whole.getBody()).containsEntry("status", "DEGRADED");
            assertThat((String) detail(failing).get("lastFailure")).containsIgnoringCase("HostKey");
            Map<String, Object> source = source(PULLED);
            assertThat(source).containsEntry("status", "PULL_FAILING").containsEntry("statusText", "从原系统拉取文件失败，正在重试");
            assertThat(((Number) pull(source).get("consecutiveFailures")).intValue()).isPositive();
            String scrape = api().get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(sample(scrape, "tracehub_pull_consecutive_failures{source=\"" + PULLED + "\"}"))
                    .as("an alert can fire on a pull that fails").isPositive();
            assertThat(remote).as("nothing fetched from a server the hub cannot verify").exists();
            assertThat(batches(PULLED, name)).isEmpty();
        } finally {
            Files.writeString(LEGACY_KNOWN_HOSTS, LEGACY.knownHostsLine() + "\n");
        }

        // a retry with back-off succeeds once the key is right again
        awaitBatch(PULLED, name, Set.of("RECEIVED", "CONVERTING", "STAGED", "LOADED"));
        Map<String, Object> recovered = await().atMost(WAIT).until(this::pullsHealth, h -> h != null && "UP".equals(h.get("status")));
        assertThat(detail(recovered)).containsEntry("consecutiveFailures", 0);
        assertThat(source(PULLED)).containsEntry("status", "OK");
        // the meters read the state at most every 2 s: the failing scrape above may be that recent
        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = api().get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(sample(scrape, "tracehub_pull_consecutive_failures{source=\"" + PULLED + "\"}")).isZero();
            assertThat(sample(scrape, "tracehub_pull_last_success_timestamp_seconds{source=\"" + PULLED + "\"}"))
                    .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(600.0));
        });
    }

    /** The value of the scrape's sample that starts with {@code series} (name and labels, as Prometheus prints them). */
    private static double sample(String scrape, String series) {
        String line = scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(series + " not in the scrape"));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void thePullPasswordNeverReachesTheLogFile(@Autowired org.springframework.core.env.Environment environment) throws Exception {
        String name = uniqueName();
        Files.write(LEGACY.root().resolve("export").resolve(name), variant());
        new JmsTemplate(connectionFactory).convertAndSend(BatchMessaging.PULL_REQUESTED_QUEUE, PULLED);
        awaitBatch(PULLED, name, Set.of("LOADED"));

        // the hub's log, at INFO: the route's start-up, its endpoint and the pull (Camel logs its URI's password only at DEBUG)
        Path log = Path.of(environment.getRequiredProperty("logging.file.name"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(log).content().contains(name));
        assertThat(log).content().contains("pull configured: PullSettings[" + PULLED).doesNotContain(LEGACY_PASSWORD);
    }

    private Map<String, Object> pullsHealth() {
        Map<String, Object> health = api().get().uri("/actuator/health")
                .exchange((req, res) -> res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { }));
        @SuppressWarnings("unchecked")
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        @SuppressWarnings("unchecked")
        Map<String, Object> pulls = (Map<String, Object>) components.get("pulls");
        return pulls;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Map<String, Object> pullsHealth) {
        Map<String, Object> details = (Map<String, Object>) pullsHealth.get("details");
        return (Map<String, Object>) ((Map<String, Object>) details.get("sources")).get(PULLED);
    }

    private Map<String, Object> source(String id) {
        List<Map<String, Object>> sources = api().get().uri("/api/sources").retrieve().body(new ParameterizedTypeReference<>() { });
        return sources.stream().filter(s -> id.equals(s.get("id"))).findFirst().orElseThrow(() -> new AssertionError("no source " + id));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pull(Map<String, Object> source) {
        return (Map<String, Object>) source.get("pull");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastBatch(Map<String, Object> source) {
        return (Map<String, Object>) source.get("lastBatch");
    }

    private RestClient api() {
        return HubTestUsers.admin("http://127.0.0.1:" + httpPort);
    }
}
