package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.hub.HeadlessChromium;
import org.tracehub.hub.HubTestUsers;
import org.tracehub.jobs.progress.LiveProgress;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.schemas.validation.ErrorCodes;

/**
 * The batch page's progress poll in a real browser, with its times shortened through {@code hub.console.poll-*}
 * (100 ms, at most 0.8 s, giving up after 10 s without change: the give-up time well past the 2.3 s the test watches the
 * waits grow for before it moves the batch, as slow answers on a loaded machine stretch them, and no longer, as the test
 * waits it out; the slowest a few doublings past the fastest): it slows down while the batch does not move, is quick
 * again when it moves, and stops saying why once nothing changed for the give-up time or the hub says the batch is
 * stuck. Its own context (its times are not the other browser test's), closed after the class.
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConsoleProgressPollBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path browserDir;

    static HeadlessChromium chromium;
    static ChromeDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.sftp.port", () -> "0");
        registry.add("hub.console.poll-fastest", () -> "100ms");
        registry.add("hub.console.poll-slowest", () -> "800ms");
        registry.add("hub.console.poll-give-up", () -> GIVE_UP.toMillis() + "ms");
        // the batch waiting for disk space is resumed by the test, not by the hub's retry (which finds no run to restart)
        registry.add("hub.jobs.disk-full-retry.interval", () -> "1h");
    }

    @LocalServerPort
    int port;

    @Autowired
    BatchRepository batches;

    @Autowired
    LiveProgress live;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.console(Files.createDirectories(browserDir.resolve("profile")),
                Files.createDirectories(browserDir.resolve("downloads")));
        browser = chromium.driver();
        browser.manage().timeouts().pageLoadTimeout(PATIENCE);
        recordPollDelays();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void thePollSlowsDownWhileTheBatchDoesNotMoveIsQuickAgainWhenItMovesAndStopsSayingWhyAfterTheGiveUpTime() {
        String id = converting("poll-slow-src");
        logIn();
        open("/console/batches/" + id);

        // nothing moves: each answer without change doubles the wait, up to the slowest
        await().atMost(PATIENCE).until(() -> delays().stream().filter(d -> d == 800).count() >= 2);
        assertThat(delays()).startsWith(100L, 200L, 400L, 800L, 800L).doesNotContain(1600L);
        assertThat(text("progress-note")).isEmpty();

        // the batch moves: the next answer shows it and the poll is quick again
        int before = delays().size();
        OffsetDateTime moved = OffsetDateTime.now();
        live.converting(id, 1, 3, 100);
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> text("progress-phase").contains("已读取 3 行"));
        await().atMost(PATIENCE).until(() -> delays().size() > before + 4);
        assertThat(delays().subList(before, delays().size())).containsSubsequence(100L, 200L, 400L, 800L);

        // and stops once it has not moved for the give-up time, saying so
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> text("progress-note").startsWith("批次已超过 " + GIVE_UP.toSeconds() + " 秒没有进展，已停止自动刷新。"));
        assertThat(Duration.between(moved, OffsetDateTime.now())).as("not before the give-up time").isGreaterThanOrEqualTo(GIVE_UP);
        assertThat(browser.findElement(By.id("progress")).getAttribute("data-poll-stopped")).isEqualTo("true");
        int stoppedAt = delays().size();
        // more than twice the slowest wait without another
        await().during(Duration.ofMillis(2_000)).atMost(Duration.ofSeconds(10)).until(() -> delays().size() == stoppedAt);
    }

    @Test
    void thePollStopsAtOnceSayingWhyWhenTheHubSaysTheBatchIsStuck() {
        String id = converting("poll-stuck-src");
        logIn();
        open("/console/batches/" + id);
        await().atMost(PATIENCE).until(() -> !delays().isEmpty());

        // left CONVERTING with no run past hub.jobs.stuck-after (30 minutes)
        jdbc.sql("UPDATE batch SET updated_at = ? WHERE id = ?").params(OffsetDateTime.now(clock).minusMinutes(31), id).update();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> text("progress-note").startsWith("批次停在处理中已久"));
        assertThat(browser.findElement(By.id("progress")).getAttribute("data-poll-stopped")).isEqualTo("true");
    }

    @Test
    void thePollGoesOnAtTheSlowestWhileTheBatchWaitsForDiskSpaceAndReloadsThePageWhenTheRetryResumesIt() {
        String id = converting("poll-disk-src");
        batches.markFailed(id, 1, ErrorCodes.DISK_FULL, "磁盘空间不足");
        logIn();
        open("/console/batches/" + id);

        await().atMost(PATIENCE).until(() -> delays().size() >= 3);
        assertThat(delays()).as("at the slowest from the first answer").containsOnly(800L);
        assertThat(text("progress-note")).isEmpty();

        // the hub's retry restarts its run
        jdbc.sql("UPDATE batch SET status = 'CONVERTING', failure_code = NULL, failure_message = NULL WHERE id = ?").params(id).update();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .until(() -> !text("batch-status").contains("等待磁盘空间") && !delays().isEmpty());
        assertThat(delays()).as("the reloaded page polls a running batch").startsWith(100L);
    }

    /** A batch CONVERTING with no job: nothing moves it but the test. */
    private String converting(String source) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String id = BatchIds.next(now);
        batches.insertReceived(new NewBatch(id, source, "f.csv", "f.csv", "archive/x/" + id + "/f.csv", 0,
                java.util.UUID.randomUUID().toString().replace("-", "").repeat(2), Transport.SFTP, now));
        batches.startAttempt(id);
        return id;
    }

    /**
     * Every wait the poll sets (data-poll-delay), in order, kept by each page from before its own scripts run: an observer
     * added once the page has loaded missed the first waits when the browser was slow to answer.
     */
    private static void recordPollDelays() {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.pollDelays = [];"
                + "new MutationObserver(function (changes) { changes.forEach(function (c) {"
                + " if (c.target.id === 'progress') { window.pollDelays.push(Number(c.target.getAttribute('data-poll-delay'))); } });"
                + " }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-poll-delay'] });"));
    }

    @SuppressWarnings("unchecked")
    private List<Long> delays() {
        return (List<Long>) browser.executeScript("return window.pollDelays;");
    }

    private void logIn() {
        browser.manage().deleteAllCookies();
        open("/console");
        browser.findElement(By.id("username")).sendKeys(HubTestUsers.ADMIN.username());
        browser.findElement(By.id("password")).sendKeys(HubTestUsers.ADMIN.password());
        browser.findElement(By.id("login-submit")).click();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .untilAsserted(() -> assertThat(browser.getTitle()).contains("仪表板"));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }
}
