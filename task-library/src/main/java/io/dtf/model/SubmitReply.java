package io.dtf.model;

import java.util.List;

/**
 * The coordinator's answer to a submission: a run id, or the reasons it was refused.
 *
 * @param warnings what the submitter should know about an accepted run, e.g. a task that requires
 *                 an attribute no node has ever advertised (it waits until one does)
 */
public record SubmitReply(String runId, List<String> errors, List<String> warnings) {
    public SubmitReply {
        errors = errors == null ? List.of() : List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A reply without warnings. */
    public SubmitReply(String runId, List<String> errors) {
        this(runId, errors, List.of());
    }

    public boolean accepted() {
        return runId != null && errors.isEmpty();
    }
}
