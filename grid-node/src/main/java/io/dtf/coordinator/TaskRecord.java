package io.dtf.coordinator;

import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskTransitions;
import java.time.Instant;

/**
 * A task as the coordinator keeps it in the tasks cache. Every state change goes through
 * {@link #moveTo}, which enforces the transition table.
 *
 * @param order     submission order across the grid, the tie-breaker after priority
 * @param attempts  attempts started so far
 * @param nodeId    the node of the current or last attempt
 */
public record TaskRecord(String runId, String suite, long order, TaskSpec spec, TaskState state, int attempts,
                         String nodeId, String hwClass, Instant updatedAt) {

    public static TaskRecord queued(String runId, String suite, long order, TaskSpec spec) {
        return new TaskRecord(runId, suite, order, spec, TaskState.QUEUED, 0, null, null, Instant.now());
    }

    public static String key(String runId, String taskId) {
        return runId + "/" + taskId;
    }

    public String key() {
        return key(runId, spec.id());
    }

    public TaskRecord moveTo(TaskState next) {
        TaskTransitions.check(state, next);
        return new TaskRecord(runId, suite, order, spec, next, attempts, nodeId, hwClass, Instant.now());
    }

    /** The start of a new attempt on {@code node}. */
    public TaskRecord startOn(String node) {
        TaskTransitions.check(state, TaskState.RUNNING);
        return new TaskRecord(runId, suite, order, spec, TaskState.RUNNING, attempts + 1, node, null, Instant.now());
    }

    public TaskRecord ranOn(String node, String nodeHwClass) {
        return new TaskRecord(runId, suite, order, spec, state, attempts, node, nodeHwClass, updatedAt);
    }
}
