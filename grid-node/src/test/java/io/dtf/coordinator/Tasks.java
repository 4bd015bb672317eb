package io.dtf.coordinator;

import io.dtf.model.BenchmarkAction;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Requirement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BooleanSupplier;

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
        return TaskRecord.queued("run-1", "suite", order, spec, Instant.now());
    }

    /** Waits up to 10 s for {@code condition}, polling. */
    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
