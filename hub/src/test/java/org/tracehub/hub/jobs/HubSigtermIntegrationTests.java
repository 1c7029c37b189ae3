package org.tracehub.hub.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;

/**
 * A stop as a supervisor sends it, SIGTERM to the real hub process, while a large export converts: the hub asks the
 * import to stop at its next chunk (jobs' {@code RunningJobsStop}) and exits on its own, well within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}; the batch stays CONVERTING, not FAILED, with no receipt; the next
 * start on the same data directory restarts the stopped run where it stopped and the batch ends LOADED with every row
 * and one receipt. Before, a stop interrupted the job's thread and a good file's batch could end FAILED.
 */
@Tag("e2e")
class HubSigtermIntegrationTests {

    private static final int ROWS = 4000;
    private static final int CHUNK = 50;
    private static final String FILE = "交易明细_20261201.csv";
    private static final Duration RUN = Duration.ofMinutes(3);
    /** Far below the shipped 2 minutes a phase may wait: a chunk of 50 rows takes milliseconds. */
    private static final Duration STOP = Duration.ofSeconds(90);
    /** What a JVM exits with after SIGTERM once its shutdown hooks (Spring's close) have run: 128 + 15. */
    private static final int EXIT_AFTER_SIGTERM = 143;

    /** Kept when the test fails: each run's log is {@code <dir>/hub-<n>.log}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void sigtermWhileConvertingStopsTheImportAtAChunkAndTheNextStartLoadsTheBatch() throws Exception {
        byte[] export = LargeMeatExport.generate(ROWS);
        int rejected = LargeMeatExport.rejected(ROWS);
        Path dataDir = work.resolve("hub");
        String id;
        String log;
        try (HubProcess hub = HubProcess.start(dataDir, CHUNK)) {
            hub.upload(FILE, export);
            id = hub.awaitBatch(FILE);
            hub.awaitProgress(id, p -> "CONVERTING".equals(p.get("phase")) && ((Number) p.get("rowsRead")).intValue() >= 400, RUN);

            int exit = hub.stop(STOP);

            assertThat(exit).as("exited on its own after SIGTERM within %s; see %s", STOP, hub.log()).isEqualTo(EXIT_AFTER_SIGTERM);
            log = new String(Files.readAllBytes(hub.log()), StandardCharsets.UTF_8);
            assertThat(log).contains("asked to stop at its next chunk").doesNotContain("did not reach a point to stop");
        }
        // CI keeps no files: a failure says what the stopped hub logged as an error
        assertThat(StoreSnapshot.of(dataDir, id).batch()).singleElement().asString()
                .as("status | attempt | …; the hub's errors: %s", errorsIn(log)).startsWith("CONVERTING | 1 |");
        assertThat(executionStatuses(dataDir, id)).as("the import's run").containsExactly("STOPPED");
        assertThat(outbox(dataDir)).as("no receipt for a batch cut short").isEmpty();

        try (HubProcess hub = HubProcess.start(dataDir, CHUNK)) {
            Map<String, Object> batch = hub.awaitStatus(id, "LOADED", RUN);
            assertThat(batch.get("counts")).isEqualTo(Map.of("read", ROWS, "accepted", ROWS - rejected, "rejected", rejected,
                    "skipped", 1, "warned", 0, "skippedBy", List.of(Map.of("reason", "序号=合计", "rows", 1))));
            assertThat(batch).containsEntry("attempt", 1).containsEntry("loadedAttempt", 1);
            Path receipt = dataDir.resolve("sftp").resolve(HubProcess.SOURCE).resolve("outbox").resolve(FILE + ".receipt.csv");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt));
            List<Map<String, Object>> executions = hub.api().get().uri("/api/batches/{id}/executions", id).retrieve()
                    .body(new ParameterizedTypeReference<>() { });
            assertThat(executions).extracting(e -> e.get("status")).as("the stopped run, then its restart")
                    .containsExactly("STOPPED", "COMPLETED");
            assertThat(hub.stop(STOP)).isEqualTo(EXIT_AFTER_SIGTERM);
        }
        assertThat(StoreSnapshot.of(dataDir, id).eventCount()).isEqualTo(ROWS - rejected);
        assertThat(outbox(dataDir)).containsExactly(FILE + ".receipt.csv", FILE + ".receipt.xml");
    }

    /** The statuses of the batch's job executions, oldest first, read from the stopped hub's database. */
    private static List<String> executionStatuses(Path dataDir, String batchId) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("tracehub") + ";ACCESS_MODE_DATA=r";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             PreparedStatement statement = c.prepareStatement("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e "
                     + "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
                     + "WHERE p.PARAMETER_VALUE = ? ORDER BY e.JOB_EXECUTION_ID")) {
            statement.setString(1, batchId);
            try (ResultSet rs = statement.executeQuery()) {
                List<String> statuses = new ArrayList<>();
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
                return statuses;
            }
        }
    }

    /** The log's ERROR lines, each with the first lines of its stack trace. */
    private static String errorsIn(String log) {
        StringBuilder errors = new StringBuilder();
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(" ERROR ")) {
                for (int j = i; j < Math.min(lines.length, i + 8); j++) {
                    errors.append('\n').append(lines[j]);
                }
            }
        }
        return errors.isEmpty() ? "none" : errors.toString();
    }

    private static List<String> outbox(Path dataDir) throws Exception {
        Path outbox = dataDir.resolve("sftp").resolve(HubProcess.SOURCE).resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (var files = Files.list(outbox)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
