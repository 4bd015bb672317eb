package io.dtf.coordinator;

import io.dtf.model.AttemptOutcome;

/**
 * A worker's answer for one attempt: which attempt, who ran it and how it ended.
 *
 * @param taskKey    {@link TaskRecord#key()}
 * @param attemptId  {@link TaskRecord#attemptId()} of the attempt this answers
 */
public record JobReply(String taskKey, String attemptId, String nodeId, String hwClass, AttemptOutcome outcome) {
}
