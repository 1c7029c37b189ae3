package org.tracehub.hub.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through Debian's {@code chromedriver} (both installed by .ci/run),
 * headless, with a fresh profile. Both paths are given explicitly, so Selenium Manager never tries
 * to download a browser or a driver. Screens are set through the DevTools protocol: a phone
 * (390 × 844 CSS pixels, device pixel ratio 2, mobile viewport) or a desktop.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private final ChromeDriver driver;
    private int width;

    HeadlessChromium(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("install Debian's chromium and chromium-driver packages (.ci/run does)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        phone();
    }

    ChromeDriver driver() {
        return driver;
    }

    void phone() {
        screen(PHONE_WIDTH, PHONE_HEIGHT, true);
    }

    void desktop(int width, int height) {
        screen(width, height, false);
    }

    private void screen(int width, int height, boolean mobile) {
        this.width = width;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", mobile));
    }

    /** The whole page, not only the viewport, at device pixels (twice the CSS size). */
    byte[] fullPage() {
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height.intValue(), "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** Saves the page as a build artifact under target/screenshots/ and returns the file. */
    Path saveFullPage(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        return Files.write(dir.resolve(name + ".png"), fullPage());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
