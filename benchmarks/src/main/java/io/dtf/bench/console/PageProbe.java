package io.dtf.bench.console;

import java.nio.file.Path;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium on the console's overview page with a live table added by script: a row per
 * task, its state cell rewritten by every task event ({@code Dtf.live}), and a requestAnimationFrame
 * heartbeat that records the longest gap between two frames (a page that froze shows it here).
 */
final class PageProbe implements AutoCloseable {
    private static final String SCRIPT = """
            const rows = new Map();
            const table = Dtf.el('table', {id: 'bench'});
            document.getElementById('main').append(table);
            window.benchEvents = 0;
            window.benchGap = 0;
            let last = performance.now();
            function beat(t) {
              window.benchGap = Math.max(window.benchGap, t - last);
              last = t;
              requestAnimationFrame(beat);
            }
            requestAnimationFrame(beat);
            if (arguments[0]) Dtf.live(batch => {
              for (const e of batch.events || []) {
                if (e.type !== 'task') continue;
                window.benchEvents++;
                let row = rows.get(e.taskId);
                if (!row) {
                  row = Dtf.el('tr', {}, Dtf.el('td', {}, e.taskId), Dtf.el('td', {}, ''));
                  rows.set(e.taskId, row);
                  table.append(row);
                }
                row.lastChild.textContent = e.state;
                row.lastChild.className = 'state-' + e.state;
              }
            });
            """;

    private final ChromeDriver driver;

    private PageProbe(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A page that renders the live events ({@code render}), or only beats: the control, on the same machine at the same time. */
    static PageProbe open(String console, boolean render) {
        ChromeOptions options = new ChromeOptions().setBinary(env("DTF_CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-extensions", "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(env("DTF_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.get(console + "/");
        driver.executeScript(SCRIPT, render);
        return new PageProbe(driver);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    void startMeasuring() {
        ((JavascriptExecutor) driver).executeScript("window.benchGap = 0;");
    }

    double longestGap() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.benchGap;")).doubleValue();
    }

    long events() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.benchEvents;")).longValue();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
