package io.dtf.protocol;

import java.util.Objects;

/**
 * A task of a run, as both sides name it. On the wire and in cache keys it is the string
 * {@code <run id>/<task id>}; a run id never holds a slash, so the first one splits it.
 */
public record TaskKey(String runId, String taskId) {
    public TaskKey {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(taskId, "taskId");
    }

    /** The key written as {@link #toString()}; throws IllegalArgumentException when it has no slash. */
    public static TaskKey parse(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a task key (<run id>/<task id>): " + key);
        }
        return new TaskKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return runId + "/" + taskId;
    }
}
