package io.dtf.coordinator;

import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.TaskTransitions;
import io.dtf.protocol.AttemptId;
import io.dtf.protocol.TaskKey;
import java.time.Instant;

/**
 * A task as the coordinator keeps it in the tasks cache. Every state change goes through
 * {@link #moveTo}, which enforces the transition table; the time of a change is the caller's (the
 * coordinator's clock), never read here.
 *
 * @param order      submission order across the grid, the tie-breaker after priority
 * @param attempts   attempts started so far (a speculative copy counts)
 * @param nodeId     the node of the current or last attempt
 * @param attemptId  the current or last attempt's {@link AttemptId}, {@code <coordinator epoch>:<attempt>}:
 *                   unique even when a new coordinator starts an attempt number its dead predecessor had started
 * @param retry      what earlier failures mean for the next attempt
 */
public record TaskRecord(String runId, String suite, long order, TaskSpec spec, TaskState state, int attempts,
                         String nodeId, String hwClass, Instant updatedAt, String attemptId, RetryState retry) {

    public TaskRecord {
        retry = retry == null ? RetryState.NONE : retry;
    }

    public static TaskRecord queued(String runId, String suite, long order, TaskSpec spec, Instant at) {
        return new TaskRecord(runId, suite, order, spec, TaskState.QUEUED, 0, null, null, at, null, RetryState.NONE);
    }

    public static String key(String runId, String taskId) {
        return new TaskKey(runId, taskId).toString();
    }

    /** The task's key as text, {@code <run id>/<task id>}: the cache key, and what the writer merges on. */
    public String key() {
        return key(runId, spec.id());
    }

    public TaskKey taskKey() {
        return new TaskKey(runId, spec.id());
    }

    /** The current or last attempt; null before the first, and for an id that is not an attempt id. */
    public AttemptId attempt() {
        return AttemptId.parseOrNull(attemptId);
    }

    public TaskRecord moveTo(TaskState next, Instant at) {
        TaskTransitions.check(state, next);
        return new TaskRecord(runId, suite, order, spec, next, attempts, nodeId, hwClass, at, attemptId, retry);
    }

    /** The start of a new attempt on {@code node} by the coordinator of {@code epoch}. */
    public TaskRecord startOn(String node, long epoch, Instant at) {
        TaskTransitions.check(state, TaskState.RUNNING);
        int attempt = attempts + 1;
        return new TaskRecord(runId, suite, order, spec, TaskState.RUNNING, attempt, node, null, at,
                new AttemptId(epoch, attempt).toString(), retry);
    }

    /**
     * An attempt found running on {@code node} that this coordinator did not start: its dead
     * predecessor did, and died before storing it. The task takes it over instead of starting another.
     */
    public TaskRecord adopt(String node, AttemptId running, Instant at) {
        TaskTransitions.check(state, TaskState.RUNNING);
        return new TaskRecord(runId, suite, order, spec, TaskState.RUNNING, Math.max(attempts, running.number()), node,
                null, at, running.toString(), retry);
    }

    /**
     * A second attempt of this running task (a speculative copy) started: counted in
     * {@link #attempts}; the record still names its first attempt until the copy takes over.
     */
    public TaskRecord withCopy(AttemptId copy) {
        return new TaskRecord(runId, suite, order, spec, state, Math.max(attempts, copy.number()), nodeId, hwClass,
                updatedAt, attemptId, retry);
    }

    /** The running task, now carried by its attempt {@code attempt} on {@code node}, running since {@code since}. */
    public TaskRecord carriedBy(AttemptId attempt, String node, Instant since) {
        return new TaskRecord(runId, suite, order, spec, state, Math.max(attempts, attempt.number()), node, null, since,
                attempt.toString(), retry);
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
