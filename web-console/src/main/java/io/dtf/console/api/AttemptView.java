package io.dtf.console.api;

import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TestCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One attempt of a task as the console shows it.
 *
 * @param category       why it did not pass; null when it passed
 * @param decision       what the coordinator did next ("retry in 0.7 s on another node if one matches ..."), or null
 * @param durationMillis from start to end; null when either is unknown
 * @param tests          the test cases of a junit attempt; empty for other task types
 */
public record AttemptView(int attempt, boolean finalAttempt, TaskState status, FailureCategory category,
                          String decision, String nodeId, String hwClass, Instant startedAt, Instant endedAt,
                          Long durationMillis, Integer exitCode, String error, List<Metric> metrics,
                          String stdoutTail, String stderrTail, List<TestCase> tests) {

    static AttemptView of(TaskResult r) {
        Long millis = r.startedAt() == null || r.endedAt() == null ? null
                : Duration.between(r.startedAt(), r.endedAt()).toMillis();
        return new AttemptView(r.attempt(), r.finalAttempt(), r.status(), r.category(), r.decision(), r.nodeId(),
                r.hwClass(), r.startedAt(), r.endedAt(), millis, r.exitCode(), r.error(), r.metrics(), r.stdoutTail(),
                r.stderrTail(), r.tests());
    }
}
