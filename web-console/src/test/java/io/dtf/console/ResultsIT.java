package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.client.CoordinatorApi;
import io.dtf.grid.TestGrid;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.node.DtfNode;
import io.dtf.node.Roles;
import io.dtf.wire.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.WebElement;

/**
 * Results and trends end to end on a real grid: a command task that prints five latency samples is run
 * twelve times, 100 ms for six runs and 130 ms after; each run's results reach the aggregator's DuckDB
 * file through the grid, and the console reads the history from the aggregator: the series, its change
 * point at run 7, the comparison of runs 6 and 7, the analysis, the matrix, and the page's chart.
 */
class ResultsIT {
    private static final int RUNS = 12;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestConsole console;
    private static final List<String> runIds = new ArrayList<>();

    @BeforeAll
    static void runTheSuiteTwelveTimes() throws Exception {
        console = TestConsole.start("results-it", 22400);
        CoordinatorApi coordinator = console.node().coordinator(Duration.ofSeconds(30));
        for (int run = 1; run <= RUNS; run++) {
            runIds.add(runAndStore(coordinator, run));
        }
    }

    /** Submits one run, waits for it to end and for its results to be in the aggregator's file. */
    private static String runAndStore(CoordinatorApi coordinator, int run) throws InterruptedException {
        double level = run <= 6 ? 100 : 130;
        StringBuilder script = new StringBuilder();
        double[] noise = {-0.4, 0.2, 0.0, 0.5, -0.1};
        for (double n : noise) {
            script.append("echo 'DTF_METRIC latency=").append(level + n + 0.1 * (run % 3)).append(" ms'; ");
        }
        TaskSpec task = new TaskSpec("trend-latency", "trend-latency", Map.of(),
                new CommandAction(List.of("sh", "-c", script.toString()), Map.of(), null), List.of(), 0,
                Duration.ofMinutes(1), 0, 1);
        SubmitReply reply = Json.read(coordinator.submit(Json.write(new Suite("trend", List.of(task)))), SubmitReply.class);
        assertTrue(reply.accepted(), reply.toString());
        String runId = reply.runId();
        TestGrid.await("run " + run + " to end", Duration.ofSeconds(60), () -> {
            String view = coordinator.run(runId);
            return view != null && Json.read(view, RunView.class).isDone();
        });
        List<TaskResult> results = Json.read(coordinator.results(runId, 0, 100), new TypeReference<List<TaskResult>>() { });
        assertTrue(results.stream().allMatch(r -> r.status().name().equals("PASSED")), results.toString());
        long last = results.stream().mapToLong(TaskResult::seq).max().orElseThrow();
        assertTrue(console.node().replicator().orElseThrow().awaitIngested(last, Duration.ofSeconds(30)),
                "run " + run + "'s results reach DuckDB");
        return runId;
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(console.uri(path));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.reportMapper().readTree(r.body());
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return json(r);
    }

    private static void refused(String path, int status, String field) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        JsonNode error = json(r);
        assertEquals(status, error.path("status").asInt(), r.body());
        assertTrue(error.path("message").asText().length() > 10, r.body());
        if (field != null) {
            assertEquals(field, error.path("field").asText(), r.body());
        }
    }

    private static String trendKey() throws Exception {
        JsonNode page = ok("/api/series?search=trend-latency");
        assertEquals(1, page.path("total").asInt(), page.toString());
        return page.path("series").get(0).path("key").asText();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void theSeriesIsListedWithItsTwelvePointsAndLatestLevel() throws Exception {
        JsonNode series = ok("/api/series?search=TREND&limit=10").path("series").get(0);
        assertEquals("trend-latency", series.path("benchmark").asText());
        assertEquals("latency", series.path("metric").asText());
        assertEquals("ms", series.path("unit").asText());
        assertEquals("LOWER_IS_BETTER", series.path("direction").asText());
        assertEquals(RUNS, series.path("points").asInt());
        assertEquals(runIds.get(RUNS - 1), series.path("latestRun").asText());
        assertEquals(130, series.path("latestValue").asDouble(), 1.0);
        assertTrue(series.path("hardware").asText().length() > 0, series.toString());
        String hardware = series.path("hardware").asText();
        assertEquals(1, ok("/api/series?hardware=" + q(hardware)).path("total").asInt());
        assertEquals(0, ok("/api/series?hardware=no-such-class").path("total").asInt());
    }

    @Test
    void theSeriesInFullHasItsChangePointAtRunSeven() throws Exception {
        JsonNode detail = ok("/api/series/" + trendKey());
        JsonNode points = detail.path("points");
        assertEquals(RUNS, points.size());
        for (int i = 0; i < RUNS; i++) {
            assertEquals(runIds.get(i), points.get(i).path("run").asText(), "points in run order");
            assertEquals(5, points.get(i).path("samples").asInt());
        }
        JsonNode changes = detail.path("changePoints");
        assertEquals(1, changes.size(), detail.toString());
        int at = changes.get(0).path("index").asInt();
        assertTrue(Math.abs(at - 6) <= 1, "the change point is near run 7: " + changes);
        assertTrue(changes.get(0).path("changePercent").asDouble() > 20, changes.toString());
        assertTrue(detail.path("points").get(0).path("at").asText().endsWith("Z"), "times are ISO-8601 UTC");
    }

    @Test
    void keysAreCheckedAndUnknownOnesAreNotFound() throws Exception {
        refused("/api/series/" + "0".repeat(20), 404, null);
        refused("/api/series/not-a-key", 400, "key");
        refused("/api/series/" + "a".repeat(300), 400, "key");
        refused("/api/series/%3Cscript%3E", 400, "key");
    }

    @Test
    void hostileQueryParametersAreRefusedNamingTheField() throws Exception {
        refused("/api/series?limit=0", 400, "limit");
        refused("/api/series?limit=100000", 400, "limit");
        refused("/api/series?offset=-1", 400, "offset");
        refused("/api/series?verdict=WORSE", 400, "verdict");
        refused("/api/series?attention=maybe", 400, "attention");
        refused("/api/series?search=" + "x".repeat(201), 400, "search");
        refused("/api/analysis?format=pdf", 400, "format");
        refused("/api/compare?base=" + q(runIds.get(0)), 400, "head");
        refused("/api/compare?base=a&head=a", 400, "head");
        refused("/api/compare?base=" + q("x\u0001y") + "&head=b", 400, "base");
        refused("/api/compare?base=no-such-run&head=" + q(runIds.get(0)), 404, "base");
        refused("/api/analysis?run=no-such-run", 404, "run");
    }

    @Test
    void runSevenAgainstRunSixIsARegression() throws Exception {
        JsonNode c = ok("/api/compare?base=" + q(runIds.get(5)) + "&head=" + q(runIds.get(6)));
        assertEquals(1, c.path("rows").size(), c.toString());
        JsonNode row = c.path("rows").get(0);
        assertEquals("REGRESSION", row.path("verdict").asText(), row.toString());
        assertTrue(row.path("changePercent").asDouble() > 25, row.toString());
        assertEquals(1, c.path("verdicts").path("REGRESSION").asInt());
        JsonNode same = ok("/api/compare?base=" + q(runIds.get(0)) + "&head=" + q(runIds.get(1))).path("rows").get(0);
        assertTrue(!same.path("verdict").asText().equals("REGRESSION"), same.toString());
    }

    @Test
    void theAnalysisIsTheDtfAnalyzeReport() throws Exception {
        JsonNode report = ok("/api/analysis");
        JsonNode series = report.path("series").get(0);
        assertEquals("trend-latency", series.path("benchmark").asText());
        assertEquals(runIds.get(6), series.path("changePoints").get(0).path("run").asText(), report.toString());
        assertTrue(report.has("dimensions") && report.has("flakyTests"));
        HttpResponse<String> md = get("/api/analysis?format=md&run=" + q(runIds.get(RUNS - 1)));
        assertEquals(200, md.statusCode());
        assertTrue(md.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertTrue(md.body().contains("trend-latency"), md.body());
        assertEquals("1", md.headers().firstValue("X-Dtf-Series").orElse(""));
    }

    @Test
    void theMatrixAndTheBestConfigurationCoverTheBenchmark() throws Exception {
        JsonNode matrix = ok("/api/matrix");
        assertEquals(1, matrix.path("hardwareClasses").size(), matrix.toString());
        String hardware = matrix.path("hardwareClasses").get(0).asText();
        JsonNode row = matrix.path("rows").get(0);
        assertEquals("trend-latency", row.path("benchmark").asText());
        JsonNode cell = row.path("cells").path(hardware);
        assertEquals(1, cell.path("series").asInt());
        assertEquals(130, cell.path("value").asDouble(), 1.0);
        assertEquals(trendKey(), cell.path("key").asText());
        JsonNode best = ok("/api/best");
        assertEquals(1, best.size());
        assertEquals(1, best.get(0).path("series").asInt());
        assertTrue(best.get(0).path("best").isNull(), "one configuration has no best one");
    }

    @Test
    void theTrendChartMarksTheChangePointInLightAndDark() throws Exception {
        String key = trendKey();
        try (Browser browser = Browser.open()) {
            browser.go(console.uri("/results/series/" + key));
            WebElement chart = browser.awaitElement("#trend-chart[data-rendered='true']");
            assertEquals(runIds.get(6), chart.getAttribute("data-change-points"));
            assertEquals("1", chart.getAttribute("data-change-point-count"));
            WebElement table = browser.driver().findElement(By.id("trend-table"));
            List<WebElement> marked = table.findElements(By.cssSelector("tr[data-change-point]"));
            assertEquals(1, marked.size());
            assertTrue(marked.get(0).getText().contains(runIds.get(6)), marked.get(0).getText());
            browser.await(d -> d.findElements(By.cssSelector("#series-list [data-series-key]")).size() == 1);
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "localStorage.setItem('dtf.theme','light'); document.getElementById('dtf-theme').value='light';"
                            + "document.getElementById('dtf-theme').dispatchEvent(new Event('change'));");
            browser.awaitElement("#trend-chart[data-rendered='true'][data-theme='light']");
            browser.screenshot("results-series-light");
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "document.getElementById('dtf-theme').value='dark';"
                            + "document.getElementById('dtf-theme').dispatchEvent(new Event('change'));");
            browser.awaitElement("#trend-chart[data-rendered='true'][data-theme='dark']");
            assertEquals(runIds.get(6), browser.driver().findElement(By.id("trend-chart")).getAttribute("data-change-points"),
                    "the chart is drawn again with its marks");
            browser.screenshot("results-series-dark");
            ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('series-title').scrollIntoView()");
            browser.screenshot("results-lists-dark");
            ((JavascriptExecutor) browser.driver()).executeScript("localStorage.removeItem('dtf.theme')");
        }
    }

    @Test
    void thePageComparesRunsAndShowsTheMatrixOnAPhone() {
        try (Browser browser = Browser.open(390, 844)) {
            browser.go(console.uri("/results?base=" + q(runIds.get(5)) + "&head=" + q(runIds.get(6))));
            WebElement row = browser.awaitElement("#compare-table tr[data-verdict]");
            assertEquals("REGRESSION", row.getAttribute("data-verdict"));
            browser.awaitElement("#matrix-table td[data-series-key]");
            browser.awaitElement("#best-table tbody tr");
            browser.screenshot("results-phone");
            ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('matrix').scrollIntoView()");
            browser.screenshot("results-phone-matrix");
            browser.go(console.uri("/results?limit=1&offset=1"));
            WebElement previous = browser.awaitElement("#series-more a[rel=prev]");
            assertTrue(previous.getAttribute("href").endsWith("/results?limit=1"), previous.getAttribute("href"));
        }
    }

    @Test
    void withoutAnAggregatorHistoryIsUnavailableAndSaysSo() throws Exception {
        try (TestGrid bare = new TestGrid("results-it-bare", 22410, 22460)) {
            DtfNode node = bare.start("results-it-bare", Set.of(Roles.COORDINATOR, Roles.DATA, Roles.CONSOLE), Set.of(),
                    Map.of(), 1, options -> options.withConsolePort(0));
            ConsoleServer server = node.extensions().stream().filter(ConsoleServer.class::isInstance)
                    .map(ConsoleServer.class::cast).findFirst().orElseThrow();
            for (String path : List.of("/api/series", "/api/series/" + "0".repeat(20), "/api/analysis",
                    "/api/compare?base=a&head=b", "/api/matrix", "/api/best")) {
                HttpResponse<String> r = get(URI.create(server.url() + path));
                assertEquals(503, r.statusCode(), path + ": " + r.body());
                assertTrue(json(r).path("message").asText().contains("no aggregator"), r.body());
            }
        }
    }
}
