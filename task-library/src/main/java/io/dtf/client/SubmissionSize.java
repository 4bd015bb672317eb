package io.dtf.client;

import io.dtf.suite.SuiteLimits;
import java.util.Optional;

/**
 * The size bound of one submission ({@link SuiteLimits#MAX_SUBMISSION_CHARS} characters of suite
 * JSON), checked by the client before it sends and by the coordinator before it parses.
 */
public final class SubmissionSize {
    private SubmissionSize() {
    }

    /** Why {@code suiteJson} may not be submitted for its size; empty when it may. */
    public static Optional<String> check(String suiteJson) {
        if (suiteJson == null) {
            return Optional.of("submission: no suite was sent");
        }
        if (suiteJson.length() > SuiteLimits.MAX_SUBMISSION_CHARS) {
            return Optional.of("submission: the suite is " + suiteJson.length() + " characters of JSON; the limit is "
                    + SuiteLimits.MAX_SUBMISSION_CHARS + " (" + (SuiteLimits.MAX_SUBMISSION_CHARS >> 20)
                    + " Mi): split it into several suites");
        }
        return Optional.empty();
    }
}
