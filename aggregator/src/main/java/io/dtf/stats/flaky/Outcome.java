package io.dtf.stats.flaky;

import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One attempt of a test: where it ran and how it ended.
 *
 * <p>An attempt either passed ({@code PASSED}, or {@code FLAKY}: the pass that ended a task after a
 * failed test attempt), failed as a test (the task's own doing: a test failure, a timeout, a bad
 * definition), or failed for the machine's reasons ({@link FailureCategory#isInfrastructure()}: the
 * node left, crashed the process, ran out of a resource). Only the first two say anything about the
 * test; the third says something about the node.
 *
 * @param node     the node that ran it; null when unknown (imported history)
 * @param category why it did not pass: null when it passed; when none was recorded (results from
 *                 before categories), {@link FailureCategory#defaultFor} its status, and
 *                 {@code TEST_FAILURE} when even that says nothing
 * @param error    why it did not pass, as reported (OutcomeReader falls back to the status); null when it passed
 */
public record Outcome(String test, String commit, String hardware, String node, Map<String, String> attributes,
                      TaskState status, FailureCategory category, String error) {
    public Outcome {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
        boolean passed = status != null && status.isSuccess();
        if (passed) {
            category = null;
            error = null;
        } else if (category == null) {
            FailureCategory byStatus = status == null ? null : FailureCategory.defaultFor(status);
            category = byStatus != null ? byStatus : FailureCategory.TEST_FAILURE;
        }
    }

    /** Whether the attempt passed, a flaky task's final pass included. */
    public boolean passed() {
        return category == null;
    }

    /** Whether this is the pass that ended a task FLAKY: evidence of a flaky test by itself. */
    public boolean endedFlaky() {
        return status == TaskState.FLAKY;
    }

    /** A failure of the test itself, the kind that makes a test flaky or fail-prone. */
    public boolean testFailure() {
        return category != null && !category.isInfrastructure();
    }

    /** A failure of the machine, not the test: counted against its node, never against the test. */
    public boolean infrastructureFailure() {
        return category != null && category.isInfrastructure();
    }
}
