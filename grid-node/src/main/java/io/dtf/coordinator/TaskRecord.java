package io.dtf.coordinator;

import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskTransitions;
import java.time.Instant;

/**
 * A task as the coordinator keeps it in the tasks cache. Every state change goes through
 * {@link #moveTo}, which enforces the transition table.
 *
 * @param order      submission order across the grid, the tie-breaker after priority
 * @param attempts   attempts started so far
 * @param nodeId     the node of the current or last attempt
 * @param attemptId  the current or last attempt's identity, {@code <coordinator epoch>:<attempt>}: unique
 *                   even when a new coordinator starts an attempt number its dead predecessor had started
 * @param retry      what earlier failures mean for the next attempt
 */
public record TaskRecord(String runId, String suite, long order, TaskSpec spec, TaskState state, int attempts,
                         String nodeId, String hwClass, Instant updatedAt, String attemptId, RetryState retry) {

    public TaskRecord {
        retry = retry == null ? RetryState.NONE : retry;
    }

    public static TaskRecord queued(String runId, String suite, long order, TaskSpec spec) {
        return new TaskRecord(runId, suite, order, spec, TaskState.QUEUED, 0, null, null, Instant.now(), null,
                RetryState.NONE);
    }

    public static String key(String runId, String taskId) {
        return runId + "/" + taskId;
    }

    public String key() {
        return key(runId, spec.id());
    }

    public TaskRecord moveTo(TaskState next) {
        TaskTransitions.check(state, next);
        return new TaskRecord(runId, suite, order, spec, next, attempts, nodeId, hwClass, Instant.now(), attemptId,
                retry);
    }

    /** The start of a new attempt on {@code node} by the coordinator of {@code epoch}. */
    public TaskRecord startOn(String node, long epoch) {
        TaskTransitions.check(state, TaskState.RUNNING);
        int attempt = attempts + 1;
        return new TaskRecord(runId, suite, order, spec, TaskState.RUNNING, attempt, node, null, Instant.now(),
                epoch + ":" + attempt, retry);
    }

    /**
     * An attempt found running on {@code node} that this coordinator did not start: its dead
     * predecessor did, and died before storing it. The task takes it over instead of starting another.
     */
    public TaskRecord adopt(String node, String runningAttemptId, int attempt) {
        TaskTransitions.check(state, TaskState.RUNNING);
        return new TaskRecord(runId, suite, order, spec, TaskState.RUNNING, attempt, node, null, Instant.now(),
                runningAttemptId, retry);
    }

    public TaskRecord ranOn(String node, String nodeHwClass) {
        return new TaskRecord(runId, suite, order, spec, state, attempts, node, nodeHwClass, updatedAt, attemptId,
                retry);
    }

    public TaskRecord withRetry(RetryState value) {
        return new TaskRecord(runId, suite, order, spec, state, attempts, nodeId, hwClass, updatedAt, attemptId,
                value);
    }
}
