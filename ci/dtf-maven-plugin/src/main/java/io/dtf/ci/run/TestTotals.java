package io.dtf.ci.run;

import io.dtf.ci.report.TestOutcome;
import io.dtf.model.TestStatus;
import java.util.List;
import java.util.Locale;

/** The counts of a finished run, as Surefire's "Results:" block gives them. */
public record TestTotals(int run, int failures, int errors, int skipped, int flaky) {

    public static TestTotals of(List<TestOutcome> outcomes) {
        return new TestTotals(outcomes.size(), count(outcomes, TestStatus.FAILED), count(outcomes, TestStatus.ERROR),
                count(outcomes, TestStatus.SKIPPED), count(outcomes, TestStatus.FLAKY));
    }

    /** Whether the build should fail: failures or errors, or flaky tests when those count too. */
    public boolean failsBuild(boolean failOnFlaky) {
        return failures + errors > 0 || failOnFlaky && flaky > 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Flakes: %d", run,
                failures, errors, skipped, flaky);
    }

    private static int count(List<TestOutcome> outcomes, TestStatus status) {
        return (int) outcomes.stream().filter(o -> o.last().status() == status).count();
    }
}
