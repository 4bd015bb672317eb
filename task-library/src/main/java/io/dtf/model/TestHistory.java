package io.dtf.model;

/**
 * One test on one hardware class over a suite's latest runs, as the aggregator answers a
 * {@link TestQuery}. A run counts once per test and hardware class, by what the test did there in
 * that run, over every attempt: flaky when it both failed and passed (or a plan marked it FLAKY),
 * failed when it failed and never passed, passed when it only passed, skipped when it only skipped.
 *
 * @param uniqueId    the JUnit Platform unique id (selects the test again: {@code uid:...}); null when unknown
 * @param runs        runs in which the test ran on this hardware class
 * @param meanMillis  mean duration of the runs' test executions that were not skipped; 0 when none was
 * @param maxMillis   the longest of them
 * @param lastStatus  how the test ended in its latest execution here
 * @param lastFailure the message (else the failure type) of its latest failure here; null when it never failed
 * @param lastRun     the latest run in which it ran here
 */
public record TestHistory(
        String className,
        String method,
        String displayName,
        String uniqueId,
        String hwClass,
        int runs,
        int passedRuns,
        int failedRuns,
        int flakyRuns,
        int skippedRuns,
        double meanMillis,
        long maxMillis,
        TestStatus lastStatus,
        String lastFailure,
        String lastRun) {
}
