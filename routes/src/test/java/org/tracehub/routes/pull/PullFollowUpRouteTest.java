package org.tracehub.routes.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.platform.batch.BatchMessaging;
import org.tracehub.routes.RoutesTestApplication;
import org.tracehub.routes.testing.LegacySftpServer;

/**
 * Files a pull leaves because they changed too lately ({@code hub.pull.min-file-age}) or kept changing through the settle
 * check ({@code hub.pull.settle-give-up}, 1 s here), and files stamped ahead of the hub's clock, pulled from the in-process
 * MINA server through the real sftp consumer. The hub's clock is fixed ({@link RoutesTestApplication#NOW}): a file's age is
 * set by its modification time (whole seconds over sftp: a file stamped {@code NOW} is too new for the 1 s minimum age,
 * one stamped a second earlier is not), and time passing by setting it back; a file still being written grows every
 * 100 ms, five times within the settle time. A follow-up comes min-file-age + settle-time (1.5 s) after its run.
 */
@SpringBootTest(classes = RoutesTestApplication.class, properties = {
        "spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor}",
        "spring.artemis.mode=embedded",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.queues=" + BatchMessaging.BATCH_RECEIVED_QUEUE + "," + BatchMessaging.PULL_REQUESTED_QUEUE,
        "spring.artemis.embedded.topics=" + BatchMessaging.BATCH_COMPLETED_TOPIC,
        "hub.pull.min-file-age=1s",
        "hub.pull.settle-time=500ms",
        "hub.pull.settle-give-up=1s",
        // a thread for each source: the tests run side by side, and no source's runs wait for another's
        "hub.pull.threads=6",
        "LEGACY_SFTP_PASSWORD=legacy-secret",
        "hub.pull.sources.legacy-late.user=legacy",
        "hub.pull.sources.legacy-late.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-late.remote-dir=late",
        "hub.pull.sources.legacy-late.pattern=*.csv",
        "hub.pull.sources.legacy-late.after-fetch=delete",
        "hub.pull.sources.legacy-busy.user=legacy",
        "hub.pull.sources.legacy-busy.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-busy.remote-dir=busy",
        "hub.pull.sources.legacy-busy.pattern=*.csv",
        "hub.pull.sources.legacy-busy.after-fetch=delete",
        "hub.pull.sources.legacy-fast.user=legacy",
        "hub.pull.sources.legacy-fast.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-fast.remote-dir=fast",
        "hub.pull.sources.legacy-fast.pattern=*.csv",
        "hub.pull.sources.legacy-fast.after-fetch=delete",
        "hub.pull.sources.legacy-settling.user=legacy",
        "hub.pull.sources.legacy-settling.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-settling.remote-dir=settling",
        "hub.pull.sources.legacy-settling.pattern=*.csv",
        "hub.pull.sources.legacy-settling.after-fetch=delete",
        "hub.pull.sources.legacy-restless.user=legacy",
        "hub.pull.sources.legacy-restless.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-restless.remote-dir=restless",
        "hub.pull.sources.legacy-restless.pattern=*.csv",
        "hub.pull.sources.legacy-restless.after-fetch=delete",
        "hub.pull.sources.legacy-gone.user=legacy",
        "hub.pull.sources.legacy-gone.password-env=LEGACY_SFTP_PASSWORD",
        "hub.pull.sources.legacy-gone.remote-dir=gone",
        "hub.pull.sources.legacy-gone.pattern=*.csv",
        "hub.pull.sources.legacy-gone.after-fetch=delete",
        "camel.main.name=pull-follow-up-test",
        "logging.level.org.apache.activemq.audit=WARN"})
@DirtiesContext
@Tag("slow")
// each test pulls a source of its own and mostly waits for its follow-ups: side by side (the surefire configuration in pom.xml)
@Execution(ExecutionMode.CONCURRENT)
class PullFollowUpRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Four runs that each watch a file for the give-up time, and the follow-ups' waits between them. */
    private static final Duration WAIT_FOR_EVERY_FOLLOW_UP = Duration.ofSeconds(90);
    private static final List<String> SOURCES = List.of("legacy-late", "legacy-busy", "legacy-fast", "legacy-settling",
            "legacy-restless", "legacy-gone");
    private static final Instant NOW = RoutesTestApplication.NOW;

    @TempDir
    static Path dataDir;

    private static LegacySftpServer legacy;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        legacy = LegacySftpServer.start(dataDir, "legacy", "legacy-secret");
        for (String dir : List.of("late", "busy", "fast", "settling", "restless", "gone")) {
            Files.createDirectories(legacy.root().resolve(dir));
        }
        Path knownHosts = Files.writeString(dataDir.resolve("known_hosts"), legacy.knownHostsLine() + "\n");
        registry.add("hub.data-dir", () -> dataDir.resolve("hub").toString());
        registry.add("hub.pull.known-hosts-file", knownHosts::toString);
        for (String source : SOURCES) {
            registry.add("hub.pull.sources." + source + ".host", () -> "127.0.0.1");
            registry.add("hub.pull.sources." + source + ".port", legacy::port);
        }
    }

    @AfterAll
    static void stopLegacyServer() throws IOException {
        legacy.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LegacyPulls pulls;

    private final Recorded log = new Recorded();

    @BeforeEach
    void captureLog() {
        log.start();
        scheduleLogger().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        scheduleLogger().detachAppender(log);
    }

    @Test
    void aFileTooNewForTheNightsPullIsFetchedByAFollowUpTheSameNightNotTheNextOne() throws Exception {
        // the export was finished as the pull listed the folder (or the server's clock is a little fast)
        Path export = exportAt("late/交易明细_20261128.csv", NOW);

        assertThat(pulls.request("legacy-late")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> log.said(Level.INFO, "pull of legacy-late left 1 file(s)") == 1);
        assertThat(batches("legacy-late")).as("left by the requested run").isZero();
        // time passes: the file is old enough now
        Files.setLastModifiedTime(export, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

        // nothing asks again: the run's follow-up fetches it
        await().atMost(WAIT).until(() -> batches("legacy-late") == 1 && !Files.exists(export));
        await().atMost(WAIT).until(() -> pulls.status("legacy-late").orElseThrow().lastFetched() == 1);
        assertThat(pulls.warning("legacy-late")).isEmpty();
    }

    @Test
    void aFileThatKeepsChangingAtEveryFollowUpBecomesAPullWarningNamingItAfterAFewFollowUps() throws Exception {
        Path export = exportAt("busy/交易明细_20261128.csv", NOW);

        assertThat(pulls.request("legacy-busy")).isEqualTo(LegacyPulls.Request.STARTED);

        await().atMost(WAIT).until(() -> pulls.warning("legacy-busy").isPresent());
        PullWarning warning = pulls.warning("legacy-busy").orElseThrow();
        assertThat(warning.kind()).as("not in the hub: nothing to delete by hand").isEqualTo(PullWarning.Kind.NOT_FETCHED);
        assertThat(warning.filesLeft()).isEqualTo(1);
        assertThat(warning.message()).as("Chinese first").startsWith("交易明细_20261128.csv 修改时间太近，未拉取，仍留在原服务器上")
                .contains("hub.pull.min-file-age", "下一次定时或请求的拉取会再试", "not fetched")
                .as("too new, not still changing").doesNotContain("一直在变化");
        assertThat(pulls.status("legacy-busy").orElseThrow().failing()).as("a warning, not a failure").isFalse();
        // the requested run and its follow-ups, and no more
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> log.said(Level.INFO, "pull of legacy-busy fetched 0 file(s)") == 1 + PullSchedule.MAX_FOLLOW_UPS);
        assertThat(log.said(Level.INFO, "pull of legacy-busy left 1 file(s)")).isEqualTo(PullSchedule.MAX_FOLLOW_UPS);
        assertThat(export).exists();

        // the next night the file is old enough: fetched, and the warning goes
        Files.setLastModifiedTime(export, FileTime.from(NOW.minus(Duration.ofHours(20))));
        assertThat(pulls.request("legacy-busy")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> batches("legacy-busy") == 1 && pulls.warning("legacy-busy").isEmpty());
    }

    @Test
    void filesStampedMinutesAheadOfTheHubsClockAreFetchedOnceSettledAndTheSkewIsWarnedOncePerRun() throws Exception {
        // a legacy server whose clock runs ten minutes fast
        exportAt("fast/交易明细_20261128.csv", NOW.plus(Duration.ofMinutes(10)));
        exportAt("fast/交易明细_20261129.csv", NOW.plus(Duration.ofMinutes(10)));

        assertThat(pulls.request("legacy-fast")).isEqualTo(LegacyPulls.Request.STARTED);

        await().atMost(WAIT).until(() -> batches("legacy-fast") == 2);
        await().atMost(WAIT).until(() -> log.said(Level.INFO, "pull of legacy-fast fetched 2 file(s)") == 1);
        assertThat(log.messages(Level.WARN).stream().filter(m -> m.startsWith("pull of legacy-fast:")))
                .singleElement().asString()
                .contains("127.0.0.1:" + legacy.port(), "PT10M ahead of the hub's clock", "hub.pull.settle-time");
        assertThat(log.said(Level.INFO, "pull of legacy-fast left")).as("not held back until its time comes").isZero();
    }

    @Test
    void aFileStillChangingWhenTheSettleCheckGivesUpIsFetchedByAFollowUpTheSameNightOnceItStops() throws Exception {
        Instant finishedAt = NOW.minus(Duration.ofMinutes(5));
        Path export = exportAt("settling/交易明细_20261128.csv", finishedAt);

        try (Writer writer = Writer.appendingTo(export, finishedAt)) {
            assertThat(pulls.request("legacy-settling")).isEqualTo(LegacyPulls.Request.STARTED);
            await().atMost(WAIT).until(() -> log.said(Level.INFO, "pull of legacy-settling left 1 file(s) that kept changing") == 1);
            assertThat(batches("legacy-settling")).as("left by the requested run, still being written").isZero();
        }
        // the export is finished
        Files.setLastModifiedTime(export, FileTime.from(finishedAt));

        // nothing asks again: the run's follow-up fetches it, the same night
        await().atMost(WAIT).until(() -> batches("legacy-settling") == 1 && !Files.exists(export));
        await().atMost(WAIT).until(() -> pulls.status("legacy-settling").orElseThrow().lastFetched() == 1);
        assertThat(pulls.warning("legacy-settling")).isEmpty();
    }

    @Test
    void aFileThatNeverStopsChangingBecomesAPullWarningSayingItKeptChangingAfterTheFollowUps() throws Exception {
        Instant finishedAt = NOW.minus(Duration.ofMinutes(5));
        Path export = exportAt("restless/交易明细_20261128.csv", finishedAt);

        try (Writer writer = Writer.appendingTo(export, finishedAt)) {
            assertThat(pulls.request("legacy-restless")).isEqualTo(LegacyPulls.Request.STARTED);

            await().atMost(WAIT_FOR_EVERY_FOLLOW_UP).until(() -> pulls.warning("legacy-restless").isPresent());
            PullWarning warning = pulls.warning("legacy-restless").orElseThrow();
            assertThat(warning.kind()).isEqualTo(PullWarning.Kind.NOT_FETCHED);
            assertThat(warning.filesLeft()).isEqualTo(1);
            assertThat(warning.message()).startsWith("交易明细_20261128.csv 一直在变化，未拉取")
                    .contains("hub.pull.settle-time", "still changing when the settle check gave up")
                    .as("not the reason of a file too new").doesNotContain("hub.pull.min-file-age");
            assertThat(pulls.status("legacy-restless").orElseThrow().failing()).as("a warning, not a failure").isFalse();
            // the requested run and its follow-ups, and no more
            assertThat(log.said(Level.INFO, "pull of legacy-restless fetched 0 file(s)")).isEqualTo(1 + PullSchedule.MAX_FOLLOW_UPS);
            assertThat(log.said(Level.INFO, "pull of legacy-restless left 1 file(s) that kept changing"))
                    .isEqualTo(PullSchedule.MAX_FOLLOW_UPS);
            assertThat(batches("legacy-restless")).isZero();
        }
        assertThat(export).exists();

        // the next night the export is finished: fetched, and the warning goes
        Files.setLastModifiedTime(export, FileTime.from(finishedAt));
        assertThat(pulls.request("legacy-restless")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> batches("legacy-restless") == 1 && pulls.warning("legacy-restless").isEmpty());
    }

    @Test
    void aWarningOfFilesNotFetchedGoesOnceALaterPullFindsNoneOfThemLeftThoughItFetchesNothing() throws Exception {
        Path export = exportAt("gone/交易明细_20261128.csv", NOW);
        assertThat(pulls.request("legacy-gone")).isEqualTo(LegacyPulls.Request.STARTED);
        await().atMost(WAIT).until(() -> pulls.warning("legacy-gone").isPresent());
        assertThat(pulls.warning("legacy-gone").orElseThrow()).satisfies(w -> {
            assertThat(w.kind()).isEqualTo(PullWarning.Kind.NOT_FETCHED);
            assertThat(w.message()).startsWith("交易明细_20261128.csv 修改时间太近");
        });

        // the legacy system's operator takes the export away (to export it again under another name, say)
        Files.delete(export);

        // the next night's pull, asked again should the series' last run still hold the source when first asked
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> pulls.request("legacy-gone") == LegacyPulls.Request.STARTED && pulls.warning("legacy-gone").isEmpty());
        assertThat(batches("legacy-gone")).isZero();
        assertThat(pulls.status("legacy-gone").orElseThrow().failing()).isFalse();
    }

    private static Path exportAt(String name, Instant modified) throws IOException {
        Path file = Files.writeString(legacy.root().resolve(name), "序号,追溯码\r\n1,XJM2611280081\r\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private long batches(String source) {
        return jdbc.sql("SELECT COUNT(*) FROM batch WHERE source_id = ?").param(source).query(Long.class).single();
    }

    private static Logger scheduleLogger() {
        return (Logger) LoggerFactory.getLogger(PullSchedule.class);
    }

    /**
     * A legacy export still being written: a line appended every 100 ms, its modification time set back each time (a
     * server whose clock is behind), so that only its growing size tells the settle check it is not finished.
     */
    private static final class Writer implements AutoCloseable {

        private final ScheduledExecutorService lines = Executors.newSingleThreadScheduledExecutor();

        static Writer appendingTo(Path file, Instant modified) {
            Writer writer = new Writer();
            AtomicInteger written = new AtomicInteger(1);
            writer.lines.scheduleAtFixedRate(() -> {
                try {
                    Files.writeString(file, written.incrementAndGet() + ",XJM26112800" + (10 + written.get()) + "\r\n",
                            StandardOpenOption.APPEND);
                    Files.setLastModifiedTime(file, FileTime.from(modified));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            return writer;
        }

        /** Stops writing: no line is appended once this returns. */
        @Override
        public void close() throws InterruptedException {
            lines.shutdownNow();
            assertThat(lines.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The schedule's log lines, read while the pull's threads add to them. */
    private static final class Recorded extends AppenderBase<ILoggingEvent> {

        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }

        List<String> messages(Level level) {
            return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }

        long said(Level level, String start) {
            return messages(level).stream().filter(m -> m.startsWith(start)).count();
        }
    }
}
