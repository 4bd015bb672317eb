package io.dtf.suite;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A suite file that cannot run, with every error found in it (not only the first), so that one
 * edit can fix them all. Thrown before anything is submitted.
 */
public class SuiteValidationException extends RuntimeException {
    /** The exit code of a {@code dtf} command refused an invalid suite. */
    public static final int EXIT_CODE = 3;

    private final List<SuiteError> errors;

    public SuiteValidationException(List<SuiteError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, document-level ones first, then the top-level fields, then each task entry in order. */
    public List<SuiteError> errors() {
        return errors;
    }

    private static String describe(List<SuiteError> errors) {
        String head = errors.size() == 1 ? "1 error in suite" : errors.size() + " errors in suite";
        return errors.stream().map(SuiteError::toString).collect(Collectors.joining("\n  ", head + ":\n  ", ""));
    }
}
