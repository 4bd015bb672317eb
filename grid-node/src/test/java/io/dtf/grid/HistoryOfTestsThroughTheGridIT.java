package io.dtf.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dtf.cli.Launcher;
import io.dtf.cli.Launcher.Outcome;
import io.dtf.client.AggregatorClient;
import io.dtf.client.ClientOptions;
import io.dtf.model.FaultQuery;
import io.dtf.model.FaultReport;
import io.dtf.model.Metric;
import io.dtf.model.ResultMatrix;
import io.dtf.model.RunComparison;
import io.dtf.model.SeriesDetail;
import io.dtf.model.SeriesPage;
import io.dtf.model.SeriesQuery;
import io.dtf.model.SeriesSummary;
import io.dtf.model.SeriesVerdict;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestDuration;
import io.dtf.model.TestHistory;
import io.dtf.model.TestQuery;
import io.dtf.model.TestStatus;
import io.dtf.node.DtfNode;
import io.dtf.results.ResultOrigin;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-test history and a run's benchmark verdicts read from a running grid's aggregator: {@code dtf tests
 * --grid} and {@link AggregatorClient} answer what the file answers once the node has stopped, results
 * read back through the grid carry their test cases, and the client reads benchmark series, comparisons and
 * faults as the console does. Ports 21200-21299.
 */
class HistoryOfTestsThroughTheGridIT {
    private static final String GRID = "127.0.0.1:21280";

    @Test
    void testsDurationsResultsAndVerdictsThroughTheGridMatchTheFile() throws Exception {
        Launcher dtf = Launcher.in("grids/test-history");
        Path data = Files.createDirectories(dtf.work().resolve("dtf-data"));
        try (DuckDbResultStore store = DuckDbResultStore.open(data.resolve(DtfNode.DUCKDB_FILE))) {
            store.ingest(ResultOrigin.grid("an-earlier-grid"), history());
        }

        Outcome flaky;
        Outcome durations;
        try (NodeProcess node = NodeProcess.start(data, "--port", "21200", "--comm-port", "21220",
                "--client-port", "21280", "--join", "127.0.0.1:21200")) {
            flaky = dtf.run("tests", "unit", "--grid", GRID, "--flaky", "--json");
            assertEquals(0, flaky.exitCode(), flaky.err());
            JsonNode rows = Json.mapper().readTree(flaky.out());
            assertEquals(1, rows.size(), flaky.out());
            assertEquals("flaky", rows.get(0).get("method").asText());
            durations = dtf.run("tests", "unit", "--grid", GRID, "--durations");
            assertEquals(0, durations.exitCode(), durations.err());
            assertTrue(durations.out().contains("com.example.ParserTest  x86"), durations.out());

            Outcome results = dtf.run("results", "r1", "--grid", GRID, "--format", "json");
            assertEquals(0, results.exitCode(), results.err());
            JsonNode first = Json.mapper().readTree(results.out()).get(0);
            assertEquals("com.example.ParserTest", first.get("tests").get(0).get("className").asText(), results.out());

            try (AggregatorClient client = AggregatorClient.connect(ClientOptions.of(GRID))) {
                assertEquals(List.of(new TestDuration("com.example.ParserTest", "x86", 1_510.0, 10)),
                        client.testDurations("unit"));
                List<TestHistory> failing = client.tests("unit", TestQuery.of(TestQuery.View.FAILING));
                assertEquals(List.of(), failing);
                List<TestHistory> slowest = client.tests("unit", new TestQuery(TestQuery.View.SLOWEST, 1, 10));
                assertEquals("slow", slowest.get(0).method());
                List<SeriesVerdict> verdicts = client.verdicts("r12");
                assertEquals(1, verdicts.size(), verdicts.toString());
                assertTrue(verdicts.get(0).regressed(), verdicts.toString());
                assertEquals("com.example.MyBench.parse", verdicts.get(0).metric());
                assertEquals(List.of(), client.verdicts("no-such-run"));

                SeriesPage page = client.series(SeriesQuery.all());
                assertEquals(1, page.total(), page.toString());
                SeriesSummary bench = page.series().get(0);
                assertEquals("REGRESSION", bench.verdict(), bench.toString());
                SeriesDetail detail = client.seriesDetail(bench.key()).orElseThrow();
                assertEquals(12, detail.points().size(), detail.toString());
                assertTrue(client.seriesDetail(bench.key() + "-none").isEmpty());
                RunComparison compared = client.compareRuns("r11", "r12");
                assertEquals(1, compared.rows().size(), compared.toString());
                assertTrue(compared.rows().get(0).changePercent() < -15, compared.toString());
                ResultMatrix matrix = client.matrix(SeriesQuery.all());
                assertEquals(800.0, matrix.rows().get(0).cells().get("x86").value(), 1e-9, matrix.toString());
                assertEquals("com.example.MyBench.parse", client.bestConfigurations(SeriesQuery.all()).get(0).metric());
                FaultReport faults = client.faults(FaultQuery.latestRuns(12));
                assertEquals(1, faults.failedAttempts(), faults.toString());
            }
            node.stop();
        }

        Outcome offline = dtf.run("tests", "unit", "--flaky", "--json");
        assertEquals(0, offline.exitCode(), offline.err());
        assertEquals(Json.mapper().readTree(offline.out()), Json.mapper().readTree(flaky.out()));
        assertEquals(dtf.run("tests", "unit", "--durations").out(), durations.out());
    }

    /**
     * Twelve runs of suite "unit" on x86 (ParserTest#slow 1.5 s, ParserTest#flaky failing once in run 12
     * then passing), each with a benchmark whose throughput falls in run 12.
     */
    private static List<TaskResult> history() {
        List<TaskResult> results = new ArrayList<>();
        long seq = 0;
        for (int run = 1; run <= 12; run++) {
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * run);
            boolean last = run == 12;
            if (last) {
                results.add(junit(++seq, run, at, 1, false, TaskState.FAILED, test("flaky", TestStatus.FAILED, 10)));
            }
            results.add(junit(++seq, run, at.plusSeconds(1), last ? 2 : 1, true, TaskState.PASSED,
                    test("slow", TestStatus.PASSED, 1_500), test("flaky", TestStatus.PASSED, 10)));
            double level = last ? 800 : 1000;
            results.add(new TaskResult(++seq, "r" + run, "unit", "bench", "bench", Map.of(), 1, true,
                    TaskState.PASSED, at.plusSeconds(2), at.plusSeconds(3), "n1", "x86", 0,
                    List.of(new Metric("com.example.MyBench.parse", "ops/s",
                            List.of(level * 0.99, level * 0.995, level, level * 1.005, level * 1.01))),
                    "", "", null, null, null));
        }
        return results;
    }

    private static TaskResult junit(long seq, int run, Instant at, int attempt, boolean isFinal, TaskState status,
                                    TestCase... tests) {
        return new TaskResult(seq, "r" + run, "unit", "tests", "tests", Map.of(), attempt, isFinal, status, at,
                at.plusSeconds(1), "n1", "x86", status == TaskState.PASSED ? 0 : 1, List.of(), "", "",
                status == TaskState.PASSED ? null : "a test failed", null, null, null, List.of(tests));
    }

    private static TestCase test(String method, TestStatus status, long millis) {
        boolean failed = status == TestStatus.FAILED;
        return new TestCase("com.example.ParserTest", method, method + "()",
                "[engine:junit-jupiter]/[class:com.example.ParserTest]/[method:" + method + "()]", status, millis,
                failed ? "org.opentest4j.AssertionFailedError" : null, failed ? "expected: <1> but was: <2>" : null,
                failed ? "at com.example.ParserTest.flaky(ParserTest.java:9)" : null, "", "");
    }
}
