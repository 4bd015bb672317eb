package io.dtf.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * One attempt the coordinator sends a worker to run: which attempt of which task, and the task's
 * spec. A class rather than a record: Ignite's binary marshaller cannot build records.
 */
public final class AttemptOrder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String taskKey;
    private final String attemptId;
    private final int attempt;
    private final String specJson;

    /**
     * @param taskKey   {@link TaskKey} as text
     * @param attemptId {@link AttemptId} as text
     * @param attempt   the attempt's number within its task
     * @param specJson  the task's {@code TaskSpec} as JSON
     */
    public AttemptOrder(String taskKey, String attemptId, int attempt, String specJson) {
        this.taskKey = Objects.requireNonNull(taskKey, "taskKey");
        this.attemptId = Objects.requireNonNull(attemptId, "attemptId");
        this.attempt = attempt;
        this.specJson = Objects.requireNonNull(specJson, "specJson");
    }

    public String taskKey() {
        return taskKey;
    }

    public String attemptId() {
        return attemptId;
    }

    public int attempt() {
        return attempt;
    }

    public String specJson() {
        return specJson;
    }

    /** Unique among all attempts: attempt ids are unique within a task only. */
    public String key() {
        return key(taskKey, attemptId);
    }

    /** The key of attempt {@code attemptId} of task {@code taskKey}, as {@link #key()} writes it. */
    public static String key(String taskKey, String attemptId) {
        return taskKey + "@" + attemptId;
    }

    @Override
    public String toString() {
        return "attempt " + attemptId + " of " + taskKey;
    }
}
