package io.dtf.model;

/** Where a task is in its life. The legal moves between states are in {@link TaskTransitions}. */
public enum TaskState {
    QUEUED, RUNNING, PASSED, FAILED, ERROR, TIMED_OUT, CANCELLED;

    /** A final state ends the task: no attempt follows it. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }

    /** Whether an attempt that ended in this state counts as a success. */
    public boolean isSuccess() {
        return this == PASSED;
    }
}
