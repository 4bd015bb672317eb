package io.dtf.ci.report;

import io.dtf.model.TestCase;
import io.dtf.model.TestStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One test as every report shows it: its verdict and a name unique within its class.
 *
 * <p>The name is the method, and for a parameterised or dynamic test, or one with a display name of
 * its own, the method with the display name in brackets ({@code parses[[2] "a,b"]}): CI servers key
 * tests by class and name (GitLab keeps only the first of equal names), so invocations must differ.
 * Names still equal get {@code (2)}, {@code (3)}, ... in the order given. A failure of the class
 * itself (no method, e.g. in {@code @BeforeAll}) is named by its display name (the class's simple
 * name under JUnit Jupiter), or {@code initializationError}, as JUnit 4 names it, when it has none.
 *
 * @param outcome the test's attempts
 * @param verdict its last attempt's status, except that a pass after failed attempts is FLAKY
 * @param name    its name within its class
 */
record ReportedTest(TestOutcome outcome, TestStatus verdict, String name) {

    static final String CLASS_LEVEL_NAME = "initializationError";

    String className() {
        return outcome.last().className();
    }

    /** {@code com.example.ParserTest#parses}, how summaries name a test. */
    String id() {
        return className() + "#" + name;
    }

    TestCase last() {
        return outcome.last();
    }

    /** Every attempt, oldest first. */
    List<TestCase> attempts() {
        List<TestCase> all = new ArrayList<>(outcome.earlier());
        all.add(outcome.last());
        return all;
    }

    /** The hardware class of the node that ran the last attempt, {@code unknown} when not known. */
    String hwClass() {
        String hw = outcome.hwClass();
        return hw == null || hw.isBlank() ? "unknown" : hw;
    }

    /** The first attempt that failed or erred; for a test that never failed, the last attempt. */
    TestCase firstFailure() {
        return attempts().stream()
                .filter(t -> t.status() == TestStatus.FAILED || t.status() == TestStatus.ERROR)
                .findFirst().orElse(outcome.last());
    }

    boolean failed() {
        return verdict == TestStatus.FAILED || verdict == TestStatus.ERROR;
    }

    static List<ReportedTest> of(List<TestOutcome> outcomes) {
        Map<String, Integer> seen = new HashMap<>();
        List<ReportedTest> tests = new ArrayList<>(outcomes.size());
        for (TestOutcome outcome : outcomes) {
            if (outcome == null || outcome.last() == null) {
                throw new IllegalArgumentException("a test outcome needs its last attempt");
            }
            String base = baseName(outcome.last());
            int count = seen.merge(outcome.last().className() + "#" + base, 1, Integer::sum);
            String name = count == 1 ? base : base + " (" + count + ")";
            tests.add(new ReportedTest(outcome, verdict(outcome), name));
        }
        return tests;
    }

    static TestStatus verdict(TestOutcome outcome) {
        TestStatus last = outcome.last().status();
        boolean failedBefore = outcome.earlier().stream()
                .anyMatch(t -> t.status() == TestStatus.FAILED || t.status() == TestStatus.ERROR);
        return last == TestStatus.PASSED && failedBefore ? TestStatus.FLAKY : last;
    }

    private static String baseName(TestCase test) {
        String method = test.method();
        String display = test.displayName();
        if (method == null || method.isBlank()) {
            return display == null || display.isBlank() ? CLASS_LEVEL_NAME : display;
        }
        if (display == null || display.isBlank() || display.equals(method) || display.equals(method + "()")) {
            return method;
        }
        return method + "[" + display + "]";
    }
}
