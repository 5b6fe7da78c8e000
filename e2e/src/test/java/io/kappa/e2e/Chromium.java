package io.kappa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's chromedriver, for the browser tests: Selenium Manager is never asked
 * to download anything, and the flags keep Chromium from calling out (the machine has no internet). Its profile is a
 * folder of its own, removed after the browser quits (not a JUnit temporary folder: Chromium may still be writing
 * there as it exits).
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final WebDriver driver;

    private Chromium(Path profile, WebDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** @param test the test's name, for the message when Chromium is not installed */
    static Chromium start(String test, int width, int height) throws IOException {
        for (Path p : List.of(BINARY, DRIVER)) {
            assertThat(Files.isExecutable(p)).as(p + " is missing: " + test + " drives Debian's headless Chromium. "
                    + "Install it with: apt-get install chromium chromium-driver").isTrue();
        }
        Path profile = Files.createTempDirectory("kappa-chromium-");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        return new Chromium(profile, new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as a PNG (e.g. into docs/). */
    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("screenshot: " + png);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                System.out.println("left " + profile + ": " + e.getMessage());
            }
        }
    }
}
