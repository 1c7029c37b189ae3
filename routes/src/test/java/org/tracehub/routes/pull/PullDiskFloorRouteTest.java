package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.platform.storage.DiskFloor;
import org.tracehub.platform.testing.SettableDiskSpace;
import org.tracehub.routes.RoutesTestApplication;
import org.tracehub.routes.testing.LegacySftpServer;

/**
 * A pull while the hub's data disk is below {@code hub.intake.min-disk-free}, through the real sftp consumer from the
 * in-process MINA server. The disk's free space is the floor's seam ({@link DiskFloor}'s free-space figure): everything
 * else, the download folder, the archive and H2, is on the test's real disk.
 */
@SpringBootTest(classes = RoutesTestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.queues=" + BatchMessaging.BATCH_RECEIVED_QUEUE + "," + BatchMessaging.PULL_REQUESTED_QUEUE,
        "spring.artemis.embedded.topics=" + BatchMessaging.BATCH_COMPLETED_TOPIC,
        "hub.pull.min-file-age=0s",
        "hub.pull.settle-time=0s",
        // a pull waiting for space looks again this often
        "hub.pull.retry.initial-delay=200ms",
        "hub.pull.retry.max-delay=300ms",
        "LEGACY_SFTP_PASSWORD=legacy-secret",
        "hub.pull.sources.legacy-full.user=legacy",
        "hub.pull.sources.legacy-full.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-full.remote-dir=full",
        "hub.pull.sources.legacy-full.pattern=*.csv",
        "hub.pull.sources.legacy-full.after-fetch=move",
        "camel.main.name=pull-disk-floor-test",
        "logging.level.org.apache.activemq.audit=WARN"})
@Import(SettableDiskSpace.class)
@DirtiesContext
class PullDiskFloorRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long FLOOR = SettableDiskSpace.FLOOR;
    private static final AtomicLong FREE = SettableDiskSpace.FREE;

    @TempDir
    static Path dataDir;

    private static LegacySftpServer legacy;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        legacy = LegacySftpServer.start(dataDir, "legacy", "legacy-secret");
        Files.createDirectories(legacy.root().resolve("full"));
        Path knownHosts = Files.writeString(dataDir.resolve("known_hosts"), legacy.knownHostsLine() + "\n");
        registry.add("hub.data-dir", () -> dataDir.resolve("hub").toString());
        registry.add("hub.pull.known-hosts-file", knownHosts::toString);
        registry.add("hub.pull.sources.legacy-full.host", () -> "127.0.0.1");
        registry.add("hub.pull.sources.legacy-full.port", legacy::port);
    }

    @AfterAll
    static void stopLegacyServer() throws IOException {
        legacy.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LegacyPulls pulls;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureLog() {
        log.start();
        scheduleLogger().addAppender(log);
        levelBefore = scheduleLogger().getLevel();
        scheduleLogger().setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLogAndSpace() {
        scheduleLogger().detachAppender(log);
        scheduleLogger().setLevel(levelBefore);
        FREE.set(Long.MAX_VALUE);
    }

    @Test
    void aPullBelowTheDiskFloorDownloadsNothingLeavesTheServerAsItWasAndFetchesTheFileOnceSpaceIsBack() throws Exception {
        Path remote = legacy.root().resolve("full");
        Path export = Files.writeString(remote.resolve("交易明细_20261128.csv"), "序号,追溯码\r\n1,XJM2611280091\r\n");
        FREE.set(FLOOR - 1);

        assertThat(pulls.request("legacy-full")).isEqualTo(LegacyPulls.Request.STARTED);

        await().atMost(WAIT).until(() -> pulls.warning("legacy-full").isPresent());
        assertThat(pulls.warning("legacy-full").orElseThrow()).satisfies(w -> {
            assertThat(w.kind()).isEqualTo(PullWarning.Kind.WAITING_FOR_DISK);
            assertThat(w.filesLeft()).isEqualTo(1);
            assertThat(w.message()).startsWith("交易明细_20261128.csv 因平台数据盘空间不足未拉取");
        });
        // the pull keeps looking while the disk stays short: told at ERROR once, not at every run
        await().atMost(WAIT).until(() -> said(Level.DEBUG, "拉取 legacy-full：") >= 2);
        List<String> errors = messages(Level.ERROR);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("拉取 legacy-full：交易明细_20261128.csv 因平台数据盘空间不足未拉取")
                .contains(dataDir.resolve("hub").toString(), "剩余 1023 MB", "低于 hub.intake.min-disk-free（1024 MB）");
        assertThat(export).as("neither moved nor deleted").exists();
        assertThat(remote.resolve("done")).doesNotExist();
        assertThat(batches()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pull_fetched WHERE source_id = 'legacy-full'").query(Long.class).single())
                .as("not remembered as fetched").isZero();
        try (Stream<Path> work = Files.list(dataDir.resolve("hub/pull/legacy-full/work"))) {
            assertThat(work.toList()).as("nothing downloaded").isEmpty();
        } catch (java.nio.file.NoSuchFileException notMadeEither) {
            // the download folder is made by the first download
        }
        assertThat(pulls.status("legacy-full").orElseThrow().failing()).as("a wait, not a failure").isFalse();

        // an admin frees space: a later run of the same pull fetches the file, nobody asks again
        FREE.set(Long.MAX_VALUE);

        await().atMost(WAIT).until(() -> batches() == 1 && !Files.exists(export));
        await().atMost(WAIT).until(() -> pulls.warning("legacy-full").isEmpty());
        assertThat(messages(Level.ERROR)).hasSize(1);
    }

    private long batches() {
        return jdbc.sql("SELECT COUNT(*) FROM batch WHERE source_id = 'legacy-full'").query(Long.class).single();
    }

    private List<String> messages(Level level) {
        return List.copyOf(log.list).stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private long said(Level level, String start) {
        return messages(level).stream().filter(m -> m.startsWith(start)).count();
    }

    private static Logger scheduleLogger() {
        return (Logger) LoggerFactory.getLogger(PullSchedule.class);
    }
}
