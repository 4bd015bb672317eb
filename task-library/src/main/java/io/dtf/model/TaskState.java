package io.dtf.model;

/** Where a task is in its life. The legal moves between states are in {@link TaskTransitions}. */
public enum TaskState {
    QUEUED, RUNNING, PASSED,
    /** Passed, but only after an attempt that failed as a test (not for infrastructure reasons). */
    FLAKY,
    FAILED, ERROR, TIMED_OUT, CANCELLED;

    /** A final state ends the task: no attempt follows it. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /** Whether the task (or an attempt that ended in this state) succeeded; a flaky task did, in the end. */
    public boolean isSuccess() {
        return this == PASSED || this == FLAKY;
    }
}
