package org.tracehub.hub.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across crashes, with a real process and a real SIGKILL: the hub runs as a separate
 * JVM; a large GB18030 export is uploaded over SFTP; the JVM is killed while it converts (after a
 * random number of rows) and again while it loads, each time restarted on the same data directory;
 * start-up recovery takes the import up again. The final store (events with their payloads, links,
 * row problems, rejected rows, the batch's counts) must equal that of a clean run of the same file,
 * with exactly one receipt.
 */
@Tag("e2e")
class JobCrashRecoveryIntegrationTests {

    private static final int ROWS = 4000;
    private static final int CHUNK = 50;
    private static final String FILE = "交易明细_20261127.csv";
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Duration RUN = Duration.ofMinutes(3);

    /** Kept when the test fails: each run's log is {@code <dir>/hub-<n>.log}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void aHubKilledWhileConvertingAndAgainWhileLoadingEndsWithTheStoreOfACleanRunAndOneReceipt() throws Exception {
        byte[] export = LargeMeatExport.generate(ROWS);
        int rejected = LargeMeatExport.rejected(ROWS);
        int accepted = ROWS - rejected;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int killWhileConvertingAt = 400 + random.nextInt(ROWS / 2);
        int killWhileLoadingAt = 200 + random.nextInt(accepted / 2);
        String kills = "seed " + seed + ": killed after " + killWhileConvertingAt + " rows read and " + killWhileLoadingAt + " events loaded";

        // the clean run and the first crashing run start side by side
        Path cleanDir = work.resolve("clean");
        Path crashDir = work.resolve("crash");
        String cleanId;
        String crashId;
        try (HubProcess clean = HubProcess.launch(cleanDir, CHUNK); HubProcess hub = HubProcess.launch(crashDir, CHUNK)) {
            clean.awaitReady();
            hub.awaitReady();
            clean.upload(FILE, export);
            hub.upload(FILE, export);
            crashId = hub.awaitBatch(FILE);
            Map<String, Object> at = hub.awaitProgress(crashId, p -> "CONVERTING".equals(p.get("phase"))
                    && ((Number) p.get("rowsRead")).intValue() >= killWhileConvertingAt, RUN);
            hub.kill();
            assertThat(((Number) at.get("estimatedTotalRows")).intValue()).as("estimated rows").isBetween(ROWS * 8 / 10, ROWS * 12 / 10);

            cleanId = clean.awaitBatch(FILE);
            clean.awaitStatus(cleanId, "LOADED", RUN);
            awaitReceipt(cleanDir);
            clean.stop();
        }
        try (HubProcess hub = HubProcess.start(crashDir, CHUNK)) {
            hub.awaitProgress(crashId, p -> "LOADING".equals(p.get("phase")) && p.get("rowsLoaded") != null
                    && ((Number) p.get("rowsLoaded")).intValue() >= killWhileLoadingAt, RUN);
            hub.kill();
        }
        try (HubProcess hub = HubProcess.start(crashDir, CHUNK)) {
            Map<String, Object> batch = hub.awaitStatus(crashId, "LOADED", RUN);
            assertThat(batch.get("counts")).as(kills).isEqualTo(Map.of("read", ROWS, "accepted", accepted, "rejected", rejected,
                    "skipped", 1, "warned", 0, "skippedBy", List.of(Map.of("reason", "序号=合计", "rows", 1))));
            assertThat(batch).containsEntry("attempt", 1).containsEntry("loadedAttempt", 1);
            awaitReceipt(crashDir);
            List<Map<String, Object>> executions = hub.api().get().uri("/api/batches/{id}/executions", crashId).retrieve()
                    .body(new org.springframework.core.ParameterizedTypeReference<>() { });
            // the first run and the run killed while loading were marked FAILED by recovery; the third completed
            assertThat(executions).extracting(e -> e.get("status")).as(kills).containsExactly("FAILED", "FAILED", "COMPLETED");
            hub.stop();
        }

        StoreSnapshot clean = StoreSnapshot.of(cleanDir, cleanId);
        StoreSnapshot crashed = StoreSnapshot.of(crashDir, crashId);
        assertThat(clean.eventCount()).isEqualTo(accepted);
        assertThat(clean.rejected()).hasSize(rejected);
        assertThat(crashed.batch()).as(kills).isEqualTo(clean.batch());
        assertThat(crashed.events()).as(kills).isEqualTo(clean.events());
        assertThat(crashed.links()).as(kills).isEqualTo(clean.links());
        assertThat(crashed.problems()).as(kills).isEqualTo(clean.problems());
        assertThat(crashed.rejected()).as(kills).isEqualTo(clean.rejected());
        assertThat(StoreSnapshot.runningExecutions(crashDir)).as(kills).isZero();

        // exactly one receipt, saying the same as the clean run's
        assertThat(outbox(crashDir)).containsExactly(FILE + ".receipt.csv", FILE + ".receipt.xml");
        assertThat(receiptLines(crashDir, crashId)).as(kills).isEqualTo(receiptLines(cleanDir, cleanId));
    }

    // -----------------------------------------------------------------------------------------

    private static void awaitReceipt(Path dataDir) {
        Path receipt = dataDir.resolve("sftp").resolve(HubProcess.SOURCE).resolve("outbox").resolve(FILE + ".receipt.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(receipt));
    }

    private static List<String> outbox(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("sftp").resolve(HubProcess.SOURCE).resolve("outbox"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The receipt's lines without the batch id and the lines that carry a time. */
    private static List<String> receiptLines(Path dataDir, String batchId) throws Exception {
        Path receipt = dataDir.resolve("sftp").resolve(HubProcess.SOURCE).resolve("outbox").resolve(FILE + ".receipt.csv");
        return Files.readAllLines(receipt, GB18030).stream().map(l -> l.replace(batchId, "<batch>"))
                .filter(l -> !l.matches(".*\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}.*")).toList();
    }
}
