package io.dtf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anUnsteadyResultIsMarkedAndExplainedAndTheWarmupFactsStayOutOfTheTable() {
        String summary = RunSummary.render(List.of(
                result("sha256[size=64KiB]", 1.0, 602.0),
                result("matmul[n=256]", 0.0, 1.4)));

        String matmul = line(summary, "matmul[n=256]");
        String sha = line(summary, "sha256[size=64KiB]");
        assertTrue(matmul.endsWith("throughput=1.4 GFLOP/s iteration_time=101.0 ms [unsteady]"), matmul);
        assertTrue(sha.endsWith("throughput=602.0 MB/s iteration_time=101.0 ms"), sha);
        assertFalse(summary.contains("warmup_"), summary);
        assertTrue(summary.contains("[unsteady]: the measured iterations still trended"), summary);
    }

    @Test
    void pooledRepetitionsSayHowManyWereUnsteady() {
        assertEquals("throughput=1 GFLOP/s [unsteady] (1 of 2)", Format.metrics(List.of(
                new Metric("throughput", "GFLOP/s", List.of(1.0)), new Metric("steady", "", List.of(1.0, 0.0)))));
    }

    @Test
    void aSteadyRunHasNoNote() {
        assertFalse(RunSummary.render(List.of(result("sha256", 1.0, 600.0))).contains("[unsteady]"));
    }

    private static TaskResult result(String id, double steady, double value) {
        String unit = id.startsWith("matmul") ? "GFLOP/s" : "MB/s";
        return new TaskResult(1, "run", "s", id, id.replaceAll("\\[.*", ""), Map.of(), 1, true, TaskState.PASSED,
                START, START.plusSeconds(2), "node", "hw", null, List.of(
                new Metric("throughput", unit, List.of(value)),
                new Metric("iteration_time", "ms", List.of(101.0)),
                new Metric("invocations", "", List.of(12.0)),
                new Metric("warmup_iterations", "", List.of(10.0)),
                new Metric("warmup_time", "ms", List.of(1010.0)),
                new Metric("warmup_steady", "", List.of(1.0)),
                new Metric("steady", "", List.of(steady))), "", "", null, null, null);
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow();
    }
}
