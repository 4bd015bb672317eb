package io.dtf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dtf.model.AnalysisRequest;
import io.dtf.model.Metric;
import io.dtf.model.SeriesVerdict;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.wire.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-series verdicts of one run for a jmh task's metrics: JMH's units decide which way is better. */
class SeriesVerdictsTest {
    @TempDir
    Path dir;

    /** Five samples around {@code level}, the same spread in every run. */
    private static List<Double> samples(double level) {
        List<Double> values = new ArrayList<>();
        for (int j = 0; j < 5; j++) {
            values.add(level * (1 + 0.005 * (j - 2)));
        }
        return values;
    }

    @Test
    void aRunsVerdictsFollowJmhUnitsThroughputHigherTimePerOperationLower() {
        List<TaskResult> results = new ArrayList<>();
        for (int run = 1; run <= 12; run++) {
            boolean last = run == 12;
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * run);
            results.add(new TaskResult(run, "r" + run, "bench", "jmh", "jmh", Map.of(), 1, true, TaskState.PASSED,
                    at, at.plusSeconds(60), "n1", "x86", 0, List.of(
                    new Metric("com.example.MyBench.parse[size=100]", "ops/s", samples(last ? 800 : 1000)),
                    new Metric("com.example.MyBench.format", "us/op", samples(last ? 12 : 10)),
                    new Metric("com.example.MyBench.copy", "ns/op", samples(last ? 40 : 50))),
                    "", "", null, null, null));
        }
        try (DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("jmh.duckdb"))) {
            store.ingest(TestResults.GRID, results);

            Map<String, SeriesVerdict> latest = AnalysisReports.verdicts(store, "r12").stream()
                    .collect(Collectors.toMap(SeriesVerdict::metric, v -> v));
            assertEquals("HIGHER_IS_BETTER", latest.get("com.example.MyBench.parse[size=100]").direction());
            assertEquals("REGRESSION", latest.get("com.example.MyBench.parse[size=100]").verdict(), "fewer ops/s");
            assertEquals("LOWER_IS_BETTER", latest.get("com.example.MyBench.format").direction());
            assertTrue(latest.get("com.example.MyBench.format").regressed(), "more us/op");
            assertEquals("IMPROVEMENT", latest.get("com.example.MyBench.copy").verdict(), "fewer ns/op");
            assertEquals(11, latest.get("com.example.MyBench.copy").baselineRuns());
            assertEquals(3, AnalysisReports.answer(store, new AnalysisRequest("r12", "json")).series());
            assertEquals(2, AnalysisReports.answer(store, new AnalysisRequest("r12", "json")).regressions(),
                    "the same verdicts as dtf analyze --run");

            assertTrue(AnalysisReports.verdicts(store, "r11").stream().noneMatch(SeriesVerdict::regressed),
                    "a run is judged against the runs before it, later ones left out");
            assertEquals(List.of("UNKNOWN"), AnalysisReports.verdicts(store, "r1").stream()
                    .map(SeriesVerdict::verdict).distinct().toList(), "no earlier run, no verdict");
            assertEquals(List.of(), AnalysisReports.verdicts(store, "nope"));

            List<SeriesVerdict> travelled = Json.read(Json.write(AnalysisReports.verdicts(store, "r1")),
                    new TypeReference<List<SeriesVerdict>>() { });
            assertTrue(Double.isNaN(travelled.get(0).changePercent()), "NaN survives the wire");
        }
    }
}
