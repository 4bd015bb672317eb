package io.dtf.coordinator;

import io.dtf.protocol.AttemptId;
import java.time.Instant;

/**
 * One attempt that runs on a worker, as the task table tracks it beside its task's record: a
 * speculative copy, or an attempt that lost the race and is being stopped.
 *
 * @param since    when it started (or was found running)
 * @param tracked  whether a compute future on this coordinator reports its end; an attempt adopted
 *                 from a predecessor has none, so its node leaving or its silence ends it
 */
record RunningAttempt(String taskKey, AttemptId id, String nodeId, Instant since, boolean tracked) {

    String attemptId() {
        return id.toString();
    }
}
