package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/batches/{id}/original}: the archived file, byte for byte. */
class OriginalFileControllerTest extends ConsoleTestSupport {

    /** The lock timeout H2 gives a session while the database has no DEFAULT_LOCK_TIMEOUT of its own. */
    private static final int H2_DEFAULT_LOCK_TIMEOUT_MS = 2000;

    @Autowired
    DataSource dataSource;

    @Test
    void originalIsTheFileAsReceivedAsAnAttachmentWithItsDigest() {
        byte[] sent = freshSample();
        String id = ingest("meat-original", "交易明细_20261127.csv", sent);

        ResponseEntity<byte[]> response = http().get().uri("/api/batches/{id}/original", id).retrieve().toEntity(byte[].class);

        assertThat(response.getBody()).isEqualTo(sent);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/octet-stream");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment;").endsWith("filename*=UTF-8''%E4%BA%A4%E6%98%93%E6%98%8E%E7%BB%86_20261127.csv");
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeaders().getFirst("Repr-Digest"))
                .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(sent))) + ":");
        assertThat(response.getHeaders().getETag()).isEqualTo("\"" + sha256(sent) + "\"");
    }

    @Test
    void aMissingArchiveFileIsAnErrorForTheAdminsNotAnEmptyDownload() throws Exception {
        String id = ingestSample("meat-original");
        String path = jdbc.sql("SELECT archive_path FROM batch WHERE id = ?").param(id).query(String.class).single();
        Files.delete(storage.resolve(path));

        Map<String, Object> problem = problem("/api/batches/" + id + "/original", 500);

        assertThat(problem).containsEntry("code", "ORIGINAL_MISSING");
        assertThat((String) problem.get("detail")).contains(id).contains("归档文件缺失");
    }

    /**
     * The archive purge deletes a batch's folder before it commits the batch's mark: a download meanwhile waits for
     * the purge's transaction and answers 410 ARCHIVE_PURGED, not 500 ORIGINAL_MISSING (an archive that lost a file).
     * The download's wait has no two-second end here ({@link #withLockTimeoutOfAMinute}): the commit came within H2's
     * lock timeout only if this thread ran again soon enough after it saw the download blocked, and on a busy machine the
     * download gave up first (503 BATCH_BUSY).
     */
    @Test
    void anOriginalAnOpenPurgeHasDeletedIsAnsweredAsPurgedOnceThePurgeCommits() throws Exception {
        String id = ingestSample("meat-original");
        String path = jdbc.sql("SELECT archive_path FROM batch WHERE id = ?").param(id).query(String.class).single();
        withLockTimeoutOfAMinute(() -> {
            try (Connection purge = dataSource.getConnection()) {
                purge.setAutoCommit(false);
                try (PreparedStatement mark = purge.prepareStatement("UPDATE batch SET archive_purged_at = ? WHERE id = ?")) {
                    mark.setObject(1, OffsetDateTime.now());
                    mark.setString(2, id);
                    assertThat(mark.executeUpdate()).isOne();
                }
                Files.delete(storage.resolve(path));

                // a thread of its own: the common pool may have no thread free until after the commit, and the test would
                // not see the download wait at all
                FutureTask<Map<String, Object>> answer = new FutureTask<>(() -> problem("/api/batches/" + id + "/original", 410));
                Thread download = new Thread(answer, "original-download");
                download.start();
                // the download waits on the purge's row: H2 shows its session blocked
                await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(30))
                        .until(() -> answer.isDone() || blockedSessions() > 0);
                assertThat(answer.isDone()).as("the download waits for the purge's transaction").isFalse();
                purge.commit();

                assertThat(answer.get(30, TimeUnit.SECONDS)).containsEntry("code", "ARCHIVE_PURGED");
            }
        });
    }

    /**
     * Runs the work with every pooled connection waiting up to a minute for a row lock: H2 gives a session the database's
     * default lock timeout when it opens, so the pool's connections are replaced before and after.
     */
    private void withLockTimeoutOfAMinute(Work work) throws Exception {
        // listed only once set; H2's own default otherwise
        String usual = jdbc.sql("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'DEFAULT_LOCK_TIMEOUT'")
                .query(String.class).optional().orElse(String.valueOf(H2_DEFAULT_LOCK_TIMEOUT_MS));
        jdbc.sql("SET DEFAULT_LOCK_TIMEOUT 60000").update();
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        try {
            work.run();
        } finally {
            jdbc.sql("SET DEFAULT_LOCK_TIMEOUT " + Integer.parseInt(usual)).update();
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    @Test
    void unknownAndMalformedBatchIdsAreNotFound() {
        assertThat(problem("/api/batches/20260101-0000000000/original", 404)).containsEntry("code", "BATCH_NOT_FOUND");
        assertThat(problem("/api/batches/not-a-batch/original", 404)).containsEntry("code", "BATCH_NOT_FOUND");
    }

    private int blockedSessions() {
        return jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL").query(Integer.class).single();
    }

    private Map<String, Object> problem(String uri, int status) {
        return http().get().uri(java.net.URI.create("http://localhost:" + port + uri)).exchange((req, res) -> {
            assertThat(res.getStatusCode().value()).isEqualTo(status);
            return res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        });
    }
}
