package io.dtf.model;

import java.util.List;

/**
 * The coordinator's answer to a cancel request. Cancelling is idempotent: asking again changes
 * nothing that the first request changed, and answers with the counts as they are now.
 *
 * @param dequeued      tasks that were waiting (never started, or waiting for a retry) and are now CANCELLED
 * @param stopping      tasks whose running attempt is being stopped on its worker; each ends CANCELLED
 *                      (or as it ended, if it finished first)
 * @param alreadyEnded  tasks that had ended before the request and keep their verdict
 * @param errors        why nothing was cancelled (an unknown run or task), else empty
 */
public record CancelReply(String runId, int dequeued, int stopping, int alreadyEnded, List<String> errors) {
    public CancelReply {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A refusal: nothing was cancelled, for the reason given. */
    public static CancelReply refused(String runId, String error) {
        return new CancelReply(runId, 0, 0, 0, List.of(error));
    }

    public boolean accepted() {
        return errors.isEmpty();
    }
}
