package io.dtf.stats.flaky;

/** A test that both passed and failed on the same commit and hardware class. */
public record FlakyTest(String test, String commit, String hardware, int passes, int failures) {
    public double failureRate() {
        return (double) failures / (passes + failures);
    }
}
