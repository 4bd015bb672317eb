package io.dtf.ci.report;

import java.util.Collection;

/** How many tests ended each way; a flaky test is counted as flaky only, not as passed. */
record Tally(int tests, int passed, int failed, int errors, int skipped, int flaky, long timeMillis) {

    static Tally of(Collection<ReportedTest> tests) {
        int passed = 0, failed = 0, errors = 0, skipped = 0, flaky = 0;
        long time = 0;
        for (ReportedTest test : tests) {
            switch (test.verdict()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERROR -> errors++;
                case SKIPPED -> skipped++;
                case FLAKY -> flaky++;
            }
            time += Math.max(0, test.last().durationMillis());
        }
        return new Tally(tests.size(), passed, failed, errors, skipped, flaky, time);
    }

    /** Failed assertions and errors together, what a build fails on. */
    int broken() {
        return failed + errors;
    }
}
