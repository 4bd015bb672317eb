package io.dtf.model;

import java.util.List;

/** The coordinator's answer to a submission: a run id, or the reasons it was refused. */
public record SubmitReply(String runId, List<String> errors) {
    public SubmitReply {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean accepted() {
        return runId != null && errors.isEmpty();
    }
}
