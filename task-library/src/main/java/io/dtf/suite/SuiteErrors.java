package io.dtf.suite;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one suite file, so validation goes on past the first. */
final class SuiteErrors {
    private final String source;
    private final List<SuiteError> errors = new ArrayList<>();

    SuiteErrors(String source) {
        this.source = source;
    }

    /** An error outside any task entry ({@code field} may be null). */
    void add(String field, String message) {
        errors.add(new SuiteError(source, field, message));
    }

    void add(String task, int position, String field, String message) {
        errors.add(new SuiteError(source, task, position, field, message));
    }

    /** How many errors so far: a reader compares counts to learn whether its part added any. */
    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Adds a last error and returns the exception to throw: reading cannot go on past it. */
    SuiteValidationException fatal(String field, String message) {
        add(field, message);
        return new SuiteValidationException(errors);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new SuiteValidationException(errors);
        }
    }
}
