package io.dtf.coordinator;

import java.time.Instant;

/**
 * A run as the coordinator keeps it in the runs cache; {@code endedAt} is null while it runs. Its
 * {@link RunPhase} follows from the fields, and every change goes through the phase table.
 *
 * @param cancellation  what of the run has been cancelled, null when nothing has
 * @param owner         the subject of the token that submitted it; null when security was off then, and
 *                      in runs stored before runs had owners (such a run is cancelled by an admin only)
 */
public record RunRecord(String runId, String suite, Instant submittedAt, int total, Instant endedAt,
                        Cancellation cancellation, String owner) {

    public RunRecord(String runId, String suite, Instant submittedAt, int total, Instant endedAt) {
        this(runId, suite, submittedAt, total, endedAt, null, null);
    }

    public RunRecord(String runId, String suite, Instant submittedAt, int total, Instant endedAt,
                     Cancellation cancellation) {
        this(runId, suite, submittedAt, total, endedAt, cancellation, null);
    }

    /** The phase this stored run is in (FORGOTTEN is never stored). */
    public RunPhase phase() {
        return endedAt != null ? RunPhase.ENDED : cancellation != null ? RunPhase.CANCELLING : RunPhase.ACTIVE;
    }

    public RunRecord ended(Instant at) {
        phase().moveTo(RunPhase.ENDED);
        return new RunRecord(runId, suite, submittedAt, total, at, cancellation, owner);
    }

    public RunRecord cancelled(Cancellation value) {
        phase().moveTo(RunPhase.CANCELLING);
        return new RunRecord(runId, suite, submittedAt, total, endedAt, value, owner);
    }

    /** Whether a cancel request covers task {@code taskId}. */
    public boolean cancels(String taskId) {
        return cancellation != null && cancellation.covers(taskId);
    }
}
