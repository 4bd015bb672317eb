package io.dtf.console.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.console.Http;
import io.dtf.console.TestConsole;
import io.dtf.grid.TestGrid;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runs and tasks API on a real grid: bad input refused with the field named and nothing stored; a suite runs. */
class RunsApiIT {
    private static final String GOOD = """
            suite: api-it
            tasks:
              - name: echo
                type: command
                command: [sh, -c, "echo out-$DTF_PARAM_N; echo DTF_METRIC size=3 KiB"]
                params: {n: [1, 2, 3]}
              - name: fails
                type: command
                command: [sh, -c, "echo broken >&2; exit 3"]
              - name: slashed
                type: command
                command: [sh, -c, "echo $DTF_PARAM_PATH"]
                params: {path: "a/b c#d"}
            """;
    private static TestConsole console;
    private static Http http;

    @BeforeAll
    static void start() {
        console = TestConsole.start("runs-api-it", 22300);
        http = new Http(console);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static long runCount() {
        Http.Answer a = http.get("/api/runs?limit=1");
        assertEquals(200, a.status(), a.body());
        return a.json().path("total").asLong();
    }

    /** Submits {@code body}, expects {@code status} and that no run was stored; answers the error JSON. */
    private static JsonNode refused(String contentType, String body, int status) {
        long before = runCount();
        Http.Answer a = http.post("/api/runs", contentType, body);
        assertEquals(status, a.status(), a.body());
        assertEquals(before, runCount(), "a refused suite stored a run");
        JsonNode json = a.json();
        assertEquals(status, json.path("status").asInt());
        assertFalse(json.path("message").asText().isBlank(), a.body());
        return json;
    }

    @Test
    void malformedJsonIsRefusedWithWhereItBroke() {
        JsonNode e = refused("application/json", "{\"suite\": \"x\", \"tasks\": [", 400);
        assertTrue(e.path("message").asText().contains("line 1"), e.toString());
    }

    @Test
    void malformedYamlIsRefusedWithTheLine() {
        JsonNode e = refused("application/yaml", "suite: x\ntasks:\n  - name: [unclosed\n", 400);
        assertTrue(e.path("message").asText().contains("line"), e.toString());
    }

    @Test
    void aJsonContentTypeWithYamlTextIsRefused() {
        refused("application/json", "suite: x\n", 400);
    }

    @Test
    void aWrongTypeNamesTheTaskAndField() {
        JsonNode e = refused("application/yaml", "suite: x\ntasks:\n  - name: a\n    type: command\n"
                + "    command: [true]\n    retries: many\n", 400);
        assertEquals("tasks[0].retries", e.path("field").asText(), e.toString());
    }

    @Test
    void anUnknownFieldIsRefusedAndNamed() {
        JsonNode e = refused("application/json", "{\"suite\": \"x\", \"tasks\": [{\"name\": \"a\", \"type\": \"command\","
                + " \"command\": [\"true\"], \"colour\": \"red\"}]}", 400);
        assertEquals("tasks[0].colour", e.path("field").asText(), e.toString());
    }

    @Test
    void everyProblemIsListed() {
        JsonNode e = refused("application/yaml", "suite: x\ntasks:\n  - name: a\n    type: command\n    command: [true]\n"
                + "    timeout: 10 parsecs\n  - name: b\n    type: rocket\n", 400);
        List<String> fields = new ArrayList<>();
        e.path("errors").forEach(p -> fields.add(p.path("field").asText()));
        assertTrue(fields.contains("tasks[0].timeout") && fields.contains("tasks[1].type"), fields.toString());
    }

    @Test
    void localFilesAreSentToDtfSubmit() {
        JsonNode e = refused("application/yaml", "suite: x\ntasks:\n  - name: t\n    type: junit\n"
                + "    classpath: [target/test-classes]\n", 400);
        assertTrue(e.path("message").asText().contains("dtf submit"), e.toString());
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedUnread() {
        String big = "suite: x\n# " + "y".repeat((1 << 20) + 10) + "\ntasks: []\n";
        JsonNode e = refused("application/yaml", big, 413);
        assertTrue(e.path("message").asText().contains("dtf submit"), e.toString());
    }

    @Test
    void aBodyOfNeitherTypeIsRefused() {
        JsonNode e = refused("application/xml", "<suite/>", 415);
        assertEquals("Content-Type", e.path("field").asText());
    }

    @Test
    void unknownRunsAndTasksAreNotFound() {
        for (String path : List.of("/api/runs/no-such-run", "/api/runs/no-such-run/tasks", "/api/tasks/no-such-run/t1")) {
            Http.Answer a = http.get(path);
            assertEquals(404, a.status(), path + ": " + a.body());
            assertEquals(404, a.json().path("status").asInt());
        }
        Http.Answer bad = http.get("/api/runs/" + URLEncoder.encode("a b<script>", StandardCharsets.UTF_8));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("id", bad.json().path("field").asText());
        Http.Answer longId = http.get("/api/runs/" + "r".repeat(300));
        assertEquals(400, longId.status(), longId.body());
    }

    @Test
    void badPagingIsRefusedNamingTheParameter() {
        for (String[] c : new String[][] {{"limit=0", "limit"}, {"limit=501", "limit"}, {"limit=ten", "limit"},
                {"offset=-1", "offset"}, {"offset=99999999999999", "offset"}, {"active=maybe", "active"}}) {
            Http.Answer a = http.get("/api/runs?" + c[0]);
            assertEquals(400, a.status(), c[0] + ": " + a.body());
            assertEquals(c[1], a.json().path("field").asText(), c[0]);
        }
    }

    @Test
    void theOpenApiDocumentAndSwaggerAreServed() {
        Http.Answer doc = http.get("/openapi");
        assertEquals(200, doc.status());
        JsonNode json = doc.json();
        assertEquals("DTF console API", json.path("info").path("title").asText());
        for (String path : List.of("/api/runs", "/api/runs/{id}", "/api/runs/{id}/tasks", "/api/tasks/{run}/{task}",
                "/api/runs/{id}/cancel", "/api/me")) {
            assertTrue(json.path("paths").has(path), path + " missing from the document");
        }
        Http.Answer ui = http.get("/swagger");
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("swagger-ui"), ui.body());
        assertEquals(200, http.get("/webjars/swagger-ui/5.17.14/swagger-ui-bundle.js").status());
    }

    @Test
    void aSubmittedSuiteRunsAndItsTasksPage() {
        Http.Answer me = http.get("/api/me");
        assertEquals("admin", me.json().path("role").asText(), me.body());

        long before = runCount();
        Http.Answer submitted = http.post("/api/runs", "application/yaml", GOOD);
        assertEquals(201, submitted.status(), submitted.body());
        String runId = submitted.json().path("runId").asText();
        assertEquals("/runs/" + runId, submitted.location());
        assertEquals(before + 1, runCount());

        TestGrid.await("the run to end", Duration.ofSeconds(60),
                () -> !http.get("/api/runs/" + runId).json().path("run").path("endedAt").isNull());
        JsonNode run = http.get("/api/runs/" + runId).json().path("run");
        assertEquals(5, run.path("total").asInt());
        assertEquals(4, run.path("counts").path("PASSED").asInt(), run.toString());

        JsonNode page = http.get("/api/runs/" + runId + "/tasks?limit=2").json();
        assertEquals(5, page.path("total").asInt());
        assertEquals(2, page.path("items").size());
        JsonNode failed = http.get("/api/runs/" + runId + "/tasks?state=failed,error").json();
        assertEquals(1, failed.path("total").asInt(), failed.toString());
        assertEquals("fails", failed.path("items").get(0).path("taskId").asText());
        JsonNode named = http.get("/api/runs/" + runId + "/tasks?q=" + URLEncoder.encode("n=2", StandardCharsets.UTF_8)).json();
        assertEquals(1, named.path("total").asInt(), named.toString());

        Http.Answer badState = http.get("/api/runs/" + runId + "/tasks?state=PASSED,DONE");
        assertEquals(400, badState.status());
        assertEquals("state", badState.json().path("field").asText());
        assertTrue(badState.json().path("message").asText().contains("TIMED_OUT"), badState.body());

        String echoId = named.path("items").get(0).path("taskId").asText();
        JsonNode task = http.get("/api/tasks/" + runId + "/" + URLEncoder.encode(echoId, StandardCharsets.UTF_8)
                .replace("+", "%20")).json();
        assertEquals(echoId, task.path("task").path("taskId").asText(), task.toString());
        JsonNode attempt = task.path("attempts").get(0);
        assertEquals("PASSED", attempt.path("status").asText());
        assertTrue(attempt.path("stdoutTail").asText().contains("out-2"), attempt.toString());
        assertEquals("size", attempt.path("metrics").get(0).path("name").asText());
        assertTrue(attempt.path("durationMillis").asLong() >= 0);

        JsonNode fails = http.get("/api/tasks/" + runId + "/fails").json();
        JsonNode last = fails.path("attempts").get(fails.path("attempts").size() - 1);
        assertEquals("TEST_FAILURE", last.path("category").asText(), fails.toString());
        assertTrue(last.path("stderrTail").asText().contains("broken"), last.toString());

        // A task id with '/', ' ' and '#': encoded but for '/', as the pages link it.
        String slashed = http.get("/api/runs/" + runId + "/tasks?q=slashed").json().path("items").get(0).path("taskId").asText();
        String path = URLEncoder.encode(slashed, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
        JsonNode slashedTask = http.get("/api/tasks/" + runId + "/" + path).json();
        assertEquals(slashed, slashedTask.path("task").path("taskId").asText(), slashedTask.toString());
        assertTrue(slashedTask.path("attempts").get(0).path("stdoutTail").asText().contains("a/b c#d"));

        Http.Answer cancel = http.post("/api/runs/" + runId + "/cancel", null, "");
        assertEquals(200, cancel.status(), cancel.body());
        assertEquals(5, cancel.json().path("alreadyEnded").asInt(), cancel.body());
        assertEquals(404, http.post("/api/runs/" + runId + "/cancel?task=nope", null, "").status());
    }
}
