package io.dtf.security.signing;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.ReportSignature;
import io.dtf.model.ResultSignature;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fixtures: a worker's report and the result the coordinator makes of it. */
final class Reports {
    static final String RUN = "run-1";
    static final String TASK = "sha";
    static final String TASK_KEY = RUN + "/" + TASK;
    static final String ATTEMPT = "3:1";
    static final String NODE = "11111111-2222-3333-4444-555555555555";
    static final String HW = "linux-x86_64-2c-8g";

    private Reports() {
    }

    static AttemptOutcome passed(double... samples) {
        List<Double> values = java.util.Arrays.stream(samples).boxed().toList();
        return new AttemptOutcome(TaskState.PASSED, Instant.ofEpochSecond(1_795_870_262, 729_000_001),
                Instant.ofEpochSecond(1_795_870_263, 5), 0, List.of(new Metric("throughput", "MB/s", values)),
                "line one\nline two ü", "", null);
    }

    /** A junit attempt that failed: one test passed, one failed with its trace and output. */
    static AttemptOutcome junit() {
        return passed().withTests(List.of(
                new TestCase("com.example.ParserTest", "parses", "parses()", "[engine:junit-jupiter]/[class:"
                        + "com.example.ParserTest]/[method:parses()]", TestStatus.PASSED, 12, null, null, null, "", ""),
                new TestCase("com.example.ParserTest", "quotes", "quotes \"a,b\"", null, TestStatus.FAILED, 40,
                        "org.opentest4j.AssertionFailedError", "expected: <1> but was: <2>", "at ParserTest.quotes",
                        "printed\n", "warned ü")));
    }

    static byte[] bytes(AttemptOutcome outcome) {
        return ReportBytes.of(TASK_KEY, ATTEMPT, NODE, HW, outcome);
    }

    /** The result the coordinator stores for a signed report (a final attempt, verdict {@code status}). */
    static TaskResult result(AttemptOutcome o, TaskState status, ReportSignature signature) {
        return new TaskResult(42, RUN, "suite", TASK, "sha 64k", Map.of("size", "64k"), 1, true, status,
                o.startedAt(), o.endedAt(), NODE, HW, o.exitCode(), o.metrics(), o.stdoutTail(), o.stderrTail(),
                o.error(), o.category(), "final", ResultSignature.of(ATTEMPT, o.status(), signature), o.tests());
    }

    static AttemptOutcome lost() {
        return AttemptOutcome.error(Instant.ofEpochSecond(5), FailureCategory.NODE_LEFT, "node left");
    }
}
