package io.dtf.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for end-to-end tests (Debian's {@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them). Screenshots go to {@code target/screenshots/NAME.png} as evidence.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open()) {
 *     browser.go(console.uri("/workers"));
 *     browser.await(d -> d.findElements(By.cssSelector("[data-node-id]")).size() == 2);
 *     browser.screenshot("workers");
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int HEADLESS_MIN_WIDTH = 500;

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A headless Chromium at 1280×900, or at {@code width}×{@code height} (a phone: 390×844, emulated as one). */
    public static Browser open() {
        return open(1280, 900);
    }

    public static Browser open(int width, int height) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions()
                .setBinary(executable("DTF_CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-extensions", "--no-first-run",
                        "--window-size=" + width + "," + height);
        // The driver from the distribution: Selenium must not try to download one (no internet in CI).
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("DTF_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (width < HEADLESS_MIN_WIDTH) {
            // Headless Chromium keeps windows at least 500 px wide: emulate a phone's screen instead.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
        return new Browser(driver);
    }

    /**
     * Chromium and its driver must be installed: in CI ({@code CI} set) their absence fails the test; on a
     * developer's machine it skips the browser tests with a note saying what to install.
     */
    private static void requireInstalled() {
        for (String path : new String[] {executable("DTF_CHROMIUM", "/usr/bin/chromium"),
                executable("DTF_CHROMEDRIVER", "/usr/bin/chromedriver")}) {
            if (!Files.isExecutable(Path.of(path))) {
                String message = path + " is missing: install Chromium and its driver (Debian: apt-get install chromium "
                        + "chromium-driver) or name them with DTF_CHROMIUM and DTF_CHROMEDRIVER";
                if (System.getenv("CI") != null) {
                    throw new AssertionError(message);
                }
                Assumptions.abort("browser test skipped: " + message);
            }
        }
    }

    private static String executable(String env, String fallback) {
        String path = System.getenv(env);
        return path == null || path.isBlank() ? fallback : path;
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(java.net.URI uri) {
        driver.get(uri.toString());
    }

    /** Waits up to 20 s for {@code condition} to answer true or non-null, and answers it. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition::apply);
    }

    /** Waits for an element matching {@code css} and answers it. */
    public WebElement awaitElement(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Saves what the page shows now as {@code target/screenshots/NAME.png}, and answers the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
