package io.dtf.suite;

import io.dtf.wire.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors of one suite file, so validation goes on past the first. An error names what
 * it refers to cut short ({@link #echo}; task names and fields up to a valid name's length), so that
 * no input, however long, is echoed back whole.
 */
final class SuiteErrors {
    /** Characters of a value, key or name that an error quotes. */
    static final int ECHO = 60;
    private final String source;
    private final List<SuiteError> errors = new ArrayList<>();

    SuiteErrors(String source) {
        this.source = source;
    }

    /** An error outside any task entry ({@code field} may be null). */
    void add(String field, String message) {
        add(null, 0, field, message);
    }

    void add(String task, int position, String field, String message) {
        errors.add(new SuiteError(source, label(task), position, label(field), message));
    }

    /** Text from the file as an error quotes it: at most {@link #ECHO} characters, control characters escaped. */
    static String echo(String text) {
        return SafeText.shortened(text, ECHO);
    }

    private static String label(String text) {
        return SafeText.shortened(text, SuiteLimits.MAX_NAME_LENGTH);
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
