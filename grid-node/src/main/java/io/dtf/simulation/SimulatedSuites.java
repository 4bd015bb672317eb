package io.dtf.simulation;

import io.dtf.model.CommandAction;
import io.dtf.model.RetryPolicy;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.suite.SuiteLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workload as the suites a client would submit: command tasks (what workers run most), at most
 * {@link SuiteLimits#MAX_TASKS} to a suite, each with a timeout well beyond its run time.
 */
final class SimulatedSuites {
    private static final CommandAction ACTION = new CommandAction(List.of("true"), null, null);

    private SimulatedSuites() {
    }

    static List<Suite> of(List<WorkloadTask> workload) {
        List<Suite> suites = new ArrayList<>();
        for (int from = 0; from < workload.size(); from += SuiteLimits.MAX_TASKS) {
            List<TaskSpec> specs = workload.subList(from, Math.min(workload.size(), from + SuiteLimits.MAX_TASKS))
                    .stream().map(SimulatedSuites::spec).toList();
            suites.add(new Suite("simulated-" + (suites.size() + 1), specs));
        }
        return suites;
    }

    /**
     * The task's spec. {@code exclusive} reaches the scheduler once the spec carries it; until then it
     * only counts in the lower bound.
     */
    static TaskSpec spec(WorkloadTask t) {
        long timeout = Math.min(SuiteLimits.MAX_TIMEOUT.toMillis(), Math.max(3_600_000L, t.durationMs() * 10));
        return new TaskSpec(t.id(), t.id(), Map.of(), ACTION, t.requirements(), t.priority(),
                Duration.ofMillis(timeout), 0, 1, RetryPolicy.DEFAULT, List.of());
    }
}
