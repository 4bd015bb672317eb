package io.dtf.coordinator.placement;

import io.dtf.coordinator.TaskRecord;

/**
 * An attempt the scheduler knows to be running, and when it is expected to end.
 *
 * @param key       the task's key, {@code task.key()} built once: the scheduler looks attempts up by it
 * @param number    its attempt number within the task; 0 when not known (a speculative copy)
 * @param placed    whether this scheduler placed it (only those are copied when late)
 * @param copy      whether it is a speculative copy of another attempt
 */
public record Attempt(String key, TaskRecord task, String nodeId, int number, long startMillis, long expectedMillis,
                      boolean placed, boolean copy) {

    public Attempt(TaskRecord task, String nodeId, int number, long startMillis, long expectedMillis, boolean placed,
                   boolean copy) {
        this(task.key(), task, nodeId, number, startMillis, expectedMillis, placed, copy);
    }

    public long expectedEnd() {
        return startMillis + expectedMillis;
    }

    /**
     * When a slot it holds is expected to free, as seen at {@code now}. An attempt already past its
     * expected end is assumed to be as late again as it is now: a stuck worker does not look as if
     * it were about to free up.
     */
    public long freesAt(long now) {
        long end = expectedEnd();
        return end > now ? end : now + (now - end) + 1;
    }

    public boolean exclusive() {
        return task.spec().exclusive();
    }
}
