package io.dtf.coordinator;

import java.time.Instant;

/** A run as the coordinator keeps it in the runs cache; {@code endedAt} is null while it runs. */
public record RunRecord(String runId, String suite, Instant submittedAt, int total, Instant endedAt) {
    public RunRecord ended(Instant at) {
        return new RunRecord(runId, suite, submittedAt, total, at);
    }
}
