package io.dtf.client;

import java.util.List;

/** The coordinator refused a suite; {@link #errors()} names each problem. */
public class SubmissionRefusedException extends RuntimeException {
    private final List<String> errors;

    public SubmissionRefusedException(List<String> errors) {
        super("suite refused: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
