package io.dtf.ci.run;

import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders of the results a grid reports, for tests of what the plugin makes of them. */
final class Results {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private Results() {
    }

    static TestCase test(String className, String method, TestStatus status) {
        String uid = "[engine:junit-jupiter]/[class:" + className + "]" + (method == null ? "" : "/[method:" + method + "()]");
        return new TestCase(className, method, method == null ? className : method + "()", uid, status, 10,
                status == TestStatus.FAILED ? "org.opentest4j.AssertionFailedError" : null,
                status == TestStatus.FAILED ? "expected: <1> but was: <2>" : null, null, "", "");
    }

    static TaskResult result(String taskId, TaskState state, String node, TestCase... tests) {
        return new TaskResult(1, "run-1", "s", taskId, "junit", Map.of(), 1, true, state, START, START.plusSeconds(2),
                node, "hw-" + node, 0, List.of(), "out", "err", state.isSuccess() ? null : "exit code 1", null, null,
                null, List.of(tests));
    }
}
