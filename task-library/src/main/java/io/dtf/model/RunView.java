package io.dtf.model;

import java.time.Instant;
import java.util.Map;

/**
 * A run's progress: how many of its tasks are in each state.
 *
 * @param owner who submitted the run (the subject of its token) on a grid with security on; null otherwise
 */
public record RunView(String runId, String suite, Instant submittedAt, Instant endedAt, int total,
                      Map<TaskState, Integer> counts, String owner) {

    public RunView {
        counts = Map.copyOf(counts);
    }

    /** A run without a recorded owner. */
    public RunView(String runId, String suite, Instant submittedAt, Instant endedAt, int total,
                   Map<TaskState, Integer> counts) {
        this(runId, suite, submittedAt, endedAt, total, counts, null);
    }

    public int count(TaskState state) {
        return counts.getOrDefault(state, 0);
    }

    public int done() {
        return counts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToInt(Map.Entry::getValue).sum();
    }

    public boolean isDone() {
        return done() == total;
    }

    /** True when every task passed, some perhaps only on a retry (FLAKY); only meaningful once {@link #isDone()}. */
    public boolean passed() {
        return count(TaskState.PASSED) + count(TaskState.FLAKY) == total;
    }
}
