package org.tracehub.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.servlet.MultipartConfigElement;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.tracehub.hub.dropbox.DropBoxLifecycle;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.testing.MutableClock;

/**
 * {@code POST /api/sources/{id}/files} under the drop-box's files-per-hour limit, in one count with the source's SFTP
 * uploads: a script that loops cannot archive files without limit over HTTP, and the refusal says when the next file is
 * let in; and, in the same count, under the free-space floor of the data disk, where Tomcat buffers them. A context of its
 * own, for its limit of two, the hub's clock, which the test moves, and the disk's free space, which the test sets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HttpUploadHourlyLimitTest {

    private static final String SOURCE = "meat-wholesale-xj";
    /** A count of its own, under the clock the test moves. */
    private static final String TIMED_SOURCE = "hourly-window-src";
    /** A count of its own, for the upload its full disk refuses. */
    private static final String DISK_FULL_SOURCE = "disk-full-src";
    /** A count of its own, for the uploads the disk floor refuses. */
    private static final String FLOOR_SOURCE = "disk-floor-src";
    private static final long FLOOR = 1_000_000;
    /** The data disk's free space as the hub's {@link DiskFloor} sees it. */
    private static final AtomicLong FREE = new AtomicLong(Long.MAX_VALUE);
    private static final String PASSWORD = "upload-secret";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", () -> dataDir.toString());
        registry.add("hub.sftp.port", () -> "0");
        registry.add("hub.sftp.host", () -> "127.0.0.1");
        registry.add("hub.sftp.max-files-per-hour", () -> "2");
        String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4));
        registry.add("hub.sftp.accounts." + SOURCE + ".password-hash", () -> hash);
        registry.add("hub.sftp.accounts." + TIMED_SOURCE + ".password-hash", () -> hash);
        registry.add("hub.sftp.accounts." + DISK_FULL_SOURCE + ".password-hash", () -> hash);
        registry.add("hub.sftp.accounts." + FLOOR_SOURCE + ".password-hash", () -> hash);
        // what a killed hub left in Tomcat's folder for uploads, an hour ago and just now (another node's)
        try {
            Path uploads = Files.createDirectories(dataDir.resolve("tmp").resolve("uploads"));
            Files.setLastModifiedTime(Files.writeString(uploads.resolve("upload_left_00000001.tmp"), "a killed hub's"),
                    FileTime.from(Instant.now().minus(Duration.ofHours(2))));
            Files.writeString(uploads.resolve("upload_busy_00000002.tmp"), "being received by another node");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration
    static class MovableClock {

        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock();
        }

        @Bean
        @Primary
        DiskFloor testedDiskFloor() {
            return new DiskFloor(FLOOR, FREE::get);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DropBoxLifecycle dropBox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    MultipartConfigElement multipart;

    @Test
    void anHttpUploadBeyondTheSourcesFilesPerHourCountedWithItsSftpUploadsIsRefusedWith429AndNotArchived() throws Exception {
        uploadOverSftp("over-sftp.csv");
        assertThat(upload(SOURCE, "over-http-1.csv").getStatusCode().is2xxSuccessful()).isTrue();

        ResponseEntity<Map<String, Object>> refused = upload(SOURCE, "over-http-2.csv");

        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody()).containsEntry("code", "TOO_MANY_UPLOADS")
                .containsEntry("detail", "一小时内上传文件数已达上限（2个），请60分钟后再传");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch WHERE file_name = 'over-http-2.csv'").query(Long.class).single())
                .as("nothing taken in").isZero();
    }

    @Test
    void theRefusalsRetryAfterIsTheSecondsUntilTheHourLetsTheSourcesNextFileInRoundedUp() {
        MutableClock time = (MutableClock) clock;
        assertThat(upload(TIMED_SOURCE, "first.csv").getStatusCode().is2xxSuccessful()).isTrue();
        time.advance(Duration.ofMinutes(15));
        assertThat(upload(TIMED_SOURCE, "second.csv").getStatusCode().is2xxSuccessful()).isTrue();
        time.advance(Duration.ofMinutes(10).plusMillis(500));

        // the first upload leaves the hour in 34 minutes 59.5 seconds
        ResponseEntity<Map<String, Object>> refused = upload(TIMED_SOURCE, "third.csv");
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("2100");
        assertThat(refused.getBody()).containsEntry("code", "TOO_MANY_UPLOADS")
                .containsEntry("detail", "一小时内上传文件数已达上限（2个），请35分钟后再传");

        time.advance(Duration.ofSeconds(2099));
        ResponseEntity<Map<String, Object>> halfASecondEarly = upload(TIMED_SOURCE, "third.csv");
        assertThat(halfASecondEarly.getStatusCode().value()).isEqualTo(429);
        assertThat(halfASecondEarly.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(halfASecondEarly.getBody()).containsEntry("detail", "一小时内上传文件数已达上限（2个），请1分钟后再传");

        time.advance(Duration.ofSeconds(1));
        assertThat(upload(TIMED_SOURCE, "third.csv").getStatusCode().is2xxSuccessful()).as("once the time it said is up").isTrue();
    }

    /**
     * It was a 500 INTERNAL_ERROR with a stack trace, and counted against the hour: the drop-box's WRITE_FAILED and its
     * words, 503 with Retry-After, and the retry is not refused for the file the hub failed to store. The inbox's taken
     * folder made a file stands for a disk that refuses (the tests may run as root, whom permissions do not stop).
     */
    @Test
    void anUploadTheHubCannotStoreIsA503WriteFailedWithRetryAfterAndDoesNotCountAgainstTheHour() throws Exception {
        Path taken = dataDir.resolve("sftp").resolve(DISK_FULL_SOURCE).resolve("inbox").resolve(".taken");
        Files.createDirectories(taken.getParent());
        Files.deleteIfExists(taken);
        Files.writeString(taken, "in the way of every batch folder");
        try {
            for (int i = 0; i < 3; i++) {
                ResponseEntity<Map<String, Object>> refused = upload(DISK_FULL_SOURCE, "full-" + i + ".csv");

                assertThat(refused.getStatusCode().value()).isEqualTo(503);
                assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("60");
                assertThat(refused.getBody()).containsEntry("code", "WRITE_FAILED")
                        .containsEntry("detail", "平台暂时无法写入该文件，未接收，请稍后重新上传");
            }
        } finally {
            Files.delete(taken);
        }

        // the limit is two: neither is refused for the three the hub failed to store
        assertThat(upload(DISK_FULL_SOURCE, "again-1.csv").getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(upload(DISK_FULL_SOURCE, "again-2.csv").getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(upload(DISK_FULL_SOURCE, "again-3.csv").getStatusCode().value()).as("the hour still counts stored files").isEqualTo(429);
    }

    @Test
    void anUploadWhileTheDataDiskIsBelowItsFloorIsA503WriteFailedNotStagedNorCountedAgainstTheHour() throws Exception {
        FREE.set(FLOOR - 1);
        try {
            for (int i = 0; i < 3; i++) {
                ResponseEntity<Map<String, Object>> refused = upload(FLOOR_SOURCE, "low-" + i + ".csv");

                assertThat(refused.getStatusCode().value()).isEqualTo(503);
                assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("60");
                assertThat(refused.getBody()).containsEntry("code", "WRITE_FAILED");
            }
            assertThat(dataDir.resolve("sftp").resolve(FLOOR_SOURCE).resolve("inbox").resolve(".taken")).doesNotExist();
        } finally {
            FREE.set(Long.MAX_VALUE);
        }

        assertThat(upload(FLOOR_SOURCE, "again-1.csv").getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(upload(FLOOR_SOURCE, "again-2.csv").getStatusCode().is2xxSuccessful()).isTrue();
    }

    @Test
    void tomcatBuffersUploadsOnTheDataDiskWhereTheStartRemovedWhatAKilledHubLeft() {
        Path uploads = dataDir.resolve("tmp").resolve("uploads");
        assertThat(multipart.getLocation()).isEqualTo(uploads.toString());
        assertThat(uploads.resolve("upload_left_00000001.tmp")).doesNotExist();
        assertThat(uploads.resolve("upload_busy_00000002.tmp")).as("another node's, still being written").exists();
    }

    private ResponseEntity<Map<String, Object>> upload(String source, String name) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(("交易日期,商品\n" + name + "\n").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeaders(h -> h.setBasicAuth(source, PASSWORD)).build()
                .post().uri("/api/sources/{id}/files", source).contentType(MediaType.MULTIPART_FORM_DATA).body(parts)
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode()).headers(res.getHeaders())
                        .body(res.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })));
    }

    private void uploadOverSftp(String name) throws Exception {
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier((session, address, key) -> true);
            client.start();
            try (ClientSession session = client.connect(SOURCE, "127.0.0.1", dropBox.server().port()).verify(Duration.ofSeconds(10))
                    .getSession()) {
                session.addPasswordIdentity(PASSWORD);
                session.auth().verify(Duration.ofSeconds(10));
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                     OutputStream out = sftp.write("inbox/" + name)) {
                    out.write(("交易日期,商品\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
