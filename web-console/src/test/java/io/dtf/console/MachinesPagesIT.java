package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.SubmitReply;
import io.dtf.node.DtfNode;
import io.dtf.node.Roles;
import io.dtf.suite.SuiteLoader;
import io.dtf.wire.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The machines pages in a real Chromium against a real grid: the core node (every role), a GPU-class
 * worker running a long task, and a suite in progress. Screenshots land in target/screenshots.
 */
class MachinesPagesIT {
    private static TestConsole console;
    private static DtfNode gpu;

    @BeforeAll
    static void start() {
        console = TestConsole.start("machines-pages-it", 22210);
        gpu = console.grid().start("machines-pages-gpu", Set.of(Roles.WORKER), Set.of("webgpu"),
                Map.of("dtf.hw.class", "gpu-lab"), 3, options -> options.withConsolePort(-1));
        String suite = """
                suite: nightly-perf
                tasks:
                  - name: render
                    type: command
                    command: [sh, -c, "sleep 60"]
                    requires: [tag webgpu]
                  - name: step
                    type: command
                    command: [sh, -c, "sleep 3"]
                    params: {i: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}
                """;
        SubmitReply reply = Json.read(console.node().coordinator(Duration.ofSeconds(20))
                .submit(Json.write(SuiteLoader.parse(suite, "test suite"))), SubmitReply.class);
        assertTrue(reply.errors().isEmpty(), reply.errors().toString());
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static Object js(WebDriver d, String script) {
        return ((JavascriptExecutor) d).executeScript(script);
    }

    @Test
    void aWorkerThatJoinsAppearsWithoutAReloadAndGoesWhenItLeaves() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/workers"));
            browser.awaitElement("#workers-body tr[data-node-id='" + gpu.nodeId() + "']");
            js(browser.driver(), "window.dtfSamePage = true");
            // Its host name is markup: the page must show it as text, never run it.
            DtfNode late = console.grid().start("machines-pages-late", Set.of(Roles.WORKER), Set.of("late"),
                    Map.of("dtf.hostname", "<img src=x onerror=window.dtfPwned=1>late"), 1,
                    options -> options.withConsolePort(-1));
            WebElement row = browser.awaitElement("#workers-body tr[data-node-id='" + late.nodeId() + "']");
            assertEquals(Boolean.TRUE, js(browser.driver(), "return window.dtfSamePage === true"), "the page was reloaded");
            assertTrue(row.getText().contains("<img src=x onerror=window.dtfPwned=1>late"), row.getText());
            browser.await(d -> d.findElements(By.cssSelector("#workers-body tr[data-state=ready]")).size() == 3);
            browser.screenshot("workers");
            assertEquals(Boolean.FALSE, js(browser.driver(), "return 'dtfPwned' in window"));

            String lateId = late.nodeId();
            late.close();
            browser.await(d -> d.findElements(By.cssSelector("#workers-body tr[data-node-id='" + lateId + "']")).isEmpty());
            assertEquals(Boolean.TRUE, js(browser.driver(), "return window.dtfSamePage === true"), "the page was reloaded");
        }
    }

    @Test
    void theTopologyPageDrawsEveryNode() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/topology"));
            WebElement chart = browser.awaitElement("#topology-chart[data-drawn-nodes]");
            int nodes = console.node().ignite().cluster().nodes().size();
            browser.await(d -> String.valueOf(nodes).equals(chart.getAttribute("data-drawn-nodes")));
            assertTrue(!chart.findElements(By.tagName("canvas")).isEmpty(), "ECharts drew on a canvas");
            Object drawn = js(browser.driver(), "return echarts.getInstanceByDom(document.getElementById('topology-chart'))"
                    + ".getOption().series[0].data.filter(d => d.node).length");
            assertEquals((long) nodes, drawn);
            List<String> listed = browser.driver().findElements(By.cssSelector("[data-topology-node]")).stream()
                    .map(e -> e.getAttribute("data-topology-node")).distinct().toList();
            assertEquals(nodes, listed.size(), listed.toString());
            assertTrue(browser.driver().findElement(By.cssSelector("[data-group='workers:gpu-lab'] a")).getAttribute("href")
                    .endsWith("/workers/" + gpu.nodeId()));
            browser.screenshot("topology");
        }
    }

    @Test
    void aWorkersPageShowsWhatRunsOnItAndItsHardware() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/workers/" + gpu.nodeId()));
            browser.await(d -> d.findElements(By.cssSelector("#running-table [data-task-id=render]")).size() == 1);
            WebElement attributes = browser.awaitElement("#attributes-table");
            assertTrue(attributes.getText().contains("dtf.hw.class") && attributes.getText().contains("gpu-lab"),
                    attributes.getText());
            browser.screenshot("worker");

            browser.go(console.uri("/workers/not-a-node"));
            WebElement missing = browser.awaitElement("#worker-missing");
            assertTrue(missing.getText().contains("a UUID"), missing.getText());
        }
    }

    @Test
    void theThemeSwitchTurnsThePageDark() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/"));
            browser.awaitElement("#runs-table tr[data-run-id]");
            new Select(browser.driver().findElement(By.id("dtf-theme"))).selectByValue("light");
            browser.await(d -> brightness(d) > 600);
            browser.screenshot("overview-light");

            new Select(browser.driver().findElement(By.id("dtf-theme"))).selectByValue("dark");
            browser.await(d -> brightness(d) < 150);
            browser.screenshot("overview-dark");
            browser.go(console.uri("/topology"));
            browser.awaitElement("#topology-chart[data-drawn-nodes]");
            assertTrue(brightness(browser.driver()) < 150, "the choice holds on the next page");
            browser.screenshot("topology-dark");
        }
    }

    /** The sum of the page background's red, green and blue. */
    private static int brightness(WebDriver d) {
        String rgb = (String) js(d, "return getComputedStyle(document.body).backgroundColor");
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        return Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]) + Integer.parseInt(parts[2]);
    }

    @Test
    void theOverviewAndWorkersFitAPhone() {
        try (Browser browser = Browser.open(390, 844)) {
            browser.go(console.uri("/"));
            assertEquals(390L, js(browser.driver(), "return window.innerWidth"));
            browser.awaitElement("#overview [data-card=slots]");
            browser.awaitElement("#runs-table");
            assertFitsWidth(browser.driver());
            browser.screenshot("overview-phone");

            browser.go(console.uri("/workers"));
            browser.awaitElement("#workers-body tr[data-node-id]");
            assertFitsWidth(browser.driver());
            browser.screenshot("workers-phone");
        }
    }

    private static void assertFitsWidth(WebDriver d) {
        long page = (Long) js(d, "return document.documentElement.scrollWidth");
        long window = (Long) js(d, "return document.documentElement.clientWidth");
        assertTrue(page <= window, "the page scrolls sideways: " + page + " > " + window);
    }

    @Test
    void theKeyboardReachesTheNavigationAndTheWorkerLinks() {
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/workers"));
            browser.awaitElement("#workers-body a");
            List<String> reached = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
                reached.add((String) js(browser.driver(), "const a = document.activeElement;"
                        + " return (a.closest('header nav') ? 'nav ' : a.closest('#workers-body') ? 'table ' : '')"
                        + " + a.tagName + ' ' + (a.getAttribute('href') || a.id)"));
            }
            assertTrue(reached.stream().anyMatch(s -> s.startsWith("nav A /topology")), reached.toString());
            assertTrue(reached.stream().anyMatch(s -> s.startsWith("table A /workers/" + gpu.nodeId())), reached.toString());
            assertTrue(reached.contains("SELECT hw-class"), reached.toString());
        }
    }
}
