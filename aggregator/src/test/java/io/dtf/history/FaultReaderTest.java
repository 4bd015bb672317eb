package io.dtf.history;

import static io.dtf.results.TestResults.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.audit.duckdb.DuckDbAuditStore;
import io.dtf.model.AuditEvent;
import io.dtf.model.FailureCategory;
import io.dtf.model.FaultQuery;
import io.dtf.model.FaultReport;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import io.dtf.results.TestResults;
import io.dtf.results.duckdb.DuckDbResultStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults read back from a real DuckDB file: retries by category, failovers, workers, quarantines, flaky ones. */
class FaultReaderTest {
    private static final Instant BASE = Instant.parse("2025-03-01T10:00:00Z");
    private static final String RETRY_ELSEWHERE = "retry on another node in 0.5 s (node left, 1 of 3)";

    @TempDir
    static Path dir;
    static DuckDbResultStore store;
    static FaultReader reader;

    /**
     * Run r1 (attempts at seconds 1-11): "lost" loses its first attempt with node a and passes on b; "stopping"
     * loses its first attempt to node a stopping (killed, so CANCELLED, and run again) and passes on b; "flaky"
     * fails as a test and passes (FLAKY); "broken" fails for good on a; "old" timed out before categories were
     * stored; "stopped" was cancelled by a user; a junit task's test failed and passed within the run. Run r2
     * (seconds 100-103): "flaky" is flaky again, "lost" passes at once. Node a was quarantined, then released.
     */
    @BeforeAll
    static void storeHistory() {
        store = DuckDbResultStore.open(dir.resolve("faults.duckdb"));
        reader = new FaultReader(store);
        List<TaskResult> results = new ArrayList<>(List.of(
                attempt(1, "r1", "lost", 1, false, TaskState.ERROR, "a", FailureCategory.NODE_LEFT, RETRY_ELSEWHERE),
                attempt(2, "r1", "lost", 2, true, TaskState.PASSED, "b", null, "final"),
                attempt(3, "r1", "flaky", 1, false, TaskState.FAILED, "b", FailureCategory.TEST_FAILURE,
                        "retry (test failure, 1 of 1)"),
                attempt(4, "r1", "flaky", 2, true, TaskState.FLAKY, "b", null, "final: passed after 1 failed attempt(s)"),
                attempt(5, "r1", "broken", 1, true, TaskState.FAILED, "a", FailureCategory.TEST_FAILURE,
                        "final: test failure; the task asks for no retries"),
                attempt(6, "r1", "old", 1, true, TaskState.TIMED_OUT, "a", null, null),
                attempt(7, "r1", "stopped", 1, true, TaskState.CANCELLED, "b", null, "final: cancelled"),
                attempt(10, "r1", "stopping", 1, false, TaskState.CANCELLED, "a", null,
                        "retry on another node in 0.4 s (infrastructure, 1 of 3)"),
                attempt(11, "r1", "stopping", 2, true, TaskState.PASSED, "b", null, "final"),
                attempt(100, "r2", "flaky", 1, false, TaskState.FAILED, "b", FailureCategory.TEST_FAILURE,
                        "retry (test failure, 1 of 1)"),
                attempt(101, "r2", "flaky", 2, true, TaskState.FLAKY, "b", null, "final"),
                attempt(102, "r2", "lost", 1, true, TaskState.PASSED, "a", null, "final")));
        results.add(junit(8, "r1", 1, false, TaskState.FAILED, test("com.example.ParserTest", "parses",
                TestStatus.FAILED, 5)));
        results.add(junit(9, "r1", 2, true, TaskState.FLAKY, test("com.example.ParserTest", "parses",
                TestStatus.PASSED, 5)));
        store.ingest(TestResults.GRID, results);
        new DuckDbAuditStore(store).ingest(TestResults.GRID, new TreeMap<>(Map.of(
                1L, new AuditEvent(BASE.plusSeconds(10), "quarantine", "coordinator", "n", true,
                        "worker a quarantined until 2025-03-01T10:05:10Z: 3 different tasks failed on it"),
                2L, new AuditEvent(BASE.plusSeconds(20), "release", "alice", "n", true,
                        "worker a released from quarantine"),
                3L, new AuditEvent(BASE.plusSeconds(21), "submit", "alice", "n", true, "run r2"))));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void failedAttemptsCountByCategoryWithWhetherTheTaskRanAgain() {
        FaultReport report = reader.read(FaultQuery.latestRuns(2));
        assertEquals(2, report.runs());
        assertEquals(14, report.attempts());
        assertEquals(7, report.failedAttempts(), "a user's cancellation is no failure");
        assertEquals(5, report.retried());
        assertEquals(List.of(new FaultReport.Category("TEST_FAILURE", false, 4, 3, 1),
                new FaultReport.Category("INFRASTRUCTURE", true, 1, 1, 0),
                new FaultReport.Category("NODE_LEFT", true, 1, 1, 0),
                new FaultReport.Category("TIMEOUT", false, 1, 0, 1)), report.categories(),
                "a row without a category counts under its status's default; a node's stop is the machine's");
    }

    @Test
    void anAttemptLostWithItsNodeIsAFailoverNamingWhereItRanAgain() {
        FaultReport report = reader.read(FaultQuery.latestRuns(2));
        assertEquals(2, report.failoverCount());
        assertEquals(List.of("stopping", "lost"), report.failovers().stream().map(FaultReport.Failover::taskId).toList(),
                "newest first");
        FaultReport.Failover lost = report.failovers().get(1);
        assertEquals(List.of("r1", "lost", 1, "a", "NODE_LEFT", RETRY_ELSEWHERE, "b"), List.of(lost.runId(),
                lost.taskId(), lost.attempt(), lost.nodeId(), lost.category(), lost.decision(), lost.retriedOn()));
        FaultReport.Failover stopped = report.failovers().get(0);
        assertEquals(List.of("a", "INFRASTRUCTURE", "b"), List.of(stopped.nodeId(), stopped.category(),
                stopped.retriedOn()), "a node that stops kills its attempt, which runs again");
    }

    @Test
    void workersAreRankedByFailuresWithTheirRate() {
        List<FaultReport.Worker> workers = reader.read(FaultQuery.latestRuns(2)).workers();
        assertEquals(List.of("a", "b"), workers.stream().map(FaultReport.Worker::nodeId).toList());
        FaultReport.Worker a = workers.get(0);
        assertEquals(List.of(5L, 4L, 2L, 2L), List.of(a.attempts(), a.failures(), a.infraFailures(), a.lost()));
        assertEquals(0.8, a.failureRate(), 1e-9);
        FaultReport.Worker b = workers.get(1);
        assertEquals(List.of(8L, 3L), List.of(b.attempts(), b.failures()), "a user's cancellation is not counted");
    }

    @Test
    void quarantinesAndReleasesComeFromTheAuditLogNewestFirst() {
        List<FaultReport.Quarantine> held = reader.read(new FaultQuery(BASE, null, null, 10)).quarantines();
        assertEquals(List.of("release", "quarantine"), held.stream().map(FaultReport.Quarantine::action).toList());
        assertEquals(List.of("a", "a"), held.stream().map(FaultReport.Quarantine::nodeId).toList());
    }

    @Test
    void theFlakiestTasksAndTestsComeFirst() {
        List<FaultReport.Flaky> flaky = reader.read(FaultQuery.latestRuns(2)).flaky();
        assertEquals(List.of(new FaultReport.Flaky("task", "nightly", "flaky", 2, 2, "r2"),
                new FaultReport.Flaky("task", "nightly", "tests", 1, 1, "r1"),
                new FaultReport.Flaky("test", "nightly", "com.example.ParserTest#parses", 1, 1, "r1")), flaky);
    }

    @Test
    void aWindowOrTheLatestRunsBoundTheReport() {
        FaultReport latest = reader.read(FaultQuery.latestRuns(1));
        assertEquals(List.of(1L, 3L, 1L, 0L), List.of(latest.runs(), latest.attempts(), latest.failedAttempts(),
                latest.failoverCount()));
        assertEquals(BASE.plusSeconds(100).minusMillis(500), latest.from(), "when its first attempt started");
        FaultReport early = reader.read(new FaultQuery(BASE, BASE.plusSeconds(50), null, 10));
        assertEquals(List.of(1L, 11L, 2L), List.of(early.runs(), early.attempts(), early.failoverCount()));
        FaultReport empty = reader.read(new FaultQuery(BASE.plusSeconds(1_000), null, null, 10));
        assertEquals(0, empty.attempts());
        assertEquals(List.of(), empty.categories());
        assertNull(empty.to());
    }

    @Test
    void aQueryRefusesRunsWithAWindowAndBoundsOutOfRange() {
        assertEquals("runs: give either a number of runs or a time window (since, until), not both",
                assertThrows(IllegalArgumentException.class, () -> new FaultQuery(BASE, null, 5, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultQuery.latestRuns(0));
        assertThrows(IllegalArgumentException.class, () -> new FaultQuery(BASE, BASE, null, 10));
        assertThrows(IllegalArgumentException.class, () -> new FaultQuery(null, null, null, 0));
    }

    private static TaskResult attempt(long second, String run, String task, int attempt, boolean isFinal,
                                      TaskState status, String node, FailureCategory category, String decision) {
        Instant start = BASE.plusSeconds(second).minusMillis(500);
        return new TaskResult(second, run, "nightly", task, task, Map.of(), attempt, isFinal, status, start,
                BASE.plusSeconds(second), node, "hw-" + node, status.isSuccess() ? 0 : 1, List.of(), "", "",
                status.isSuccess() ? null : "it failed", category, decision, null);
    }

    private static TaskResult junit(long second, String run, int attempt, boolean isFinal, TaskState status,
                                    TestCase test) {
        TaskResult plain = attempt(second, run, "tests", attempt, isFinal, status, "b",
                status == TaskState.FAILED ? FailureCategory.TEST_FAILURE : null, null);
        return new TaskResult(plain.seq(), plain.runId(), plain.suite(), plain.taskId(), plain.taskName(),
                plain.params(), plain.attempt(), plain.finalAttempt(), plain.status(), plain.startedAt(),
                plain.endedAt(), plain.nodeId(), plain.hwClass(), plain.exitCode(), plain.metrics(), plain.stdoutTail(),
                plain.stderrTail(), plain.error(), plain.category(), plain.decision(), null, List.of(test));
    }
}
