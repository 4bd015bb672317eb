package io.dtf.coordinator;

import java.time.Instant;

/**
 * A run as the coordinator keeps it in the runs cache; {@code endedAt} is null while it runs.
 *
 * @param cancellation  what of the run has been cancelled, null when nothing has
 */
public record RunRecord(String runId, String suite, Instant submittedAt, int total, Instant endedAt,
                        Cancellation cancellation) {

    public RunRecord(String runId, String suite, Instant submittedAt, int total, Instant endedAt) {
        this(runId, suite, submittedAt, total, endedAt, null);
    }

    public RunRecord ended(Instant at) {
        return new RunRecord(runId, suite, submittedAt, total, at, cancellation);
    }

    public RunRecord cancelled(Cancellation value) {
        return new RunRecord(runId, suite, submittedAt, total, endedAt, value);
    }

    /** Whether a cancel request covers task {@code taskId}. */
    public boolean cancels(String taskId) {
        return cancellation != null && cancellation.covers(taskId);
    }
}
