package io.dtf.coordinator;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** Test fixtures: task specs and records with just what a test cares about. */
final class Tasks {
    private Tasks() {
    }

    static TaskSpec spec(String id, int priority, String... requirements) {
        return new TaskSpec(id, id, Map.of(), new BenchmarkAction("noop", 0, 1),
                Arrays.stream(requirements).map(Requirement::parse).toList(), priority, Duration.ofSeconds(30), 0, 1);
    }

    static TaskSpec retried(String id, int retries) {
        TaskSpec s = spec(id, 0);
        return new TaskSpec(s.id(), s.name(), s.params(), s.action(), s.requirements(), s.priority(), s.timeout(),
                retries, s.repetition());
    }

    static TaskRecord queued(long order, TaskSpec spec) {
        return TaskRecord.queued("run-1", "suite", order, spec);
    }
}
