package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every command of the {@code dtf} launcher and the README's examples, run as a person would. */
class CliIT {
    private static final Path HOME = Launcher.home();
    private static Launcher dtf;
    private static Path work;

    @BeforeAll
    static void cleanWorkDir() throws IOException {
        dtf = Launcher.in("cli-it");
        work = dtf.work();
    }

    @Test
    void hwPrintsTheAttributesAsATableAndAsJson() throws Exception {
        Outcome table = dtf.run("hw", "--tags", "chrome");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("dtf.hw.class") && table.out().contains("chrome"), table.out());

        Outcome json = dtf.run("hw", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode attributes = Json.mapper().readTree(json.out());
        assertTrue(attributes.get("dtf.cpu.cores").asInt() >= 1);
        assertEquals("linux", attributes.get("dtf.os.family").asText());
    }

    @Test
    void theQuickstartRunsOnTheEmbeddedNodeAndItsResultsAreInDuckDb() throws Exception {
        Path data = work.resolve("quickstart");
        Outcome run = dtf.run("run", HOME.resolve("examples/quickstart.yaml").toString(), "--data-dir",
                data.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("PASSED: all 8 tasks passed"), run.out());
        assertTrue(run.out().contains("By hardware class"), run.out());
        assertTrue(!run.out().contains("Ignite"), "Ignite's start-up chatter stays in the log file:\n" + run.out());
        assertTrue(Files.readString(data.resolve("logs/dtf.log")).contains("Node started"));
        String runId = runId(run.out());

        Outcome json = dtf.run("results", runId, "--db", data.resolve("dtf.duckdb").toString(), "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(8, Json.mapper().readTree(json.out()).size());
        assertWarmedUp(Json.mapper().readTree(json.out()), "sha256[size=64KiB]");

        Outcome csv = dtf.run("results", runId, "--db", data.resolve("dtf.duckdb").toString(), "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertTrue(csv.out().startsWith("seq,run,task,attempt"), csv.out());
        assertTrue(csv.out().contains("matmul[n=256]") && csv.out().contains("GFLOP/s"), csv.out());

        Outcome analysis = dtf.run("analyze", "--db", data.resolve("dtf.duckdb").toString(), "--format", "json");
        assertEquals(0, analysis.exitCode(), analysis.err());
        assertTrue(analysis.out().contains("\"matmul\"") && analysis.out().contains("throughput"), analysis.out());
    }

    @Test
    void anInvalidSuiteIsRefusedWithExitCode3AndNothingRuns() throws Exception {
        Path suite = work.resolve("invalid.yaml");
        Files.writeString(suite, """
                suite: broken
                tasks:
                  - name: a
                    type: command
                    command: [true]
                    timeout: 10 parsecs
                  - name: b
                    type: benchmark
                    benchmark: no-such-benchmark
                """);
        Outcome run = dtf.run("run", suite.toString(), "--data-dir", work.resolve("invalid").toString());
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("'timeout'") && run.err().contains("no-such-benchmark"), run.err());
        assertTrue(!Files.exists(work.resolve("invalid/dtf.duckdb")), "no node was started");
    }

    @Test
    void aFailingTaskMakesTheRunExitWith1() throws Exception {
        Path suite = work.resolve("failing.yaml");
        Files.writeString(suite, """
                suite: failing
                tasks:
                  - name: fails
                    type: command
                    command: [sh, -c, "echo broken >&2; exit 7"]
                  - name: passes
                    type: command
                    command: [sh, -c, "exit 0"]
                  - name: flaky
                    type: command
                    retries: 1
                    command: [sh, -c, "if [ -f MARK ]; then exit 0; fi; touch MARK; exit 3"]
                  - name: forks-and-hangs
                    type: command
                    timeout: 2s
                    command: [sh, -c, "sleep 301 & sleep 301 & wait"]
                  - name: floods-stdout
                    type: command
                    command: [sh, -c, "yes flooding-the-worker | head -c 50000000; echo DTF_METRIC survived=1"]
                  - name: exits-at-once
                    type: command
                    command: ["true"]
                """.replace("MARK", work.resolve("flaky.mark").toString()));
        Outcome run = dtf.run("run", suite.toString(), "--data-dir", work.resolve("failing").toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("FAILED  fails") && run.out().contains("broken"), run.out());
        assertTrue(run.out().contains("retry   flaky attempt 1 FAILED") && run.out().contains("FLAKY   flaky"),
                run.out());
        assertTrue(run.out().contains("FAILED: 2 of 6 tasks did not pass"), run.out());
        // Hostile tasks cost the worker nothing: the hang was killed with its children, the flood bounded.
        assertTrue(run.out().contains("TIMED_OUT forks-and-hangs"), run.out());
        assertTrue(run.out().contains("PASSED  floods-stdout") && run.out().contains("PASSED  exits-at-once"),
                run.out());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("sleep 301")),
                "no child of the hung task survived");

        Outcome history = dtf.run("results", runId(run.out()), "--task", "flaky", "--db",
                work.resolve("failing").resolve("dtf.duckdb").toString());
        assertEquals(0, history.exitCode(), history.err());
        assertTrue(history.out().contains("TEST_FAILURE") && history.out().contains("retry (test failure, 1 of 1)")
                && history.out().contains("FLAKY"), history.out());
    }

    @Test
    void submitStatusAndResultsWorkAgainstARunningGridAndSoDoesTheJavaClientExample() throws Exception {
        Path log = work.resolve("grid-node.log");
        Process node = dtf.start(log, "node", "--port", "27640", "--comm-port", "27660", "--client-port", "10880",
                "--join", "127.0.0.1:27640..27649", "--data-dir", work.resolve("grid").toString(), "--allow-commands");
        try {
            Launcher.awaitStarted(node, log, Duration.ofSeconds(60), out -> out.contains(" up: "));
            String grid = "127.0.0.1:10880";
            Outcome submit = dtf.run("submit", HOME.resolve("examples/quickstart.yaml").toString(), "--grid", grid);
            assertEquals(0, submit.exitCode(), submit.err());
            String runId = submit.out().strip();

            Outcome example = dtf.exec(List.of("java", "@" + HOME.resolve("config/jvm.args"), "-cp",
                    HOME.resolve("grid-node/target/grid-node.jar") + ":" + HOME.resolve("grid-node/target/lib/*"),
                    HOME.resolve("examples/java-client/SubmitAndWait.java").toString(), grid,
                    HOME.resolve("examples/quickstart.yaml").toString()));
            assertEquals(0, example.exitCode(), example.out() + example.err());
            assertTrue(example.out().contains("all 8 tasks passed"), example.out());

            Outcome list = dtf.run("status", "--grid", grid);
            assertEquals(0, list.exitCode(), list.err());
            assertTrue(list.out().contains(runId), list.out());

            Outcome tasks = dtf.run("status", runId, "--grid", grid);
            assertEquals(0, tasks.exitCode(), tasks.err());
            assertTrue(tasks.out().contains("sha256[size=64KiB]"), tasks.out());

            Outcome results = dtf.run("results", runId, "--grid", grid, "--format", "table");
            assertEquals(0, results.exitCode(), results.err());
            assertTrue(results.out().contains("memory-bandwidth"), results.out());

            Outcome workers = dtf.run("worker", "list", "--grid", grid);
            assertEquals(0, workers.exitCode(), workers.err());
            String nodeId = workers.out().lines().skip(1).findFirst().orElseThrow().strip().split("\\s+")[0];
            Outcome release = dtf.run("worker", "release", nodeId.substring(0, 8), "--grid", grid);
            assertEquals(0, release.exitCode(), release.err());
            assertTrue(release.out().contains(nodeId + " was not quarantined"), release.out());
            Outcome noSuchWorker = dtf.run("worker", "release", "zzzz", "--grid", grid);
            assertEquals(2, noSuchWorker.exitCode());
            assertTrue(noSuchWorker.err().contains("no live worker's id starts with 'zzzz'"), noSuchWorker.err());

            Outcome unknown = dtf.run("status", "no-such-run", "--grid", grid);
            assertEquals(2, unknown.exitCode());
            assertTrue(unknown.err().contains("no run 'no-such-run'"), unknown.err());
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnreachableGridIsExitCode4WithAHint() throws Exception {
        Outcome status = dtf.run("status", "--grid", "127.0.0.1:10899");
        assertEquals(4, status.exitCode(), status.out() + status.err());
        assertTrue(status.err().startsWith("dtf: "), status.err());
    }

    private static String runId(String out) {
        Matcher m = Pattern.compile("(?m)^run (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    /** The benchmark warmed up for the default least time and measured the default ten iterations. */
    private static void assertWarmedUp(JsonNode results, String taskId) {
        JsonNode result = null;
        for (JsonNode r : results) {
            if (taskId.equals(r.get("taskId").asText())) {
                result = r;
            }
        }
        assertTrue(result != null, "no result for " + taskId + " in " + results);
        java.util.Map<String, JsonNode> metrics = new java.util.HashMap<>();
        result.get("metrics").forEach(m -> metrics.put(m.get("name").asText(), m.get("samples")));
        assertEquals(10, metrics.get("throughput").size(), metrics::toString);
        assertTrue(metrics.get("warmup_iterations").get(0).asDouble() >= 10, metrics::toString);
        assertTrue(metrics.get("warmup_time").get(0).asDouble() >= 1000, metrics::toString);
        assertTrue(metrics.containsKey("steady"), metrics::toString);
    }
}
