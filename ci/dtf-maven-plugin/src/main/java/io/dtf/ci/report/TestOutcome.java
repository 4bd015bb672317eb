package io.dtf.ci.report;

import io.dtf.model.TestCase;
import java.util.List;

/**
 * One test's verdict over all its attempts, what the reports show.
 *
 * @param last     its last attempt; its status is the verdict, FLAKY when an earlier attempt failed
 *                 and the last passed
 * @param earlier  the attempts before the last, oldest first (failed ones, as Surefire's
 *                 {@code flakyFailure} or {@code rerunFailure} elements)
 * @param nodeId   the node that ran the last attempt
 * @param hwClass  its hardware class
 */
public record TestOutcome(TestCase last, List<TestCase> earlier, String nodeId, String hwClass) {
    public TestOutcome {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }
}
