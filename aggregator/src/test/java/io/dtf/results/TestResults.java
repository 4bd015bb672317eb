package io.dtf.results;

import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds realistic {@link TaskResult}s for tests. */
public final class TestResults {
    /** A fixed, microsecond-exact instant: DuckDB keeps microseconds. */
    private static final Instant BASE = Instant.parse("2025-03-01T10:15:30.123456Z");
    /** The origin tests store results under unless they are about origins. */
    public static final ResultOrigin GRID = ResultOrigin.grid("00000000-0000-0000-0000-000000000001");

    private TestResults() {
    }

    /** A passed benchmark attempt with two metrics, params and both timestamps. */
    public static TaskResult passed(long seq, String runId) {
        Instant start = BASE.plusMillis(seq);
        return new TaskResult(seq, runId, "nightly", "task-" + seq, "copy-" + (seq % 7),
                Map.of("size", seq % 2 == 0 ? "1MB" : "64KB", "threads", "4"),
                1, true, TaskState.PASSED, start, start.plusMillis(250).plusNanos(7_000),
                "node-" + (seq % 3), seq % 2 == 0 ? "x86_64-8c-32g" : "aarch64-4c-16g", 0,
                List.of(new Metric("throughput", "MB/s", List.of(100.0 + seq % 10, 101.5, 99.25, 102.0, 100.5)),
                        new Metric("latency", "ms", List.of(1.5, 1.25, 1.75))),
                "done\n", "", null, null, null);
    }

    /**
     * An attempt of a junit task of suite {@code suite} that ran {@code tests}; it started {@code seq} seconds
     * after a fixed instant, so a run's earliest result orders the runs.
     */
    public static TaskResult junit(long seq, String runId, String suite, String taskId, int attempt, boolean isFinal,
                                   TaskState status, String hwClass, List<TestCase> tests) {
        Instant start = BASE.plusSeconds(seq);
        return new TaskResult(seq, runId, suite, taskId, "tests", Map.of(), attempt, isFinal, status, start,
                start.plusSeconds(1), "node-" + hwClass, hwClass, status == TaskState.PASSED ? 0 : 1, List.of(), "",
                "", status == TaskState.PASSED ? null : "tests failed", null, null, null, tests);
    }

    /** A test case of {@code className} that ran for {@code millis}; a failed one carries its failure. */
    public static TestCase test(String className, String method, TestStatus status, long millis) {
        boolean failed = status == TestStatus.FAILED || status == TestStatus.ERROR;
        return new TestCase(className, method, method + "()", "[engine:junit-jupiter]/[class:" + className
                + "]/[method:" + method + "()]", status, millis, failed ? "org.opentest4j.AssertionFailedError" : null,
                failed ? "expected: <1> but was: <2>" : null,
                failed ? "at " + className + "." + method + "(X.java:1)" : null, "out of " + method, "");
    }

    /** A first attempt that errored: no end time's metrics, null exit code and a stack of nulls. */
    public static TaskResult erroredWithNulls(long seq, String runId) {
        return new TaskResult(seq, runId, null, "task-" + seq, null, Map.of(), 1, false, TaskState.ERROR,
                BASE.plusMillis(seq), null, null, null, null, List.of(), null, null, "worker left the grid", null, null);
    }
}
