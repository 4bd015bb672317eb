package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.model.TaskResult;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every run's results stay in one data directory's DuckDB file, all of them and once, whatever
 * happens between runs: the embedded grid of {@code dtf run} started again, a {@code dtf import}, a
 * {@code dtf node} stopped and started again. Each new in-memory grid numbers its results from 1, so
 * every run here reuses the seqs of the one before. Only real {@code dtf} processes; the node uses
 * ports 29000-29049.
 */
class ResultIdentityIT {
    private static final String CLIENT = "127.0.0.1:29040";
    private static final int TASKS = 3;
    private static Launcher dtf;
    private static Path work;

    @BeforeAll
    static void cleanWorkDir() throws IOException {
        dtf = Launcher.in("identity-it");
        work = dtf.work();
    }

    @Test
    void everyRunsResultsAreStoredOnceAcrossRestartsOfTheGridAndAnImport() throws Exception {
        Path data = work.resolve("dtf-data");
        Path db = data.resolve("dtf.duckdb");
        Path suite = work.resolve("three.yaml");
        Files.writeString(suite, """
                suite: three
                tasks:
                  - name: echo
                    type: command
                    params: {n: [1, 2, 3]}
                    command: [sh, -c, "echo DTF_METRIC value=${n}"]
                """);
        Path history = work.resolve("history.csv");
        Files.writeString(history, """
                run,timestamp,benchmark,params,metric,unit,hardware,value
                imported-1,2024-05-01T10:00:00Z,copy,size=1M,throughput,MB/s,x86,100
                imported-1,2024-05-01T10:00:00Z,sort,size=1M,throughput,MB/s,x86,50
                """);
        List<String> runs = new ArrayList<>();

        runs.add(storedRun(dtf.run("run", suite.toString(), "--data-dir", data.toString())));
        Outcome imported = dtf.run("import", history.toString(), "--db", db.toString());
        assertEquals(0, imported.exitCode(), imported.out() + imported.err());
        for (int restart = 0; restart < 2; restart++) {
            Process node = startNode(data, "node-" + restart + ".log");
            try {
                Outcome run = dtf.run("run", suite.toString(), "--grid", CLIENT);
                assertEquals(0, run.exitCode(), run.out() + run.err());
                runs.add(runId(run.out()));
            } finally {
                node.destroy();
                assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node stopped");
            }
        }
        // The reproduction: the embedded grid's second run, into the same file.
        runs.add(storedRun(dtf.run("run", suite.toString(), "--data-dir", data.toString())));

        for (String run : runs) {
            Outcome results = dtf.run("results", run, "--db", db.toString(), "--format", "json");
            assertEquals(0, results.exitCode(), run + ": " + results.err());
            JsonNode rows = Json.mapper().readTree(results.out());
            assertEquals(TASKS, rows.size(), run + ": " + results.out());
            Set<String> tasks = new HashSet<>();
            rows.forEach(r -> tasks.add(r.get("taskId").asText()));
            assertEquals(TASKS, tasks.size(), "each task once: " + results.out());
        }
        Outcome importedRows = dtf.run("results", "imported-1", "--db", db.toString(), "--format", "json");
        assertEquals(2, Json.mapper().readTree(importedRows.out()).size(), importedRows.out() + importedRows.err());
        try (DuckDbResultStore store = DuckDbResultStore.openReadOnly(db)) {
            assertEquals(runs.size() * TASKS + 2, store.count(), "nothing more, nothing less");
            assertEquals(List.of(), store.conflicts());
            for (String run : runs) {
                assertEquals(List.of(1L, 2L, 3L), store.results(run).stream().map(TaskResult::seq).sorted().toList(),
                        "each grid incarnation numbers from 1: " + run);
            }
        }
    }

    /** A {@code dtf run} on the embedded grid that passed and read its results back from the file. */
    private static String storedRun(Outcome run) {
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("results stored in") && run.out().contains(TASKS + " results read back"),
                run.out());
        return runId(run.out());
    }

    private static Process startNode(Path data, String logName) throws Exception {
        Path log = work.resolve(logName);
        Process node = dtf.start(log, "node", "--port", "29000", "--comm-port", "29020", "--client-port", "29040",
                "--join", "127.0.0.1:29000..29009", "--data-dir", data.toString(), "--allow-commands");
        Launcher.awaitStarted(node, log, Duration.ofSeconds(90), out -> out.contains(" up: "));
        return node;
    }

    private static String runId(String out) {
        Matcher m = Pattern.compile("(?m)^run (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
