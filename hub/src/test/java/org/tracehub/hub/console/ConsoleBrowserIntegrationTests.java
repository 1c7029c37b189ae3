package org.tracehub.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.tracehub.hub.HeadlessChromium;
import org.tracehub.hub.HubTestUsers;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tracehub.mappings.catalog.SpecCatalog;
import org.tracehub.platform.batch.BatchIds;
import org.tracehub.platform.batch.BatchRepository;
import org.tracehub.platform.batch.NewBatch;
import org.tracehub.platform.batch.Transport;
import org.tracehub.samples.SampleCorpus;

/**
 * The admin's day in a real browser (Debian's headless chromium): upload a file with errors, watch
 * its batch finish, read its rejected rows, download the error report and check it, fix the spec and
 * reprocess, see the new attempt's counts. Screenshots of the dashboard and the batch page are saved
 * under {@code target/screenshots/}.
 *
 * <p>The source {@code meat-e2e} is the meat wholesale market's spec from an external folder, with
 * the lookup entry for 牛肉 left out: rows 6 and 11 (beef) are rejected with LOOKUP_MISSING until the
 * entry is added back, which the running hub picks up from the folder.
 */
@Tag("e2e")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the context is this class's alone (its own data dir), and the data dir goes with the class: closed, not cached with a
// broker, database and schedules on a deleted folder for the rest of the run
@DirtiesContext
class ConsoleBrowserIntegrationTests {

    private static final String SOURCE = "meat-e2e";
    private static final String FILE_NAME = "交易明细_20261127.csv";
    private static final String SAMPLE = "meat/meat-wholesale-xj/input/" + FILE_NAME;
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path sourcesDir;

    @TempDir
    static Path browserDir;

    static HeadlessChromium chromium;
    static ChromeDriver browser;

    /** What the source page said of the last upload through its form. */
    private String uploadMessage;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Files.writeString(sourcesDir.resolve(SOURCE + ".yaml"), spec(false), StandardCharsets.UTF_8);
        registry.add("hub.data-dir", dataDir::toString);
        registry.add("hub.sources-dir", sourcesDir::toString);
        registry.add("hub.sftp.port", () -> "0");
        // the test waits for the watcher to see its spec fix, and for the batch page's poll to see the batch done: at the
        // defaults (5 s; 1 s doubling up to 30 s while the batch waits its turn) most of its time
        registry.add("hub.sources-reload-interval", () -> "200ms");
        registry.add("hub.console.poll-fastest", () -> "200ms");
        registry.add("hub.console.poll-slowest", () -> "1600ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    SpecCatalog catalog;

    @Autowired
    BatchRepository batches;

    @Autowired
    Clock clock;

    @BeforeAll
    static void startBrowser() throws Exception {
        chromium = HeadlessChromium.console(Files.createDirectories(browserDir.resolve("profile")),
                Files.createDirectories(browserDir.resolve("downloads")));
        browser = chromium.driver();
        browser.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void adminUploadsWatchesReadsRejectsDownloadsTheReportFixesTheSpecAndReprocesses() throws Exception {
        logIn();

        // upload a file with errors through the source page's form
        String batchId = upload();
        assertThat(uploadMessage).startsWith("已接收，等待处理，批次 ");
        // the same file again is answered 200 DUPLICATE: the page says so, not 已接收
        String duplicate = upload();
        assertThat(uploadMessage).startsWith("重复文件，未处理，批次 ");
        assertThat(duplicate).isNotEqualTo(batchId);

        // watch the batch finish: the page polls its progress and reloads itself when done
        open("/console/batches/" + batchId);
        awaitText(By.id("batch-status"), "已入库");
        assertThat(browser.findElement(By.cssSelector("#progress .bar")).getAttribute("style")).contains("width: 100%");
        assertThat(text("count-read")).isEqualTo("10");
        assertThat(text("count-accepted")).isEqualTo("5");
        assertThat(text("count-rejected")).isEqualTo("5");
        assertThat(text("count-skipped")).isEqualTo("1");

        // its rejected rows, with their messages
        List<List<String>> problems = problemRows();
        assertThat(problems).extracting(r -> r.get(0) + " " + r.get(4)).containsExactly(
                "5 USCC_CHARACTER", "6 LOOKUP_MISSING", "8 CERTIFICATE_REQUIRED", "10 QUANTITY_NOT_POSITIVE",
                "11 LOOKUP_MISSING", "11 USCC_CHECK_DIGIT");
        assertThat(problems.get(1).get(5)).contains("牛肉");
        chromium.saveWindow("batch-page");

        // download the error report from the page and check its content
        browser.findElement(By.id("download-errors")).click();
        Path report = awaitDownload(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(report)))) {
            Sheet rows = workbook.getSheet("被拒绝的行");
            assertThat(rows.getLastRowNum()).isEqualTo(5);
            List<Long> rowNumbers = new ArrayList<>();
            for (int r = 1; r <= 5; r++) {
                rowNumbers.add((long) rows.getRow(r).getCell(0).getNumericCellValue());
            }
            assertThat(rowNumbers).containsExactly(5L, 6L, 8L, 10L, 11L);
            Row beef = rows.getRow(2);
            assertThat(beef.getCell(7).getStringCellValue()).as("品名 as sent").isEqualTo("牛肉");
            assertThat(beef.getCell(17).getStringCellValue()).isEqualTo("LOOKUP_MISSING");
            Row row11 = rows.getRow(5);
            assertThat(row11.getCell(17).getStringCellValue()).isEqualTo("LOOKUP_MISSING");
            assertThat(row11.getCell(22).getStringCellValue()).isEqualTo("USCC_CHECK_DIGIT");
            for (int c = 1; c < row11.getLastCellNum(); c++) {
                assertThat(row11.getCell(c).getCellType()).isEqualTo(CellType.STRING);
            }
        }

        // the dashboard: today's batches and the chart the hub draws
        assertDashboard(batchId, "5", "5");

        // fix the spec: add the missing lookup entry; the hub picks the folder's change up
        Files.writeString(sourcesDir.resolve(SOURCE + ".yaml"), spec(true), StandardCharsets.UTF_8);
        await().atMost(PATIENCE).until(() -> catalog.source(SOURCE)
                .map(s -> s.lookups().getOrDefault("meat-products", Map.of()).containsKey("牛肉")).orElse(false));

        // reprocess, confirming the question, and see the new attempt's counts
        open("/console/batches/" + batchId);
        browser.findElement(By.id("reprocess")).click();
        assertThat(browser.switchTo().alert().getText()).contains(batchId).contains("第 2 次处理");
        browser.switchTo().alert().accept();
        // reads race the page's own reloads (a node can vanish between find and read): retry them
        try {
            await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class).until(() -> browser.getPageSource().contains("第 2 次处理")
                    && "已入库".equals(browser.findElement(By.id("batch-status")).getText())
                    && "true".equals(browser.findElement(By.id("progress")).getAttribute("data-finished")));
        } catch (ConditionTimeoutException e) {
            // what the page showed when it gave up (failed once in a full run, never alone): the screenshot and the text
            chromium.saveWindow("batch-page-reprocess-timeout");
            throw new AssertionError("the batch page never showed attempt 2 loaded; it showed: "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
        assertThat(text("count-read")).isEqualTo("10");
        assertThat(text("count-accepted")).isEqualTo("7");
        assertThat(text("count-rejected")).isEqualTo("3");
        assertThat(text("count-warned")).isEqualTo("1");
        assertThat(problemRows()).extracting(r -> r.get(0) + " " + r.get(4)).containsExactly(
                "5 USCC_CHARACTER", "8 CERTIFICATE_REQUIRED", "10 QUANTITY_NOT_POSITIVE", "11 USCC_CHECK_DIGIT");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("重新处理").contains("下载错误报告").contains("admin");
        chromium.saveWindow("batch-page-reprocessed");

        assertDashboard(batchId, "7", "3");
    }

    /**
     * The batch's rows on the chart's bar of the day it was received (in the hub's zone): the last bar is the page's
     * today, which is the next day when the page renders after midnight in Shanghai (16:00 UTC).
     */
    private void assertDashboard(String batchId, String accepted, String rejected) throws IOException {
        String received = batches.findById(batchId).orElseThrow().receivedAt().atZoneSameInstant(clock.getZone()).toLocalDate().toString();
        open("/console");
        WebElement chart = browser.findElement(By.id("daily-chart"));
        assertThat(chart.isDisplayed()).isTrue();
        List<WebElement> days = chart.findElements(By.cssSelector("g.day"));
        assertThat(days).hasSize(30);
        if (received.equals(days.get(29).getAttribute("data-day"))) {
            assertThat(browser.findElement(By.id("today")).getText()).contains(SOURCE);
        }
        List<WebElement> day = chart.findElements(By.cssSelector("g.day[data-day='" + received + "']"));
        assertThat(day).as("the bar of %s", received).hasSize(1);
        assertThat(day.get(0).getAttribute("data-accepted")).isEqualTo(accepted);
        assertThat(day.get(0).getAttribute("data-rejected")).isEqualTo(rejected);
        chromium.saveWindow("dashboard");
    }

    /** The admin signs in through the console's form; a wrong password first is refused in Chinese. */
    @Test
    void theBatchPagesPollStopsAndSaysSoWhenTheSessionHasExpired() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(clock);
        String id = BatchIds.next(now);
        // a source of its own, so the other test's dashboard does not count it
        batches.insertReceived(new NewBatch(id, "meat-e2e-session", "f.csv", "f.csv", "archive/x/" + id + "/f.csv", 0, "9".repeat(64),
                Transport.SFTP, now));
        batches.startAttempt(id);   // CONVERTING: the page polls its progress
        browser.manage().deleteAllCookies();
        logIn();
        open("/console/batches/" + id);
        assertThat(browser.findElement(By.id("progress")).getAttribute("data-finished")).isEqualTo("false");

        // the session ends while the page stays open
        browser.manage().deleteAllCookies();

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(text("progress-note")).startsWith("会话已过期，请重新登录"));
        assertThat(browser.findElement(By.id("progress-reload")).getAttribute("href")).endsWith("/console/batches/" + id);
    }

    private void logIn() {
        open("/console");
        assertThat(browser.getCurrentUrl()).as("the console sends strangers to its sign-in page").endsWith("/login");
        signIn(HubTestUsers.ADMIN.username(), "wrong-password");
        awaitText(By.id("login-error"), "用户名或密码错误，请重新输入。");
        signIn(HubTestUsers.ADMIN.username(), HubTestUsers.ADMIN.password());
        // the click posts the form; the dashboard arrives after the redirect, not with the click's return
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class)
                .untilAsserted(() -> assertThat(browser.getTitle()).contains("仪表板"));
        assertThat(browser.findElement(By.id("current-user")).getText()).contains("admin").contains("管理员");
    }

    private void signIn(String username, String password) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    /** Uploads the sample through the source page's form, as the admin; the batch id the page answers with. */
    private String upload() throws Exception {
        open("/console/sources/" + SOURCE);
        Path file = Files.createDirectories(browserDir.resolve("upload")).resolve(FILE_NAME);
        Files.write(file, SampleCorpus.bytes(SAMPLE));
        List<WebElement> form = browser.findElements(By.id("upload-form"));
        assertThat(form).as("the source page offers the admin its upload form").hasSize(1);
        browser.findElement(By.id("upload-file")).sendKeys(file.toString());
        form.get(0).findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class).until(() -> !browser.findElement(By.id("upload-message")).getText().startsWith("正在"));
        String message = browser.findElement(By.id("upload-message")).getText();
        uploadMessage = message;
        assertThat(browser.findElements(By.id("uploaded-batch"))).as("upload answered: %s", message).hasSize(1);
        return browser.findElement(By.id("uploaded-batch")).getText();
    }

    /** The page reloads itself once the batch is done; a read that races the reload is simply read again. */
    private List<List<String>> problemRows() {
        return await().atMost(PATIENCE).ignoreExceptionsInstanceOf(WebDriverException.class).until(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (WebElement tr : browser.findElements(By.cssSelector("#problem-table tbody tr"))) {
                rows.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
            }
            return rows;
        }, rows -> !rows.isEmpty());
    }

    private Path awaitDownload(String suffix) {
        Path downloads = browserDir.resolve("downloads");
        return await().atMost(PATIENCE).until(() -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            }
        }, f -> f != null);
    }

    private void awaitText(By by, String expected) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> expected.equals(browser.findElement(by).getText()));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** meat-wholesale-xj's spec as source meat-e2e, with or without the lookup entry for 牛肉. */
    private static String spec(boolean withBeef) throws Exception {
        String yaml;
        try (var in = new ClassPathResource("sources/meat-wholesale-xj.yaml").getInputStream()) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replace("source: meat-wholesale-xj", "source: " + SOURCE).replace("rejectThreshold: 0.5", "rejectThreshold: 0.9");
        return withBeef ? yaml : yaml.replaceAll("(?m)^\\s*牛肉: \"020101\"\\s*\\n", "");
    }
}
