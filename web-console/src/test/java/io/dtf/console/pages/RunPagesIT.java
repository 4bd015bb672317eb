package io.dtf.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.console.Browser;
import io.dtf.console.Http;
import io.dtf.console.TestConsole;
import io.dtf.grid.TestGrid;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The runs pages in a real browser against a real grid: progress moves without reload, attempts show, submitting lands on the run. */
class RunPagesIT {
    private static TestConsole console;
    private static Http http;

    @BeforeAll
    static void start() {
        console = TestConsole.start("run-pages-it", 22310);
        http = new Http(console);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static String submit(String yaml) {
        Http.Answer a = http.post("/api/runs", "application/yaml", yaml);
        assertEquals(201, a.status(), a.body());
        return a.json().path("runId").asText();
    }

    /** The run page's count of ended tasks, read in one script call: the summary is redrawn as it changes. */
    private static int done(Browser browser) {
        Object done = browser.await(d -> ((JavascriptExecutor) d).executeScript(
                "const s = document.getElementById('run-summary'); return s ? s.dataset.done : null;"));
        return Integer.parseInt(done.toString());
    }

    @Test
    void aRunningSuitesProgressMovesWithoutReload() {
        String runId = submit("""
                suite: progress
                tasks:
                  - name: nap
                    type: command
                    command: [sh, -c, "sleep 2"]
                    params: {n: [1, 2, 3, 4, 5, 6, 7, 8]}
                """);
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/runs/" + runId));
            int first = done(browser);
            assertTrue(first < 8, "the run ended before the page showed it: " + first);
            ((JavascriptExecutor) browser.driver()).executeScript("window.dtfSamePage = true;");
            browser.screenshot("run-progress-start");
            browser.await(d -> done(browser) > first);
            browser.screenshot("run-progress-moved");
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser.driver()).executeScript("return window.dtfSamePage;"),
                    "the page reloaded");
            browser.await(d -> ((JavascriptExecutor) d).executeScript(
                    "return document.getElementById('run-summary').dataset.ended === 'true' || null;"));
            assertEquals(8, done(browser));
            // The bar is drawn, not just labelled: its PASSED segment spans the whole bar (the page's CSP refuses
            // style attributes, so widths must go through the CSS object model).
            Object share = ((JavascriptExecutor) browser.driver()).executeScript(
                    "const s = document.querySelector('#run-summary .bar .s-PASSED');"
                            + "return s ? s.getBoundingClientRect().width / s.parentElement.getBoundingClientRect().width : 0;");
            assertTrue(((Number) share).doubleValue() > 0.95, "the PASSED segment spans " + share + " of the bar");
            browser.screenshot("run-ended");
        }
    }

    @Test
    void aFailedTasksAttemptsAndRetriesShow() {
        String runId = submit("""
                suite: failing
                tasks:
                  - name: fails
                    type: command
                    command: [sh, -c, "echo 'expected 4 but was 5' >&2; exit 1"]
                    retries: 2
                """);
        TestGrid.await("the run to end", Duration.ofSeconds(60),
                () -> !http.get("/api/runs/" + runId).json().path("run").path("endedAt").isNull());
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/runs/" + runId + "/tasks/fails"));
            browser.await(d -> d.findElements(By.cssSelector("[data-attempt]")).size() == 3);
            browser.screenshot("task-attempts");
            WebElement first = browser.driver().findElement(By.cssSelector("[data-attempt='1']"));
            assertTrue(first.getText().contains("TEST_FAILURE"), first.getText());
            assertTrue(first.getText().toLowerCase().contains("retry"), first.getText());
            assertTrue(first.findElement(By.cssSelector("pre.stderr")).getText().contains("expected 4 but was 5"));

            browser.go(console.uri("/runs/" + runId + "?state=FAILED"));
            browser.awaitElement("[data-task-id='fails']");
            browser.screenshot("run-failed-filter");
        }
    }

    @Test
    void theSubmitPageSubmitsAndLandsOnTheRun() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/submit"));
            WebElement text = browser.awaitElement("#suite-text");
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "arguments[0].value = 'suite: x\\ntasks:\\n  - name: a\\n    type: command\\n    command: [true]\\n"
                            + "    timeout: 10 parsecs\\n';", text);
            browser.driver().findElement(By.id("submit-suite")).click();
            WebElement error = browser.awaitElement("#submit-errors li[data-field='tasks[0].timeout']");
            assertTrue(error.getText().contains("parsecs"), error.getText());
            browser.screenshot("submit-errors");

            browser.go(console.uri("/submit"));
            browser.awaitElement("#suite-text");
            browser.screenshot("submit-form");
            browser.driver().findElement(By.id("submit-suite")).click();
            browser.await(d -> d.getCurrentUrl().contains("/runs/console-example-"));
            browser.awaitElement("#run-summary");
            browser.screenshot("submit-landed");

            browser.go(console.uri("/runs"));
            browser.awaitElement("#runs-table [data-run-id]");
            browser.screenshot("runs-list");
        }
    }

    @Test
    void swaggerUiRendersTheApi() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/swagger"));
            browser.await(d -> d.findElements(By.cssSelector(".swagger-ui .opblock")).size() >= 6);
            assertTrue(browser.driver().getPageSource().contains("/api/runs/{id}/tasks"));
            browser.screenshot("swagger");
        }
    }

    @Test
    void theRunPageFitsAPhone() {
        String runId = submit("""
                suite: phone
                tasks:
                  - name: quick
                    type: command
                    command: [sh, -c, "echo hi"]
                    params: {n: [1, 2, 3]}
                """);
        try (Browser browser = Browser.open(390, 844)) {
            browser.go(console.uri("/runs/" + runId));
            browser.awaitElement("#tasks-table [data-task-id]");
            Object overflow = ((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth > window.innerWidth;");
            browser.screenshot("run-phone");
            assertEquals(Boolean.FALSE, overflow, "the page scrolls sideways on a phone");
        }
    }
}
