package org.tracehub.hub;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through Debian's {@code chromedriver} (both installed by .ci/run),
 * headless, with a fresh profile. Both paths are given explicitly, so Selenium Manager never tries
 * to download a browser or a driver. Two set-ups: a consumer's {@link #phone} (390 × 844 CSS pixels,
 * device pixel ratio 2, mobile viewport, set through the DevTools protocol; {@link #desktop(int, int)}
 * switches it to a desktop screen) and an admin's {@link #console} (a 1400 × 1000 window in Chinese that
 * saves downloads into a given folder).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final int PHONE_WIDTH = 390;
    public static final int PHONE_HEIGHT = 844;

    private final ChromeDriver driver;
    private int width;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A phone's screen, for the consumer's page. */
    public static HeadlessChromium phone(Path profile) {
        HeadlessChromium chromium = new HeadlessChromium(start(profile, List.of("--disable-extensions", "--hide-scrollbars",
                "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT), Map.of()));
        chromium.phone();
        return chromium;
    }

    /** A desktop window in Chinese whose downloads land in {@code downloads}, for the admin console. */
    public static HeadlessChromium console(Path profile, Path downloads) {
        HeadlessChromium chromium = new HeadlessChromium(start(profile, List.of("--window-size=1400,1000", "--lang=zh-CN"),
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false)));
        chromium.width = 1400;
        return chromium;
    }

    private static ChromeDriver start(Path profile, List<String> arguments, Map<String, Object> preferences) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("install Debian's chromium and chromium-driver packages (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> all = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        all.addAll(arguments);
        options.addArguments(all);
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void phone() {
        screen(PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    public void desktop(int width, int height) {
        screen(width, height, false);
    }

    private void screen(int width, int height, boolean mobile) {
        this.width = width;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", mobile));
    }

    /** The whole page, not only the viewport, at device pixels (twice the CSS size). */
    public byte[] fullPage() {
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height.intValue(), "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** Saves the whole page as a build artifact under target/screenshots/ and returns the file. */
    public Path saveFullPage(String name) throws IOException {
        return save(name, fullPage());
    }

    /** Saves what the window shows under target/screenshots/ and returns the file. */
    public Path saveWindow(String name) throws IOException {
        return save(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static Path save(String name, byte[] png) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        return Files.write(dir.resolve(name + ".png"), png);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
