package io.dtf.bench.console;

import java.nio.file.Path;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium on the console's overview page with a live view added by script
 * ({@code Dtf.live}) and a requestAnimationFrame heartbeat that records the longest gap between two
 * frames (a page that froze shows it here).
 */
final class PageProbe implements AutoCloseable {
    private static final String SCRIPT = """
            const mode = arguments[0];
            window.benchEvents = 0;
            window.benchGap = 0;
            let last = performance.now();
            function beat(t) {
              window.benchGap = Math.max(window.benchGap, t - last);
              last = t;
              requestAnimationFrame(beat);
            }
            requestAnimationFrame(beat);
            const main = document.getElementById('main');
            if (mode === 'table') {
              // every task a row of one table, its state cell rewritten by each event
              const rows = new Map();
              const table = Dtf.el('table', {id: 'bench'});
              main.append(table);
              Dtf.live(batch => {
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
            } else if (mode === 'window') {
              // states kept as data; the page shows counts and one page of 100 rows, redrawn per batch
              const states = new Map();
              const counts = Dtf.el('p', {id: 'counts'});
              const body = Dtf.el('tbody');
              main.append(counts, Dtf.el('table', {id: 'bench'}, body));
              Dtf.live(batch => {
                for (const e of batch.events || []) {
                  if (e.type !== 'task') continue;
                  window.benchEvents++;
                  states.set(e.taskId, e.state);
                }
                const byState = {};
                for (const s of states.values()) byState[s] = (byState[s] || 0) + 1;
                counts.textContent = Object.entries(byState).map(([k, v]) => k + ' ' + v).join(', ');
                const rows = [];
                for (const [id, s] of states) {
                  if (rows.length === 100) break;
                  rows.push(Dtf.el('tr', {}, Dtf.el('td', {}, id), Dtf.el('td', {class: 'state-' + s}, s)));
                }
                body.replaceChildren(...rows);
              });
            }
            """;


    private final ChromeDriver driver;

    private PageProbe(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * A page in one of three modes: {@code table} (a row per task, 10,000 rows), {@code window} (states kept
     * as data, counts and one page of 100 rows drawn), or {@code none} (no /ws: the control, which shows
     * what the busy machine alone costs a page).
     */
    static PageProbe open(String console, String mode) {
        ChromeOptions options = new ChromeOptions().setBinary(env("DTF_CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-extensions", "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(env("DTF_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.get(console + "/");
        driver.executeScript(SCRIPT, mode);
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
