package io.dtf.coordinator.ignite;

import io.dtf.coordinator.RetryState;
import io.dtf.coordinator.TaskRecord;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import java.time.Instant;

/**
 * A task's state as the tasks cache holds it: a {@link TaskRecord} without its spec, and without its
 * suite in rows written now (null here; it is the run's). Earlier versions stored it as JSON text; now it
 * is read from a binary row ({@link TaskRows}).
 */
record StoredTask(String runId, String suite, long order, TaskState state, int attempts, String nodeId,
                  String hwClass, Instant updatedAt, String attemptId, RetryState retry) {

    static StoredTask of(TaskRecord t) {
        return new StoredTask(t.runId(), t.suite(), t.order(), t.state(), t.attempts(), t.nodeId(), t.hwClass(),
                t.updatedAt(), t.attemptId(), t.retry() == RetryState.NONE ? null : t.retry());
    }

    /** The task, with {@code runSuite} as its suite when the row did not carry one. */
    TaskRecord with(String runSuite, TaskSpec spec) {
        return new TaskRecord(runId, suite == null ? runSuite : suite, order, spec, state, attempts, nodeId, hwClass,
                updatedAt, attemptId, retry);
    }
}
