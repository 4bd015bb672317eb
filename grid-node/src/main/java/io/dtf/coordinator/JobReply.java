package io.dtf.coordinator;

import io.dtf.model.AttemptOutcome;

/** A worker's answer for one attempt: who ran it and how it ended. */
public record JobReply(String nodeId, String hwClass, AttemptOutcome outcome) {
}
