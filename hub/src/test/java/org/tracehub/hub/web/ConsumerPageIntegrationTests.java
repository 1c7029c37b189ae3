package org.tracehub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tracehub.hub.HeadlessChromium;
import org.tracehub.hub.HubTestUsers;

/**
 * The consumer page and the label sheet as a phone and a printer see them: rendered by headless
 * Chromium from the running hub, checked through the DOM, saved as screenshots under
 * {@code target/screenshots/}, and QR codes read back from the rendered pixels with ZXing and zbarimg.
 */
@Tag("e2e")
class ConsumerPageIntegrationTests extends PublicWebTestSupport {

    @TempDir
    static Path profile;

    @TempDir
    Path work;

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.phone(profile);
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aSaleShowsItsJourneyFromTheFarmToTheShelfOnAPhone() throws Exception {
        chromium.phone();
        open("/t/" + PublicChains.SALE);

        assertThat(text(".summary .title")).isEqualTo("猪后腿肉");
        assertThat(text(".summary .origin")).isEqualTo("安徽省滁州市来安县");
        List<WebElement> entries = entries();
        assertThat(entries).extracting(e -> e.getAttribute("data-trace-code"), e -> in(e, ".step"), e -> in(e, ".time"),
                e -> in(e, ".operator-name")).containsExactly(
                tuple(PublicChains.PIG_LOT, "养殖/种植", "2026-11-25 16:00", "来安县绿源生猪养殖专业合作社"),
                tuple(PublicChains.SLAUGHTER_LOT, "屠宰", "2026-11-26 22:00", "上海五丰上食食品有限公司"),
                tuple(PublicChains.WHOLESALE_LOT, "批发", "2026-11-27 03:15", "上海西郊国际农产品交易有限公司"),
                tuple(PublicChains.RETAIL_LOT, "零售进货", "2026-11-27 07:40", "上海联华超市有限公司"),
                tuple(PublicChains.SALE, "零售", "2026-11-27 18:05", "上海联华超市有限公司"));
        WebElement slaughter = entries.get(1);
        assertThat(slaughter.findElements(By.cssSelector(".certificate"))).extracting(WebElement::getText)
                .containsExactly("动物检疫合格证明 3100123456", "肉品品质检验合格证 310012611260088");
        assertThat(slaughter.findElements(By.cssSelector(".test"))).extracting(WebElement::getText)
                .containsExactly("宰前抽检（阳性头数）：合格（0）");
        assertThat(in(entries.get(2), ".counterparty")).isEqualTo("售往 上海联华超市有限公司");
        assertThat(in(entries.get(0), ".quantity")).isEqualTo("12 头");
        assertThat(entries.get(4).getAttribute("class")).contains("self");
        assertThat(chromium.driver().findElements(By.cssSelector(".gap-warning"))).isEmpty();
        assertThat(chromium.driver().findElements(By.cssSelector(".alert"))).as("every test passed").isEmpty();

        String page = chromium.driver().getPageSource();
        assertThat(page).doesNotContain(PublicChains.OWNER, PublicChains.INSPECTOR, PublicChains.SHOPPER, PublicChains.SHOPPER_PHONE);
        long scrollWidth = (Long) ((JavascriptExecutor) chromium.driver()).executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth).as("nothing wider than the phone").isLessThanOrEqualTo(HeadlessChromium.PHONE_WIDTH);
        assertThat(Files.size(chromium.saveFullPage("consumer-page-pork-sale"))).isPositive();
    }

    @Test
    void aLotWhoseSlaughterLotWasNeverReportedCarriesAGapWarning() throws Exception {
        chromium.phone();
        open("/t/" + PublicChains.GAP_WHOLESALE_LOT);

        WebElement warning = chromium.driver().findElement(By.cssSelector(".gap-warning"));
        assertThat(warning.isDisplayed()).isTrue();
        assertThat(warning.findElement(By.tagName("h2")).getText()).isEqualTo("追溯链不完整");
        assertThat(warning.findElements(By.cssSelector(".gap"))).extracting(WebElement::getText)
                .containsExactly(PublicChains.MISSING_SLAUGHTER_LOT);
        assertThat(entries()).extracting(e -> e.getAttribute("data-trace-code")).containsExactly(PublicChains.GAP_WHOLESALE_LOT);
        chromium.saveFullPage("consumer-page-gap");
    }

    @Test
    void aLotWhoseSlaughterSamplingFoundPositivePigsSaysSoInRedAboveItsJourney() throws Exception {
        chromium.phone();
        open("/t/" + PublicChains.POSITIVE_WHOLESALE_LOT);

        WebElement alert = chromium.driver().findElement(By.cssSelector(".alert"));
        assertThat(alert.isDisplayed()).isTrue();
        assertThat(alert.getAttribute("data-alert")).isEqualTo("TEST_FAILED");
        assertThat(in(alert, ".alert-title")).isEqualTo("检测不合格");
        assertThat(alert.findElements(By.cssSelector(".alert-details li"))).extracting(WebElement::getText)
                .containsExactly("屠宰 · 宰前抽检（阳性头数）：不合格（2）");
        assertThat(alert.getCssValue("background-color")).isEqualTo("rgba(179, 38, 30, 1)");
        // above the heading and the first step, where a shopper who stops reading at the heading still sees it
        Rectangle banner = alert.getRect();
        int bannerBottom = banner.getY() + banner.getHeight();
        assertThat(bannerBottom).isLessThanOrEqualTo(chromium.driver().findElement(By.cssSelector(".summary")).getRect().getY());
        assertThat(bannerBottom).isLessThan(entries().get(0).getRect().getY());
        assertThat(banner.getY()).as("on the first screen").isLessThan(HeadlessChromium.PHONE_HEIGHT);
        chromium.saveFullPage("consumer-page-positive-sampling");
    }

    @Test
    void anElevatorShowsItsServiceRecordNewestFirst() throws Exception {
        chromium.phone();
        open("/t/" + PublicChains.ELEVATOR);

        assertThat(text(".summary .kicker")).isEqualTo("设备档案");
        assertThat(text(".summary .title")).isEqualTo("电梯 " + PublicChains.ELEVATOR);
        assertThat(text(".summary .next-inspection")).isEqualTo("2027-06-15");
        assertThat(entries()).extracting(e -> in(e, ".step"), e -> in(e, ".time"), e -> in(e, ".relation"),
                        e -> in(e, ".details div:nth-child(4) dd"))
                .containsExactly(
                        tuple("维护保养", "2026-10-17 14:00", "本设备", "季度保养"),
                        tuple("维护保养", "2026-10-02 09:00", "本设备", "半月保养"),
                        tuple("检验", "2026-06-15 10:30", "本设备", "定期检验"));
        assertThat(chromium.driver().findElements(By.cssSelector(".entry .lot"))).isEmpty();
        chromium.saveFullPage("consumer-page-elevator");
    }

    @Test
    void aLegacyCodeWithSlashesOpensFromItsQrCodeAsAPhoneScansIt() throws Exception {
        chromium.desktop(500, 500);
        open("/qr/JC%2F2019%2F000456%2FS01.svg?size=400");
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chromium.fullPage()));
        String scanned = QrDecoders.zxing(shot);
        assertThat(scanned).isEqualTo(PUBLIC_BASE_URL + "/t/JC%2F2019%2F000456%2FS01");
        assertThat(QrDecoders.zbar(shot, work)).containsExactly(scanned);

        chromium.phone();
        open(scanned.substring(PUBLIC_BASE_URL.length()));
        assertThat(text(".summary .title")).isEqualTo("青菜");
        assertThat(entries()).extracting(e -> e.getAttribute("data-trace-code"), e -> in(e, ".step"))
                .containsExactly(tuple(PublicChains.SLASHED_LOT, "进场"), tuple(PublicChains.SLASHED_SALE, "零售"));
        chromium.saveFullPage("consumer-page-slashed-code");
    }

    @Test
    void anUnknownCodeGetsAPlainChineseNotFoundPage() throws Exception {
        chromium.phone();
        open("/t/XJM0000000000");

        assertThat(text("h1")).isEqualTo("未找到追溯信息");
        assertThat(text(".code")).isEqualTo("XJM0000000000");
        assertThat(chromium.driver().findElements(By.cssSelector(".hints li"))).hasSize(4);
        chromium.saveFullPage("consumer-page-not-found");
    }

    /**
     * A code typed in another case than the stored one may be a nightly source's lot not loaded yet, whose twin is another
     * operator's: the phone stays on the code as typed, told it is not found and asked 您要查的是不是, and opens the stored
     * code's journey only by tapping it.
     */
    @Test
    void aCodeTypedInAnotherCaseStaysNotFoundAndOpensTheStoredCodeOnlyWhenItsSuggestionIsTapped() throws Exception {
        chromium.phone();
        open("/t/xjm2611270001");

        assertThat(chromium.driver().getCurrentUrl()).endsWith("/t/xjm2611270001");
        assertThat(text("h1")).isEqualTo("未找到追溯信息");
        assertThat(chromium.driver().findElements(By.cssSelector("ol.timeline"))).isEmpty();
        assertThat(text(".did-you-mean h2")).isEqualTo("您要查的是不是：");
        List<WebElement> offered = chromium.driver().findElements(By.cssSelector(".suggestions a"));
        assertThat(offered).extracting(WebElement::getText).containsExactly(PublicChains.WHOLESALE_LOT);
        chromium.saveFullPage("consumer-page-did-you-mean");

        offered.get(0).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().endsWith("/t/" + PublicChains.WHOLESALE_LOT));
        assertThat(entries()).isNotEmpty();
    }

    @Test
    void theRenderedLabelSheetsQrCodesReadBackAsEachLotsUrl() throws Exception {
        chromium.desktop(1000, 800);
        signInAsViewer();
        open("/batches/" + BATCH_ID + "/labels");

        List<WebElement> labels = chromium.driver().findElements(By.cssSelector("figure.label"));
        assertThat(labels).hasSize(7);
        Path file = chromium.saveFullPage("label-sheet");
        BufferedImage sheet = ImageIO.read(file.toFile());
        for (WebElement label : labels) {
            String code = label.getAttribute("data-trace-code");
            String url = PUBLIC_BASE_URL + "/t/" + code;
            assertThat(in(label, ".label-code")).isEqualTo(code);
            // the QR's own box, in device pixels (ratio 2), with a little white around it
            Rectangle r = label.findElement(By.cssSelector(".qr")).getRect();
            BufferedImage qr = sheet.getSubimage(r.x * 2 - 8, r.y * 2 - 8, r.width * 2 + 16, r.height * 2 + 16);
            assertThat(QrDecoders.zxing(qr)).as(code).isEqualTo(url);
            assertThat(QrDecoders.zbar(qr, work)).as(code).containsExactly(url);
        }
        assertThat(QrDecoders.zbar(file)).as("zbarimg reads all of them from the whole sheet").containsExactlyInAnyOrderElementsOf(
                labels.stream().map(l -> PUBLIC_BASE_URL + "/t/" + l.getAttribute("data-trace-code")).toList());
    }

    @Test
    void theSvgQrCodeAsChromiumDrawsItReadsBack() throws Exception {
        chromium.desktop(500, 500);
        open("/qr/" + PublicChains.SALE + ".svg?size=400&ec=H");

        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chromium.fullPage()));
        Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("qr-svg.png"), chromium.fullPage());
        String url = PUBLIC_BASE_URL + "/t/" + PublicChains.SALE;
        assertThat(QrDecoders.zxing(shot)).isEqualTo(url);
        assertThat(QrDecoders.zbar(shot, work)).containsExactly(url);
    }

    /** Label sheets are for staff: sign in through the console's form, as a clerk at a printer would. */
    private void signInAsViewer() {
        open("/login");
        chromium.driver().findElement(By.id("username")).sendKeys(HubTestUsers.VIEWER.username());
        chromium.driver().findElement(By.id("password")).sendKeys(HubTestUsers.VIEWER.password());
        chromium.driver().findElement(By.id("login-submit")).click();
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private void open(String path) {
        chromium.driver().get(local(path));
    }

    private static List<WebElement> entries() {
        return chromium.driver().findElements(By.cssSelector("ol.timeline > li.entry"));
    }

    private static String text(String css) {
        return chromium.driver().findElement(By.cssSelector(css)).getText();
    }

    private static String in(WebElement e, String css) {
        return e.findElement(By.cssSelector(css)).getText();
    }
}
