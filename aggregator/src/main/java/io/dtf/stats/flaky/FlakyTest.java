package io.dtf.stats.flaky;

/**
 * A test that both passed and failed on the same commit and hardware class, or whose task ended
 * FLAKY there (it passed only after a failed test attempt). Infrastructure failures are not counted.
 *
 * @param passes      attempts that passed and ended their task PASSED
 * @param flakyPasses attempts that passed and ended their task FLAKY: passed, but not plainly
 * @param failures    attempts that failed as a test
 */
public record FlakyTest(String test, String commit, String hardware, int passes, int flakyPasses, int failures) {
    /** Test failures among the attempts that passed or failed as a test. */
    public double failureRate() {
        return (double) failures / (passes + flakyPasses + failures);
    }
}
