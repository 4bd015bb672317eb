package io.dtf.coordinator;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.TaskState;

/**
 * What an ended attempt means for its task: the state it moves to. A failed attempt with retries
 * left sends the task back to the queue; otherwise the attempt's status is final.
 */
public final class AttemptPolicy {
    private AttemptPolicy() {
    }

    public static TaskState next(TaskRecord task, AttemptOutcome outcome) {
        if (outcome.status() == TaskState.PASSED) {
            return TaskState.PASSED;
        }
        boolean retriesLeft = task.attempts() <= task.spec().retries();
        return retriesLeft ? TaskState.QUEUED : outcome.status();
    }
}
