package io.dtf.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.results.TestResults;
import io.dtf.report.Findings;
import io.dtf.report.JsonReport;
import io.dtf.report.MarkdownReport;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Series;
import io.dtf.stats.flaky.FlakyTest;
import io.dtf.stats.flaky.InfrastructureFailureCount;
import io.dtf.stats.flaky.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attempts as the coordinator records them, retries and FLAKY verdicts included, read back for analysis. */
class FlakyHistoryTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private long seq;

    /**
     * Two runs of "net" and "copy". In r1, net fails as a test and passes on its retry (FLAKY), and
     * copy's node is killed under it, so it passes on another node (a plain PASSED). In r2 both pass
     * at once.
     */
    private DuckDbResultStore database() {
        DuckDbResultStore store = DuckDbResultStore.open(dir.resolve("flaky.duckdb"));
        store.recordNode("n1", Map.of("dtf.hw.class", "x86-2c", "dtf.cpu.cores", "2"), START);
        store.recordNode("n2", Map.of("dtf.hw.class", "arm-4c", "dtf.cpu.cores", "4"), START);
        store.recordNode("n3", Map.of("dtf.hw.class", "x86-2c", "dtf.cpu.cores", "2"), START);
        List<TaskResult> attempts = new ArrayList<>();
        attempts.add(attempt("r1", "net", 1, false, TaskState.FAILED, "n1", "x86-2c", FailureCategory.TEST_FAILURE,
                "connection reset by peer", "retry on the same terms (test failure, 1 of 1)"));
        attempts.add(attempt("r1", "net", 2, true, TaskState.FLAKY, "n1", "x86-2c", null, null,
                "final: passed after 1 failed attempt(s), so FLAKY"));
        attempts.add(attempt("r1", "copy", 1, false, TaskState.ERROR, "n2", "arm-4c", FailureCategory.NODE_LEFT,
                "node n2 left the grid", "retry on another node in 0.7 s (node left, 1 of 3)"));
        attempts.add(attempt("r1", "copy", 2, true, TaskState.PASSED, "n3", "x86-2c", null, null, "final"));
        attempts.add(attempt("r2", "net", 1, true, TaskState.PASSED, "n1", "x86-2c", null, null, "final"));
        attempts.add(attempt("r2", "copy", 1, true, TaskState.PASSED, "n3", "x86-2c", null, null, "final"));
        store.ingest(TestResults.GRID, attempts);
        return store;
    }

    private TaskResult attempt(String run, String task, int attempt, boolean isFinal, TaskState status, String node,
                               String hardware, FailureCategory category, String error, String decision) {
        seq++;
        Instant started = START.plusSeconds(seq);
        List<Metric> metrics = status.isSuccess()
                ? List.of(new Metric("throughput", "MB/s", List.of(100.0 + seq, 101.0 + seq, 99.0 + seq)))
                : List.of();
        return new TaskResult(seq, run, "nightly", task + "-" + run, task, Map.of(), attempt, isFinal, status, started,
                started.plusMillis(500), node, hardware, status.isSuccess() ? 0 : 1, metrics, "", "", error, category,
                decision);
    }

    @Test
    void outcomesCarryTheStatusTheCategoryAndTheNode() {
        try (DuckDbResultStore store = database()) {
            List<Outcome> outcomes = new OutcomeReader(store).read();

            assertEquals(6, outcomes.size());
            Outcome flakyPass = outcomes.get(1);
            assertEquals(TaskState.FLAKY, flakyPass.status());
            assertTrue(flakyPass.passed() && flakyPass.endedFlaky(), flakyPass.toString());
            Outcome nodeLeft = outcomes.get(2);
            assertEquals("n2", nodeLeft.node());
            assertEquals(FailureCategory.NODE_LEFT, nodeLeft.category());
            assertTrue(nodeLeft.infrastructureFailure() && !nodeLeft.testFailure(), nodeLeft.toString());
            assertEquals(FailureCategory.TEST_FAILURE, outcomes.get(0).category());
        }
    }

    @Test
    void aFlakyTaskIsReportedAsFlakyAndALostNodeAsAnInfrastructureFailureNotATestFailure() throws Exception {
        try (DuckDbResultStore store = database()) {
            Findings findings = Findings.of(new OutcomeReader(store).read(), List.of(), AnalysisOptions.defaults());

            assertEquals(List.of(new FlakyTest("net", "r1", "x86-2c", 0, 1, 1)), findings.flakyTests(),
                    "copy's node left under it: that does not make copy flaky");
            assertEquals(List.of(new InfrastructureFailureCount("arm-4c", null, 1, 1,
                    Map.of(FailureCategory.NODE_LEFT, 1))), findings.infrastructureByHardware());
            assertEquals(List.of(new InfrastructureFailureCount("arm-4c", "n2", 1, 1,
                    Map.of(FailureCategory.NODE_LEFT, 1))), findings.infrastructureByNode());

            JsonNode root = new ObjectMapper().readTree(JsonReport.render(List.of(), findings));
            JsonNode flaky = root.get("flakyTests").get(0);
            assertEquals(0, flaky.get("passes").asInt(), "a flaky pass is not a plain pass");
            assertEquals(1, flaky.get("flakyPasses").asInt());
            assertEquals(1, flaky.get("failures").asInt(), "its failed attempt is the only failure");
            assertEquals("n2", root.get("infrastructureFailuresByNode").get(0).get("node").asText());
            List<String> categories = new ArrayList<>();
            root.get("failureSignatures").forEach(s -> categories.add(s.get("category").asText()));
            assertEquals(List.of("NODE_LEFT", "TEST_FAILURE"), categories.stream().sorted().toList());

            String md = MarkdownReport.render(List.of(), findings);
            assertTrue(md.contains("| net | r1 | x86-2c | 0 | 1 | 1 |"), md);
            assertTrue(md.contains("## Infrastructure failures by hardware") && md.contains("| arm-4c | 1 | 1 |"), md);
            assertFalse(md.contains("## Failures by hardware"), "nothing fails on one kind of hardware: " + md);
        }
    }

    @Test
    void aFlakyTasksPassingAttemptIsAPointOfItsSeries() {
        try (DuckDbResultStore store = database()) {
            List<Series> series = new SeriesReader(store).read(null);

            Series net = series.stream().filter(s -> s.key().benchmark().equals("net")).findFirst().orElseThrow();
            assertEquals(List.of("r1", "r2"), net.points().stream().map(p -> p.run()).toList());
            assertEquals(List.of(102.0, 103.0, 101.0), net.points().get(0).samples(), "the FLAKY attempt's samples");
            Series copy = series.stream().filter(s -> s.key().benchmark().equals("copy")).findFirst().orElseThrow();
            assertEquals(List.of("r1", "r2"), copy.points().stream().map(p -> p.run()).toList(),
                    "the failed attempts add no point; the final passes do");
        }
    }
}
