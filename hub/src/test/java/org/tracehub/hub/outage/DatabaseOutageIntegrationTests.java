package org.tracehub.hub.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.hub.api.ApiErrorCodes;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub while its database is unreachable: a real H2 database served over TCP by a process of its own (as
 * PostgreSQL would be), stopped in the middle of the test and started again. The API, the public trace JSON, the console and the consumer page answer
 * 503 with Retry-After and the database's own message — not the generic 500 — and the hub answers normally once the
 * database is back, without a restart.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIntegrationTests {

    private static final Path DATA_DIR = directory("outage-data-");
    private static final Path DB_DIR = directory("outage-db-");
    private static final int DB_PORT = freePort();
    private static final String BATCH_ID = "20261127-00000000f1";
    private static Process database = startDatabase();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", DATA_DIR::toString);
        registry.add("hub.sftp.port", () -> "0");
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + DB_PORT + "/hub");
        // as the postgres profile, shorter: a request waits this long for a connection before it is answered 503
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    }

    @LocalServerPort
    int port;

    @Autowired
    BatchRepository batches;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void watchTheLog() {
        warnings.start();
        ((Logger) LoggerFactory.getLogger(DatabaseUnavailableAnswers.class)).addAppender(warnings);
    }

    @AfterEach
    void databaseBack() {
        ((Logger) LoggerFactory.getLogger(DatabaseUnavailableAnswers.class)).detachAppender(warnings);
        if (database == null) {
            database = startDatabase();
        }
    }

    @Test
    void whileTheDatabaseIsDownEverySurfaceAnswers503AndItRecoversWhenTheDatabaseIsBack() throws Exception {
        if (batches.findById(BATCH_ID).isEmpty()) {
            batches.insertReceived(new NewBatch(BATCH_ID, HubTestUsers.XJ_SOURCE, "交易明细_20261127.csv", "交易明细_20261127.csv",
                    "archive/2026/11/27/" + BATCH_ID + "/交易明细_20261127.csv", 2048, "cd".repeat(32), Transport.SFTP,
                    OffsetDateTime.parse("2026-11-27T08:00:00+08:00")));
        }
        assertThat(get("/api/batches", HubTestUsers.ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("/t/NOSUCHCODE", null).statusCode()).isEqualTo(404);

        stopDatabase();

        problem(get("/api/batches", HubTestUsers.ADMIN));
        problem(get("/api/batches/" + BATCH_ID, HubTestUsers.VIEWER));
        // a sender's access to a batch is decided from the batch's row, before any controller runs
        problem(get("/api/batches/" + BATCH_ID, HubTestUsers.XJ_CLERK));
        problem(get("/api/trace/XJM2611270001", null));

        HttpResponse<String> console = get("/console", HubTestUsers.ADMIN);
        assertThat(console.statusCode()).isEqualTo(503);
        assertThat(console.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(console.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(console.body()).contains(DatabaseUnavailableAnswers.MESSAGE).doesNotContain("Exception");

        HttpResponse<String> batchPage = get("/console/batches/" + BATCH_ID, HubTestUsers.ADMIN);
        assertThat(batchPage.statusCode()).isEqualTo(503);
        assertThat(batchPage.body()).contains(DatabaseUnavailableAnswers.MESSAGE);

        HttpResponse<String> consumer = get("/t/XJM2611270001", null);
        assertThat(consumer.statusCode()).isEqualTo(503);
        assertThat(consumer.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(consumer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(consumer.body()).contains(DatabaseUnavailableAnswers.CONSUMER_MESSAGE)
                .contains("name=\"viewport\"").contains("data-error-code=\"" + ApiErrorCodes.DATABASE_UNAVAILABLE + "\"")
                .doesNotContain("Exception").doesNotContain("管理台");

        assertThat(warnings.list).hasSize(7).allSatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
        });

        database = startDatabase();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/batches", HubTestUsers.ADMIN).statusCode() == 200);
        assertThat(get("/api/batches/" + BATCH_ID, HubTestUsers.XJ_CLERK).statusCode()).isEqualTo(200);
        assertThat(get("/console", HubTestUsers.ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("/t/NOSUCHCODE", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/trace/NOSUCHCODE", null).statusCode()).isEqualTo(404);
    }

    private void problem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("code").asString()).isEqualTo(ApiErrorCodes.DATABASE_UNAVAILABLE);
        assertThat(body.get("detail").asString()).isEqualTo(DatabaseUnavailableAnswers.MESSAGE);
    }

    private HttpResponse<String> get(String path, HubTestUsers user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
        if (user != null) {
            String credentials = user.username() + ":" + user.password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * The database server in a process of its own, as PostgreSQL would be: stopping it closes every connection the
     * hub's pool holds (an H2 server stopped inside the test's JVM could leave them open on a closed database).
     */
    private static Process startDatabase() {
        try {
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StandaloneDatabase.class.getName(),
                    "-tcpPort", String.valueOf(DB_PORT), "-ifNotExists", "-baseDir", DB_DIR.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); !StandaloneDatabase.READY.equals(line); line = out.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("the database server did not start (exit " + server.waitFor() + ")");
                }
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void stopDatabase() throws InterruptedException {
        database.destroy();
        assertThat(database.waitFor(30, TimeUnit.SECONDS)).as("the database server stopped").isTrue();
        database = null;
    }

    /** An H2 TCP server that ends with the test JVM: it exits when its standard input closes. */
    static final class StandaloneDatabase {

        static final String READY = "database ready";

        public static void main(String[] args) throws Exception {
            Server.createTcpServer(args).start();
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() != -1) {
                // the test never writes: this returns when the test JVM is gone
            }
            System.exit(0);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String prefix) {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
