package io.dtf.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.client.CoordinatorApi;
import io.dtf.grid.TestGrid;
import io.dtf.model.CommandAction;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.node.DtfNode;
import io.dtf.node.Roles;
import io.dtf.requirements.Requirement;
import io.dtf.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Real faults on a real grid, then the fault view of the console shows them. A command task fails its first
 * attempt and passes its retry (FLAKY), one always fails, and a second worker is stopped while it runs a
 * task, so the attempt is lost with its node and runs again on the first.
 * The browser test runs last: it adds a failure while the page is open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path markers;
    private static TestConsole console;
    private static CoordinatorApi coordinator;
    private static String victimId;

    @BeforeAll
    static void produceFaults() {
        console = TestConsole.start("faults-it", 22500);
        coordinator = console.node().ignite().services().serviceProxy(CoordinatorApi.SERVICE_NAME,
                CoordinatorApi.class, false);
        // The marker says "an attempt ran before": a command cannot otherwise tell its attempt's number.
        String flaky = "if [ -e \"$M\" ]; then echo passed; else touch \"$M\"; echo 'first attempt fails' >&2; exit 1; fi";
        String firstRun = await(submit("faults-first", List.of(
                command("flaky", flaky, markers.resolve("flaky"), 1, List.of(), List.of()),
                command("broken", "echo 'always fails' >&2; exit 3", markers.resolve("unused"), 1, List.of(),
                        List.of()))));
        assertNotNull(firstRun);

        DtfNode victim = console.worker("faults-it-victim", 1, Set.of("victim"));
        victimId = victim.nodeId();
        // Runs on the victim while it lives; once it is gone, only the fallback (any node) remains.
        String lostRun = submit("faults-lost", List.of(command("lost",
                "if [ -e \"$M\" ]; then echo 'ran again'; else touch \"$M\"; sleep 60; fi", markers.resolve("lost"), 0,
                List.of(Requirement.parse("tag victim")), List.of(Requirement.parse("memory >= 1MiB")))));
        // Stopped once its command runs there (it has left its marker), not while the attempt is on its way.
        TestGrid.await("the task's command to run on the victim", RUN_TIMEOUT, () -> {
            TaskView task = tasks(lostRun).get(0);
            return task.state() == TaskState.RUNNING && victimId.equals(task.nodeId())
                    && Files.exists(markers.resolve("lost"));
        });
        victim.close();
        await(lostRun);
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void retriesAreCountedByCategoryAndTheLostAttemptIsAFailover() throws Exception {
        JsonNode view = awaitFaults("?runs=5");
        JsonNode history = view.get("history");
        JsonNode tests = category(history, "TEST_FAILURE");
        assertEquals(3, tests.get("attempts").asInt(), history.toPrettyString());
        assertEquals(2, tests.get("retried").asInt(), "flaky's and broken's first attempts ran again");
        assertEquals(1, tests.get("ended").asInt(), "broken's second attempt ended it");
        assertEquals(1, history.get("failoverCount").asInt(), history.toPrettyString());
        JsonNode lost = history.get("failovers").get(0);
        assertEquals("lost", lost.get("taskId").asText());
        assertEquals(victimId, lost.get("nodeId").asText());
        // A worker that stops (rather than dies) kills its attempts: they report CANCELLED and run again.
        assertEquals("INFRASTRUCTURE", lost.get("category").asText(), lost.toPrettyString());
        assertEquals(1, category(history, "INFRASTRUCTURE").get("retried").asInt(), history.toPrettyString());
        assertEquals(console.node().nodeId(), lost.get("retriedOn").asText(), "it ran again on the other node");
        assertTrue(lost.get("decision").asText().startsWith("retry in "), lost.toPrettyString());
        assertEquals(List.of("flaky"), names(history.get("flaky"), "task"),
                "broken never passed, and lost passed after its node's failure, not its own");
    }

    @Test
    void eachWorkerHasItsFailuresAndTheQuarantineNowIsListed() throws Exception {
        JsonNode view = awaitFaults("?runs=5");
        JsonNode workers = view.get("history").get("workers");
        JsonNode victim = StreamSupport.stream(workers.spliterator(), false)
                .filter(w -> victimId.equals(w.get("nodeId").asText())).findFirst().orElseThrow();
        assertEquals(List.of(1, 1, 1, 1), List.of(victim.get("attempts").asInt(), victim.get("failures").asInt(),
                victim.get("infraFailures").asInt(), victim.get("lost").asInt()), victim.toPrettyString());
        assertEquals(1.0, victim.get("failureRate").asDouble());
        assertTrue(view.get("quarantinedNow").isArray(), view.toPrettyString());
        assertTrue(view.get("alerts").isArray(), view.toPrettyString());
    }

    @Test
    void aBadParameterIsRefusedNamingIt() {
        for (Map.Entry<String, String> bad : Map.of("?runs=0", "runs", "?runs=3&since=1h", "runs",
                "?since=yesterday", "since", "?since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z", "until",
                "?limit=100000", "limit").entrySet()) {
            HttpResponse<String> r = get("/api/faults" + bad.getKey());
            assertEquals(400, r.statusCode(), bad.getKey() + " " + r.body());
            assertEquals(bad.getValue(), Json.read(r.body(), JsonNode.class).get("field").asText(), r.body());
        }
    }

    @Test
    void withoutAnAggregatorTheAnswerSaysSo() throws Exception {
        try (TestGrid bare = new TestGrid("faults-it-bare", 22510, 22560)) {
            DtfNode node = bare.start("faults-it-bare", Set.of(Roles.COORDINATOR, Roles.DATA, Roles.WORKER,
                    Roles.CONSOLE), Set.of(), Map.of(), 1, options -> options.withConsolePort(0));
            ConsoleServer server = node.extensions().stream().filter(ConsoleServer.class::isInstance)
                    .map(ConsoleServer.class::cast).findFirst().orElseThrow();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/faults")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("no aggregator is up"), r.body());
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void thePageShowsRetriesByCategoryFailoversAndFlakyTasks() throws Exception {
        awaitFaults("?runs=5");
        try (Browser browser = Browser.open(1280, 2000)) {
            browser.go(console.uri("/faults?runs=5"));
            browser.awaitElement("tr[data-category=TEST_FAILURE]");
            browser.awaitElement("#faults-chart svg");
            WebElement lost = browser.awaitElement("tr[data-failover=lost]");
            assertEquals(victimId, lost.getAttribute("data-node-id"));
            assertEquals("/workers/" + victimId, lost.findElement(By.cssSelector("a[data-worker-link]"))
                    .getAttribute("pathname"));
            assertFalse(browser.driver().findElements(By.cssSelector("tr[data-flaky=flaky]")).isEmpty());
            assertEquals("2", text(browser.driver(), "tr[data-category=TEST_FAILURE] td[data-count=retried]"));
            browser.screenshot("faults");
            // Another failure, while the page is open: once stored, it shows up without a reload (at the latest
            // on the page's 15 s refresh; a task event on /ws brings it sooner).
            await(submit("faults-later", List.of(command("later", "exit 1", markers.resolve("unused"), 0, List.of(),
                    List.of()))));
            awaitFaults("?runs=5", 7);
            browser.await(d -> "2".equals(text(d, "tr[data-category=TEST_FAILURE] td[data-count=ended]")));
        }
        try (Browser dark = Browser.open(1280, 1000)) {
            dark.go(console.uri("/faults?runs=5"));
            dark.awaitElement("#faults-chart svg");
            new Select(dark.driver().findElement(By.id("dtf-theme"))).selectByValue("dark");
            dark.await(d -> "dark".equals(d.findElement(By.tagName("html")).getAttribute("data-theme"))
                    && !d.findElements(By.cssSelector("#faults-chart svg")).isEmpty());
            dark.screenshot("faults-dark");
        }
        try (Browser phone = Browser.open(390, 844)) {
            phone.go(console.uri("/faults?runs=5"));
            phone.awaitElement("tr[data-failover=lost]");
            phone.screenshot("faults-phone");
        }
    }

    /** The text of the first element {@code css} matches, read in one step: the page re-renders as it refreshes. */
    private static String text(WebDriver driver, String css) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    private static List<String> names(JsonNode rows, String kind) {
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> kind.equals(r.get("kind").asText()))
                .map(r -> r.get("name").asText()).toList();
    }

    private static JsonNode category(JsonNode history, String name) {
        return StreamSupport.stream(history.get("categories").spliterator(), false)
                .filter(c -> name.equals(c.get("category").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + history.toPrettyString()));
    }

    /** /api/faults once DuckDB holds the six attempts made above (the aggregator replicates them in batches). */
    private static JsonNode awaitFaults(String query) throws Exception {
        return awaitFaults(query, 6);
    }

    /** /api/faults once DuckDB holds at least {@code attempts} attempts. */
    private static JsonNode awaitFaults(String query, int attempts) throws Exception {
        JsonNode[] last = new JsonNode[1];
        TestGrid.await("the faults to reach the aggregator", RUN_TIMEOUT, () -> {
            HttpResponse<String> r = get("/api/faults" + query);
            if (r.statusCode() != 200) {
                return false;
            }
            last[0] = Json.read(r.body(), JsonNode.class);
            return last[0].get("history").get("attempts").asInt() >= attempts;
        });
        return last[0];
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(console.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TaskSpec command(String id, String script, Path marker, int retries, List<Requirement> needs,
                                    List<Requirement> fallback) {
        return new TaskSpec(id, id, Map.of(), new CommandAction(List.of("sh", "-c", script),
                Map.of("M", marker.toString()), null), needs, 0, Duration.ofSeconds(90), retries, 1, null, fallback);
    }

    private static String submit(String suite, List<TaskSpec> tasks) {
        SubmitReply reply = Json.read(coordinator.submit(Json.write(new Suite(suite, tasks))), SubmitReply.class);
        assertNotNull(reply.runId(), reply.errors().toString());
        return reply.runId();
    }

    private static List<TaskView> tasks(String runId) {
        return Json.read(coordinator.tasks(runId), new TypeReference<List<TaskView>>() { });
    }

    private static String await(String runId) {
        TestGrid.await("run " + runId + " to end", RUN_TIMEOUT,
                () -> Json.read(coordinator.run(runId), RunView.class).endedAt() != null);
        return runId;
    }
}
