package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.cli.Launcher;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code dtf results} and {@code dtf analyze} while a {@code dtf node} holds the DuckDB file: through the
 * grid they answer what the file answers once the node has stopped; without {@code --grid} they say who
 * holds the file and what to add. Ports 29600-29799.
 */
class ReadingALiveGridIT {
    private static final String GRID = "127.0.0.1:29700";

    @Test
    void resultsAndAnalysisThroughTheGridMatchTheFileReadOnceTheNodeHasStopped() throws Exception {
        Launcher dtf = Launcher.in("grids/reading-live");
        Path root = dtf.work();
        Path data = Files.createDirectories(root.resolve("dtf-data"));
        // History with a regression in its latest run, imported before the node takes the file.
        Outcome imported = dtf.run("import", history(root).toString(), "--db", data.resolve("dtf.duckdb").toString());
        assertEquals(0, imported.exitCode(), imported.err());
        Path suite = Files.writeString(root.resolve("suite.yaml"), """
                suite: live
                tasks:
                  - name: measure
                    type: command
                    command: [sh, -c, "echo DTF_METRIC frames=${n} fps"]
                    params: {n: [1, 2]}
                  - name: flaky
                    type: command
                    retries: 1
                    command: [sh, -c, "if [ -f MARK ]; then exit 0; fi; touch MARK; exit 3"]
                """.replace("MARK", root.resolve("flaky.mark").toString()));

        String runId;
        Outcome results;
        Outcome flakyTable;
        Outcome analysis;
        Outcome markdown;
        try (NodeProcess node = NodeProcess.start(data, "--port", "29600", "--comm-port", "29620",
                "--client-port", "29700", "--join", "127.0.0.1:29600", "--allow-commands")) {
            Outcome run = dtf.run("run", suite.toString(), "--grid", GRID);
            assertEquals(0, run.exitCode(), run.out() + run.err());
            runId = runId(run.out());

            // Four attempts (flaky failed once); the aggregator may still be storing the last ones.
            results = awaitResults(dtf, GRID, runId, 4);
            flakyTable = dtf.run("results", runId, "--task", "flaky", "--grid", GRID);
            assertEquals(0, flakyTable.exitCode(), flakyTable.err());
            assertTrue(flakyTable.out().contains("TEST_FAILURE") && flakyTable.out().contains("FLAKY"), flakyTable.out());
            // A run the grid's caches never held (imported): the aggregator's file has it.
            Outcome imported14 = dtf.run("results", "r14", "--grid", GRID, "--format", "csv");
            assertEquals(0, imported14.exitCode(), imported14.err());
            assertEquals(2, imported14.out().lines().count(), "a header and the one result:\n" + imported14.out());
            assertTrue(imported14.out().contains(",throughput,MB/s,") && imported14.out().contains("70.0;70.5;71.0"),
                    imported14.out());
            analysis = dtf.run("analyze", "--grid", GRID, "--fail-on-regression");
            assertEquals(1, analysis.exitCode(), "the imported history regressed:\n" + analysis.out() + analysis.err());
            markdown = dtf.run("analyze", "--grid", GRID, "--run", "r14", "--format", "md");
            assertEquals(0, markdown.exitCode(), markdown.err());

            // Without --grid the file is the node's: the answer says so and what to add.
            String holder = "dtf-data/dtf.duckdb is held open by a running DTF node (process ";
            Outcome locked = dtf.run("results", runId);
            assertEquals(2, locked.exitCode(), locked.out() + locked.err());
            assertTrue(locked.err().contains(holder) && locked.err().contains("add --grid " + GRID), locked.err());
            assertTrue(!locked.err().contains("Conflicting lock"), "not DuckDB's raw words: " + locked.err());
            Outcome lockedAnalysis = dtf.run("analyze", "--fail-on-regression");
            assertEquals(2, lockedAnalysis.exitCode(), lockedAnalysis.out() + lockedAnalysis.err());
            assertTrue(lockedAnalysis.err().contains(holder) && lockedAnalysis.err().contains("add --grid " + GRID),
                    lockedAnalysis.err());

            node.stop();
        }

        // The node has closed its file: reading it directly answers the same.
        Outcome offlineResults = dtf.run("results", runId, "--format", "json");
        assertEquals(0, offlineResults.exitCode(), offlineResults.err());
        assertEquals(Json.mapper().readTree(offlineResults.out()), Json.mapper().readTree(results.out()));
        Outcome offlineTable = dtf.run("results", runId, "--task", "flaky");
        assertEquals(offlineTable.out(), flakyTable.out());
        Outcome offlineAnalysis = dtf.run("analyze", "--fail-on-regression");
        assertEquals(1, offlineAnalysis.exitCode(), offlineAnalysis.err());
        assertEquals(Json.mapper().readTree(offlineAnalysis.out()), Json.mapper().readTree(analysis.out()));
        Outcome offlineMarkdown = dtf.run("analyze", "--run", "r14", "--format", "md");
        assertEquals(offlineMarkdown.out(), markdown.out());
    }

    @Test
    void withoutAnAggregatorTheGridSaysSoAndWithTwoEitherAnswers() throws Exception {
        Launcher dtf = Launcher.in("grids/reading-aggregators");
        Path root = dtf.work();
        String join = "127.0.0.1:29601..29603";
        String core = "127.0.0.1:29701";
        Map<String, String> small = Map.of("DTF_JAVA_OPTS", "-Xmx256m");
        try (NodeProcess node = NodeProcess.start(root.resolve("core"), small, "--roles", "coordinator,data,worker",
                "--port", "29601", "--comm-port", "29621", "--client-port", "29701", "--join", join, "--allow-commands")) {
            Outcome results = dtf.run("results", "any-run", "--grid", core);
            assertEquals(4, results.exitCode(), results.out() + results.err());
            assertTrue(results.err().contains("has no aggregator node"), results.err());
            Outcome analysis = dtf.run("analyze", "--grid", core);
            assertEquals(4, analysis.exitCode(), analysis.out() + analysis.err());
            assertTrue(analysis.err().contains("has no aggregator node"), analysis.err());

            // Two aggregators, each with its own file; the core node (no file) passes the question on.
            try (NodeProcess first = NodeProcess.start(root.resolve("first"), small, "--roles", "aggregator",
                    "--port", "29602", "--comm-port", "29622", "--join", join);
                 NodeProcess second = NodeProcess.start(root.resolve("second"), small, "--roles", "aggregator",
                         "--port", "29603", "--comm-port", "29623", "--join", join)) {
                Path suite = Files.writeString(root.resolve("suite.yaml"), """
                        suite: two
                        tasks:
                          - name: measure
                            type: command
                            command: [sh, -c, "echo DTF_METRIC frames=${n} fps"]
                            params: {n: [1, 2, 3]}
                        """);
                Outcome run = dtf.run("run", suite.toString(), "--grid", core);
                assertEquals(0, run.exitCode(), run.out() + run.err());
                String runId = runId(run.out());
                Outcome both = awaitResults(dtf, core, runId, 3);
                first.stop();
                Outcome secondOnly = awaitResults(dtf, core, runId, 3);
                assertEquals(Json.mapper().readTree(both.out()), Json.mapper().readTree(secondOnly.out()));
            }
        }
    }

    /** Asks the grid until the run's results are all stored, and returns that answer (JSON). */
    private static Outcome awaitResults(Launcher dtf, String grid, String runId, int expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Outcome json = dtf.run("results", runId, "--grid", grid, "--format", "json");
            JsonNode results = json.exitCode() == 0 ? Json.mapper().readTree(json.out()) : null;
            if (results != null && results.size() == expected) {
                return json;
            }
            assertTrue(Instant.now().isBefore(deadline), "not all results stored: " + json);
        }
    }

    /** Twelve steady runs, then three 30% slower. */
    private static Path history(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("run,timestamp,benchmark,params,metric,unit,hardware,value\n");
        for (int run = 1; run <= 15; run++) {
            for (int sample = 0; sample < 10; sample++) {
                double value = (run > 12 ? 70 : 100) + (sample % 5) * 0.5;
                csv.append(String.format("r%02d,2024-05-%02dT00:00:00Z,copy,size=1M,throughput,MB/s,x86,%s%n", run,
                        run, value));
            }
        }
        return Files.writeString(dir.resolve("history.csv"), csv);
    }

    private static String runId(String out) {
        Matcher m = Pattern.compile("(?m)^run (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
