package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.routes.RoutesTestApplication;
import org.tracehub.routes.testing.LegacySftpServer;

/**
 * Pulls from a legacy SFTP server played by a second, in-process MINA server with its own host key,
 * through the real sftp consumer (JSch, strict host-key checking against a known_hosts file), into the
 * real intake with H2 and an embedded Artemis broker.
 */
@Tag("slow")
@SpringBootTest(classes = RoutesTestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.queues=" + BatchMessaging.BATCH_RECEIVED_QUEUE + "," + BatchMessaging.PULL_REQUESTED_QUEUE,
        "spring.artemis.embedded.topics=" + BatchMessaging.BATCH_COMPLETED_TOPIC,
        "hub.routes.max-redeliveries=1",
        "hub.routes.redelivery-delay-ms=10",
        "hub.pull.retry.initial-delay=200ms",
        "hub.pull.min-file-age=0s",   // the files are written just before each pull
        "hub.pull.retry.max-delay=1s",
        "hub.pull.retry.max-attempts=50",
        "LEGACY_SFTP_PASSWORD=legacy-secret",
        // meat-wholesale-xj: password, pulled when asked, fetched files moved to done/
        "hub.pull.sources.meat-wholesale-xj.user=legacy",
        "hub.pull.sources.meat-wholesale-xj.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.meat-wholesale-xj.remote-dir=xj",
        "hub.pull.sources.meat-wholesale-xj.after-fetch=move",
        // meat-wholesale-copy: key, every second, files left on the server and remembered
        "hub.pull.sources.meat-wholesale-copy.user=legacy",
        "hub.pull.sources.meat-wholesale-copy.remote-dir=copy",
        "hub.pull.sources.meat-wholesale-copy.cron=* * * * * *",
        "hub.pull.sources.meat-wholesale-copy.after-fetch=remember",
        // legacy-strict: a known_hosts file of its own, fetched files deleted
        "hub.pull.sources.legacy-strict.user=legacy",
        "hub.pull.sources.legacy-strict.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-strict.remote-dir=strict",
        "hub.pull.sources.legacy-strict.pattern=*.csv",
        "hub.pull.sources.legacy-strict.after-fetch=delete",
        // legacy-growing: an export still being written while the pull lists it
        "hub.pull.sources.legacy-growing.user=legacy",
        "hub.pull.sources.legacy-growing.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-growing.remote-dir=growing",
        "hub.pull.sources.legacy-growing.pattern=*.csv",
        "hub.pull.sources.legacy-growing.after-fetch=delete",
        // for every source: each file waits a settle time before its download, and the growing export is appended to
        // every 50 ms, ten times within it
        "hub.pull.settle-time=500ms",
        // legacy-daily: an export under the same name every day, moved to done/
        "hub.pull.sources.legacy-daily.user=legacy",
        "hub.pull.sources.legacy-daily.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-daily.remote-dir=daily",
        "hub.pull.sources.legacy-daily.pattern=*.csv",
        "hub.pull.sources.legacy-daily.after-fetch=move",
        // legacy-gbk, legacy-gbk-delete: a Chinese Windows server that sends its file names in GBK
        "hub.pull.sources.legacy-gbk.user=legacy",
        "hub.pull.sources.legacy-gbk.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-gbk.remote-dir=export",
        "hub.pull.sources.legacy-gbk.pattern=交易明细_*.csv",
        "hub.pull.sources.legacy-gbk.after-fetch=move",
        "hub.pull.sources.legacy-gbk.filename-encoding=GBK",
        "hub.pull.sources.legacy-gbk-delete.user=legacy",
        "hub.pull.sources.legacy-gbk-delete.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-gbk-delete.remote-dir=每日导出",
        "hub.pull.sources.legacy-gbk-delete.pattern=交易明细_*.csv",
        "hub.pull.sources.legacy-gbk-delete.after-fetch=delete",
        "hub.pull.sources.legacy-gbk-delete.filename-encoding=gbk",
        // legacy-stuck: a server that does not let the pull's user move a fetched file to done/
        "hub.pull.sources.legacy-stuck.user=legacy",
        "hub.pull.sources.legacy-stuck.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-stuck.remote-dir=stuck",
        "hub.pull.sources.legacy-stuck.pattern=*.csv",
        "hub.pull.sources.legacy-stuck.after-fetch=move",
        // legacy-resent: a night's exports and a correction, numbered so that their names sort opposite to their times
        "hub.pull.sources.legacy-resent.user=legacy",
        "hub.pull.sources.legacy-resent.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-resent.remote-dir=resent",
        "hub.pull.sources.legacy-resent.pattern=*.csv",
        "hub.pull.sources.legacy-resent.after-fetch=delete",
        // legacy-renamed: the legacy system's exports were renamed, so none matches the source's file names any more
        "hub.pull.sources.legacy-renamed.user=legacy",
        "hub.pull.sources.legacy-renamed.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-renamed.remote-dir=renamed",
        "hub.pull.sources.legacy-renamed.pattern=交易明细_*.csv",
        "hub.pull.sources.legacy-renamed.after-fetch=delete",
        // legacy-unmapped: no pattern, and no spec to take the file names from (refused, or not written yet)
        "hub.pull.sources.legacy-unmapped.user=legacy",
        "hub.pull.sources.legacy-unmapped.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-unmapped.remote-dir=unmapped",
        "hub.pull.sources.legacy-unmapped.after-fetch=delete",
        "camel.main.name=pull-test",
        "logging.level.org.apache.activemq.audit=WARN"})
@DirtiesContext
class LegacyPullRouteTest {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static LegacySftpServer legacy;
    private static LegacySftpServer gbkLegacy;
    private static Path strictKnownHosts;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        KeyPair clientKey = LegacySftpServer.newKeyPair();
        legacy = LegacySftpServer.start(dataDir, "legacy", "legacy-secret", clientKey.getPublic());
        for (String dir : List.of("xj", "copy", "strict", "growing", "daily", "stuck", "resent", "unmapped", "renamed")) {
            Files.createDirectories(legacy.root().resolve(dir));
        }
        gbkLegacy = LegacySftpServer.start(dataDir.resolve("gbk"), "legacy", "legacy-secret", null, Charset.forName("GBK"));
        for (String dir : List.of("export", "每日导出")) {
            Files.createDirectories(gbkLegacy.root().resolve(dir));
        }
        Path knownHosts = Files.writeString(dataDir.resolve("known_hosts"),
                legacy.knownHostsLine() + "\n" + gbkLegacy.knownHostsLine() + "\n");
        // at first this file names another key for the same host and port: a man in the middle, as far as the hub can tell
        strictKnownHosts = Files.writeString(dataDir.resolve("strict_known_hosts"), legacy.impostorKnownHostsLine() + "\n");
        Path privateKey = LegacySftpServer.writePrivateKey(clientKey, dataDir.resolve("hub-pull-key"));

        registry.add("hub.data-dir", () -> dataDir.resolve("hub").toString());
        registry.add("hub.pull.known-hosts-file", knownHosts::toString);
        for (String source : List.of("meat-wholesale-xj", "meat-wholesale-copy", "legacy-strict", "legacy-growing", "legacy-daily",
                "legacy-stuck", "legacy-resent", "legacy-unmapped", "legacy-renamed")) {
            registry.add("hub.pull.sources." + source + ".host", () -> "127.0.0.1");
            registry.add("hub.pull.sources." + source + ".port", legacy::port);
        }
        for (String source : List.of("legacy-gbk", "legacy-gbk-delete")) {
            registry.add("hub.pull.sources." + source + ".host", () -> "127.0.0.1");
            registry.add("hub.pull.sources." + source + ".port", gbkLegacy::port);
        }
        registry.add("hub.pull.sources.meat-wholesale-copy.private-key-file", privateKey::toString);
        registry.add("hub.pull.sources.legacy-strict.known-hosts-file", strictKnownHosts::toString);
    }

    @AfterAll
    static void stopLegacyServer() throws IOException {
        legacy.close();
        gbkLegacy.close();
    }

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    @Autowired
    LegacyPulls pulls;

    @Test
    void requestedPullTakesInEveryMatchingFileAndMovesItToDone() throws Exception {
        byte[] first = export("XJM2611280011");
        byte[] second = export("XJM2611280012");
        Path remote = legacy.root().resolve("xj");
        Files.write(remote.resolve("交易明细_20261128.csv"), first);
        Files.write(remote.resolve("交易明细_20261129.csv"), second);
        Files.writeString(remote.resolve("说明.txt"), "not an export");
        Files.write(remote.resolve("交易明细_20261130.csv.part"), export("XJM2611280013"));

        // the nightly sync's "pull now"
        new JmsTemplate(connectionFactory).convertAndSend(BatchMessaging.PULL_REQUESTED_QUEUE, "meat-wholesale-xj");

        await().atMost(WAIT).until(() -> batches("meat-wholesale-xj").size() == 2);
        List<Map<String, Object>> batches = batches("meat-wholesale-xj");
        assertThat(batches).extracting(b -> b.get("file_name")).containsExactly("交易明细_20261128.csv", "交易明细_20261129.csv");
        assertThat(batches).allSatisfy(b -> assertThat(b).containsEntry("transport", "PULL").containsEntry("status", "RECEIVED"));
        assertThat(Files.readAllBytes(archived(batches.get(0)))).isEqualTo(first);
        assertThat(Files.readAllBytes(archived(batches.get(1)))).isEqualTo(second);

        await().atMost(WAIT).until(() -> Files.exists(done(remote, batches.get(1))));
        assertThat(Files.readAllBytes(done(remote, batches.get(0)))).as("in done/<yyyy-MM>/, its name kept with its batch id").isEqualTo(first);
        assertThat(remote.resolve("交易明细_20261128.csv")).doesNotExist();
        assertThat(remote.resolve("说明.txt")).as("not a file the source sends").exists();
        assertThat(remote.resolve("交易明细_20261130.csv.part")).as("still being written").exists();
        await().atMost(WAIT).until(() -> pulls.status("meat-wholesale-xj").orElseThrow().lastSuccessAt() != null);
        PullStatus status = pulls.status("meat-wholesale-xj").orElseThrow();
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.lastFetched()).isEqualTo(2);
        assertThat(Files.list(dataDir.resolve("hub/pull/meat-wholesale-xj/work")).toList()).as("no download left behind").isEmpty();
    }

    @Test
    void fileLeftOnTheServerIsFetchedOnceAndNeverAgainEvenAfterTheRouteRestarts() throws Exception {
        byte[] content = export("XJM2611280021");
        Path remote = legacy.root().resolve("copy").resolve("交易明细_20261128.csv");
        Files.write(remote, content);

        await().atMost(WAIT).until(() -> batches("meat-wholesale-copy").size() == 1);
        assertThat(Files.readAllBytes(archived(batches("meat-wholesale-copy").get(0)))).isEqualTo(content);
        assertThat(remote).as("left where it was").exists();

        camel.getRouteController().stopRoute("pull-meat-wholesale-copy");
        camel.getRouteController().startRoute("pull-meat-wholesale-copy");
        // a new file after the restart: once it is in, a whole poll has listed the old file again
        Files.write(remote.resolveSibling("交易明细_20261129.csv"), export("XJM2611280023"));
        await().atMost(WAIT).until(() -> batches("meat-wholesale-copy").size() == 2);
        assertThat(batches("meat-wholesale-copy")).extracting(b -> b.get("file_name")).as("the old file not fetched again")
                .containsExactly("交易明细_20261128.csv", "交易明细_20261129.csv");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pull_fetched WHERE source_id = 'meat-wholesale-copy'").query(Long.class).single())
                .isEqualTo(2);

        // the legacy system rewrites the file: a different file now, fetched once more
        byte[] changed = export("XJM2611280022");
        Files.write(remote, changed);
        Files.setLastModifiedTime(remote, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        await().atMost(WAIT).until(() -> batches("meat-wholesale-copy").size() == 3);
        assertThat(batches("meat-wholesale-copy").stream().filter(b -> b.get("file_name").equals("交易明细_20261128.csv"))
                .map(b -> archived(b)).map(LegacyPullRouteTest::read)).containsExactlyInAnyOrder(content, changed);
    }

    @Test
    void pullThatCannotVerifyTheServerIsRetriedWithBackOffFetchesNothingAndRecoversOnceTheKeyIsKnown() throws Exception {
        Path remote = legacy.root().resolve("strict").resolve("cylinders_20261128.csv");
        Files.writeString(remote, "a,b\r\n1,2\r\n");

        assertThat(pulls.request("legacy-strict")).isEqualTo(LegacyPulls.Request.STARTED);

        await().atMost(WAIT).until(() -> pulls.status("legacy-strict").orElseThrow().consecutiveFailures() >= 3);
        PullStatus failing = pulls.status("legacy-strict").orElseThrow();
        assertThat(failing.failing()).isTrue();
        assertThat(failing.lastSuccessAt()).isNull();
        assertThat(failing.lastFailureMessage()).containsIgnoringCase("HostKey");
        assertThat(remote).as("nothing fetched from a server the hub cannot verify").exists();
        assertThat(batches("legacy-strict")).isEmpty();

        // the admin puts the server's real key into the source's known_hosts; the next retry succeeds
        Files.writeString(strictKnownHosts, legacy.knownHostsLine() + "\n");

        await().atMost(WAIT).until(() -> batches("legacy-strict").size() == 1);
        assertThat(batches("legacy-strict").get(0)).containsEntry("transport", "PULL").containsEntry("status", "UNKNOWN_SOURCE");
        await().atMost(WAIT).until(() -> !pulls.status("legacy-strict").orElseThrow().failing());
        assertThat(pulls.status("legacy-strict").orElseThrow().lastFetched()).isEqualTo(1);
        await().atMost(WAIT).until(() -> !Files.exists(remote));
    }

    @Test
    void aFileWhoseDownloadFailsFailsThePullStaysOnTheServerAndIsFetchedByTheRetry() throws Exception {
        await().atMost(WAIT).until(() -> !Files.exists(dataDir.resolve("hub/pull/meat-wholesale-xj/work"))
                || Files.list(dataDir.resolve("hub/pull/meat-wholesale-xj/work")).findAny().isEmpty());
        Path remote = legacy.root().resolve("xj").resolve("交易明细_20261201.csv");
        Files.write(remote, export("XJM2611280021"));
        // the download cannot be written (as with a full disk): a file lies where the work folder goes
        Path work = dataDir.resolve("hub/pull/meat-wholesale-xj/work");
        org.springframework.util.FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work.getParent());
        Files.writeString(work, "not a folder");
        int failuresBefore = pulls.status("meat-wholesale-xj").map(PullStatus::consecutiveFailures).orElse(0);
        try {
            assertThat(pulls.request("meat-wholesale-xj")).isEqualTo(LegacyPulls.Request.STARTED);
            await().atMost(WAIT).until(() -> pulls.status("meat-wholesale-xj").orElseThrow().consecutiveFailures() > failuresBefore);
        } finally {
            Files.delete(work);
        }
        PullStatus failing = pulls.status("meat-wholesale-xj").orElseThrow();
        assertThat(failing.failing()).as("health shows it; Camel alone only logged it").isTrue();
        assertThat(failing.lastFailureMessage()).contains("交易明细_20261201.csv");
        assertThat(batches("meat-wholesale-xj")).extracting(b -> b.get("file_name")).doesNotContain("交易明细_20261201.csv");

        // the retry, with the folder back
        await().atMost(WAIT).until(() -> batches("meat-wholesale-xj").stream().anyMatch(b -> "交易明细_20261201.csv".equals(b.get("file_name"))));
        await().atMost(WAIT).until(() -> !pulls.status("meat-wholesale-xj").orElseThrow().failing());
        await().atMost(WAIT).until(() -> !Files.exists(remote));
    }

    @Test
    void anExportStillBeingWrittenIsFetchedOnlyOnceItStopsGrowingWhateverTheServersClockSays() throws Exception {
        Path file = legacy.root().resolve("growing/交易明细_20261128.csv");
        Files.write(file, export("XJM2611280031"));
        // a legacy server whose clock is ten minutes behind: the growing file looks old enough for min-file-age
        FileTime tenMinutesAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(10)));
        Files.setLastModifiedTime(file, tenMinutesAgo);
        AtomicInteger written = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try {
            writer.scheduleAtFixedRate(() -> {
                if (written.get() < 40) {
                    try {
                        Files.write(file, ((written.incrementAndGet() + 1) + ",XJ20261128" + written.get() + ",2026/11/28 3:15,XJM26112800"
                                + (40 + written.get()) + ",白条猪,256.5,上海某某肉类经营部\r\n").getBytes(GB18030), StandardOpenOption.APPEND);
                        Files.setLastModifiedTime(file, tenMinutesAgo);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            await().atMost(WAIT).until(() -> written.get() >= 2);

            new JmsTemplate(connectionFactory).convertAndSend(BatchMessaging.PULL_REQUESTED_QUEUE, "legacy-growing");

            await().atMost(WAIT).until(() -> batches("legacy-growing").size() == 1);
        } finally {
            writer.shutdownNow();
        }
        assertThat(written.get()).as("the file was fetched after its last line was written").isEqualTo(40);
        byte[] archived = Files.readAllBytes(archived(batches("legacy-growing").get(0)));
        assertThat(new String(archived, GB18030).lines().count()).isEqualTo(3 + 40);
    }

    @Test
    void anExportUnderTheSameNameEveryDayKeepsEveryDaysFileInDone() throws Exception {
        Path remote = legacy.root().resolve("daily");
        byte[] monday = export("XJM2611300041");
        byte[] tuesday = export("XJM2612010042");
        Files.write(remote.resolve("export.csv"), monday);
        // yesterday's export: the same name and size, and SFTP's times are whole seconds, so written in the same second as
        // today's it would carry the same name/size/time key and be taken for the file already fetched
        Files.setLastModifiedTime(remote.resolve("export.csv"), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        assertThat(pulls.request("legacy-daily")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> batches("legacy-daily").size() == 1 && !Files.exists(remote.resolve("export.csv")));

        // the next day's export, the same name
        Files.write(remote.resolve("export.csv"), tuesday);
        assertThat(pulls.request("legacy-daily")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> batches("legacy-daily").size() == 2 && !Files.exists(remote.resolve("export.csv")));

        List<Map<String, Object>> batches = batches("legacy-daily");
        for (Map<String, Object> batch : batches) {
            await().atMost(WAIT).until(() -> Files.exists(done(remote, batch)));
        }
        assertThat(batches.stream().map(b -> read(done(remote, b))))
                .as("the legacy server keeps both days' files, each under the batch that took it")
                .containsExactlyInAnyOrder(monday, tuesday);
        try (Stream<Path> inDone = Files.list(remote.resolve("done"))) {
            assertThat(inDone.toList()).as("one folder for the month, not a folder per file")
                    .containsExactly(done(remote, batches.get(0)).getParent());
        }
    }

    @Test
    void aServerThatSendsFileNamesInGbkIsPulledUnderTheirRightNamesAndTheFilesMovedOrDeletedThere() throws Exception {
        byte[] export = export("XJM2611280051");
        Path remote = gbkLegacy.root().resolve("export");
        Files.write(remote.resolve("交易明细_20261128.csv"), export);
        Files.writeString(remote.resolve("说明.txt"), "not an export");
        Path other = gbkLegacy.root().resolve("每日导出").resolve("交易明细_20261129.csv");
        Files.write(other, export("XJM2611280052"));

        assertThat(pulls.request("legacy-gbk")).isEqualTo(LegacyPulls.Request.STARTED);
        assertThat(pulls.request("legacy-gbk-delete")).isEqualTo(LegacyPulls.Request.STARTED);

        await().atMost(WAIT).until(() -> batches("legacy-gbk").size() == 1 && batches("legacy-gbk-delete").size() == 1);
        Map<String, Object> batch = batches("legacy-gbk").get(0);
        assertThat(batch).as("taken in under its name in Unicode").containsEntry("file_name", "交易明细_20261128.csv")
                .containsEntry("transport", "PULL");
        assertThat(Files.readAllBytes(archived(batch))).isEqualTo(export);
        assertThat(batches("legacy-gbk-delete").get(0)).containsEntry("file_name", "交易明细_20261129.csv");

        await().atMost(WAIT).until(() -> Files.exists(done(remote, batch)));
        assertThat(Files.readAllBytes(done(remote, batch))).as("moved to done/<yyyy-MM>/ under its own name and batch id").isEqualTo(export);
        assertThat(remote.resolve("交易明细_20261128.csv")).doesNotExist();
        assertThat(remote.resolve("说明.txt")).exists();
        await().atMost(WAIT).until(() -> !Files.exists(other));
        await().atMost(WAIT).until(() -> !pulls.status("legacy-gbk").orElseThrow().failing()
                && pulls.status("legacy-gbk").orElseThrow().lastSuccessAt() != null);
        assertThat(jdbc.sql("SELECT file_key FROM pull_fetched WHERE source_id = 'legacy-gbk'").query(String.class).list())
                .as("remembered under its right name").singleElement().asString().startsWith("交易明细_20261128.csv/");
    }

    @Test
    void aFileTheServerWillNotLetBeMovedStaysTakenInIsNotFetchedAgainAndThePullWarnsUntilAMoveWorksAgain() throws Exception {
        Path remote = legacy.root().resolve("stuck");
        // done/<yyyy-MM>/ cannot be made there, as on a server whose done-dir the pull's user may not write
        Files.writeString(remote.resolve("done"), "not a folder");
        byte[] content = export("XJM2611280061");
        Path stuck = remote.resolve("交易明细_20261128.csv");
        Files.write(stuck, content);

        assertThat(pulls.request("legacy-stuck")).isEqualTo(LegacyPulls.Request.STARTED);

        // the batch row is written by intake, off the file-received queue: it may come after the run has ended
        await().atMost(WAIT).until(() -> pulls.status("legacy-stuck").orElseThrow().lastSuccessAt() != null
                && !batches("legacy-stuck").isEmpty());
        List<Map<String, Object>> batches = batches("legacy-stuck");
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).containsEntry("file_name", "交易明细_20261128.csv"));
        String batchId = (String) batches.get(0).get("id");
        assertThat(Files.readAllBytes(archived(batches.get(0)))).as("taken in all the same").isEqualTo(content);
        PullStatus status = pulls.status("legacy-stuck").orElseThrow();
        assertThat(status.failing()).isFalse();
        assertThat(status.lastFetched()).isEqualTo(1);
        PullWarning warning = pulls.warning("legacy-stuck").orElseThrow();
        assertThat(warning.kind()).isEqualTo(PullWarning.Kind.LEFT_AFTER_FETCH);
        assertThat(warning.filesLeft()).isEqualTo(1);
        assertThat(warning.message()).contains("交易明细_20261128.csv was taken in as batch " + batchId,
                "could not be moved to done/" + batchId.substring(0, 4) + "-" + batchId.substring(4, 6) + "/交易明细_20261128."
                        + batchId + ".csv", "stays in stuck", "by hand");
        assertThat(stuck).as("left on the legacy server").exists();
        assertThat(jdbc.sql("SELECT warning_files FROM pull_state WHERE source_id = 'legacy-stuck'").query(Integer.class).single())
                .as("kept in the pull state: a restart or another node's health sees it").isEqualTo(1);

        // the next pull lists it again: remembered as fetched (same name, size and time), it is not taken in twice
        assertThat(pulls.request("legacy-stuck")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> pulls.status("legacy-stuck").orElseThrow().lastFetched() == 0);
        assertThat(batches("legacy-stuck")).hasSize(1);
        assertThat(pulls.status("legacy-stuck").orElseThrow().failing()).isFalse();
        assertThat(pulls.warning("legacy-stuck")).as("a pull that moved nothing does not show it fixed").isPresent();

        // the server's owner makes done/ writable; the next file is moved, and the warning goes
        Files.delete(remote.resolve("done"));
        Files.write(remote.resolve("交易明细_20261129.csv"), export("XJM2611290062"));
        assertThat(pulls.request("legacy-stuck")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> batches("legacy-stuck").size() == 2 && pulls.warning("legacy-stuck").isEmpty());
        await().atMost(WAIT).until(() -> Files.exists(done(remote, batches("legacy-stuck").get(1))));
        assertThat(stuck).as("a remembered file is not fetched again to be moved").exists();
    }

    @Test
    void aPullThatFindsOnlyFilesNamedOtherwiseThanTheSourcesFileNamesWarnsOfThemUntilAPullFetchesAgain() throws Exception {
        Path remote = legacy.root().resolve("renamed");
        Files.write(remote.resolve("明细导出_20261128.csv"), export("XJM2611280091"));

        assertThat(pulls.request("legacy-renamed")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> pulls.warning("legacy-renamed").isPresent());
        PullStatus status = pulls.status("legacy-renamed").orElseThrow();
        assertThat(status.failing()).as("the server answered: no failure").isFalse();
        assertThat(status.lastFetched()).isZero();
        assertThat(status.lastUnmatched()).isEqualTo(1);
        PullWarning warning = pulls.warning("legacy-renamed").orElseThrow();
        assertThat(warning.kind()).isEqualTo(PullWarning.Kind.UNMATCHED_NAMES);
        assertThat(warning.filesLeft()).isEqualTo(1);
        assertThat(warning.message()).contains("明细导出_20261128.csv");
        assertThat(batches("legacy-renamed")).isEmpty();

        // the export is named as the source's file names say again: fetched, and the warning goes
        Files.write(remote.resolve("交易明细_20261129.csv"), export("XJM2611290092"));
        assertThat(pulls.request("legacy-renamed")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> pulls.warning("legacy-renamed").isEmpty());
        assertThat(pulls.status("legacy-renamed").orElseThrow().lastFetched()).isEqualTo(1);
    }

    @Test
    void filesOfOnePullAreTakenInOldestFirstSoTheLaterExportIsReceivedLastWhateverTheirNames() throws Exception {
        Path remote = legacy.root().resolve("resent");
        // a missed night: both nights' exports wait on the server, and export_10.csv comes before export_9.csv by name
        Path ninth = Files.write(remote.resolve("export_9.csv"), export("XJM2611280071"));
        Path tenth = Files.write(remote.resolve("export_10.csv"), export("XJM2611280072"));
        Instant now = Instant.now();
        Files.setLastModifiedTime(ninth, FileTime.from(now.minus(Duration.ofHours(48))));
        Files.setLastModifiedTime(tenth, FileTime.from(now.minus(Duration.ofHours(24))));
        ListAppender<ILoggingEvent> taken = new ListAppender<>();
        taken.start();
        Logger intakeLog = (Logger) LoggerFactory.getLogger(PulledFileIntake.class);
        intakeLog.addAppender(taken);
        try {
            assertThat(pulls.request("legacy-resent")).isEqualTo(LegacyPulls.Request.STARTED);
            await().atMost(WAIT).until(() -> batches("legacy-resent").size() == 2);
        } finally {
            intakeLog.detachAppender(taken);
        }

        // the store keeps the version of the batch received last: the later export's
        assertThat(taken.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("legacy-resent")))
                .satisfiesExactly(first -> assertThat(first).startsWith("pulled export_9.csv "),
                        last -> assertThat(last).startsWith("pulled export_10.csv "));
    }

    /** The hub started (the other pulls run), and this source's runs fail, in its pull state, until it has a spec. */
    @Test
    void aPulledSourceWithoutASpecOrPatternFailsItsRunsNotTheHubsStart() throws Exception {
        Path remote = Files.writeString(legacy.root().resolve("unmapped").resolve("交易明细_20261128.csv"), "a,b\r\n1,2\r\n");

        assertThat(pulls.request("legacy-unmapped")).isEqualTo(LegacyPulls.Request.STARTED);

        await().atMost(WAIT).until(() -> pulls.status("legacy-unmapped").orElseThrow().consecutiveFailures() >= 1);
        PullStatus failing = pulls.status("legacy-unmapped").orElseThrow();
        assertThat(failing.failing()).isTrue();
        assertThat(failing.lastFailureMessage()).contains("no pattern, and the source has no usable mapping spec");
        assertThat(remote).exists();
        assertThat(batches("legacy-unmapped")).isEmpty();
    }

    @Test
    void aPullKeepsWhenItWasFirstConfiguredInItsDataFolder() throws Exception {
        Instant configured = pulls.configuredAt("legacy-daily").orElseThrow();

        assertThat(configured).as("the first start with it").isEqualTo(RoutesTestApplication.NOW);
        assertThat(Files.readString(dataDir.resolve("hub/pull/legacy-daily/configured-at")).strip()).isEqualTo(configured.toString());
        assertThat(pulls.configuredAt("meat-without-pull")).isEmpty();
    }

    @Test
    void pullRequestForASourceWithoutAPullIsRefusedAndNothingRuns() {
        assertThat(pulls.request("meat-without-pull")).isEqualTo(LegacyPulls.Request.NOT_CONFIGURED);
        assertThat(pulls.status("meat-without-pull")).isEmpty();
    }

    // --- helpers

    private static byte[] export(String traceCode) {
        return ("西郊国际农产品交易中心 交易明细\r\n"
                + "序号,交易凭证号,交易时间,追溯码,品名,重量(斤),买方名称\r\n"
                + "1,XJ20261128001,2026/11/28 3:15," + traceCode + ",白条猪,256.5,上海某某肉类经营部\r\n").getBytes(GB18030);
    }

    private List<Map<String, Object>> batches(String source) {
        return jdbc.sql("SELECT * FROM batch WHERE source_id = ? ORDER BY file_name, id").param(source).query().listOfRows().stream()
                .map(LegacyPullRouteTest::lowerCaseKeys).toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Where the pull moved a fetched file on the legacy server: {@code done/<yyyy-MM>/<name>.<batch id>.csv}, the month
     * the batch was received in (its id's day).
     */
    private static Path done(Path remoteDir, Map<String, Object> batch) {
        String id = (String) batch.get("id");
        String name = (String) batch.get("file_name");
        assertThat(name).endsWith(".csv");
        return remoteDir.resolve("done").resolve(id.substring(0, 4) + "-" + id.substring(4, 6))
                .resolve(name.substring(0, name.length() - ".csv".length()) + "." + id + ".csv");
    }

    private static Path archived(Map<String, Object> batch) {
        return dataDir.resolve("hub").resolve((String) batch.get("archive_path"));
    }

    private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
        Map<String, Object> map = new HashMap<>();
        row.forEach((column, value) -> map.put(column.toLowerCase(Locale.ROOT), value));
        return map;
    }
}
