package io.dtf.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The whole task state machine in one table. Every change of a task's state goes through
 * {@link #check}, so an illegal move (a final task started again, say) fails loudly instead of
 * corrupting a run.
 */
public final class TaskTransitions {
    private static final Map<TaskState, Set<TaskState>> ALLOWED = new EnumMap<>(TaskState.class);

    static {
        // QUEUED -> ERROR: a retry that found no matching worker before its deadline.
        ALLOWED.put(TaskState.QUEUED, EnumSet.of(TaskState.RUNNING, TaskState.CANCELLED, TaskState.ERROR));
        // RUNNING -> QUEUED is a retry or a failover: the attempt ended, the task did not.
        ALLOWED.put(TaskState.RUNNING, EnumSet.of(TaskState.QUEUED, TaskState.PASSED, TaskState.FLAKY, TaskState.FAILED,
                TaskState.ERROR, TaskState.TIMED_OUT, TaskState.CANCELLED));
        for (TaskState s : TaskState.values()) {
            ALLOWED.putIfAbsent(s, EnumSet.noneOf(TaskState.class));
        }
    }

    private TaskTransitions() {
    }

    public static boolean isAllowed(TaskState from, TaskState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Returns {@code to}, or throws when the move from {@code from} is not in the table. */
    public static TaskState check(TaskState from, TaskState to) {
        if (!isAllowed(from, to)) {
            throw new IllegalStateException("illegal task transition " + from + " -> " + to);
        }
        return to;
    }
}
