package io.dtf.stats.flaky;

/**
 * A test's failures against one hardware attribute value: the 2x2 table (failed / passed with the
 * value, failed / passed without it), Fisher's two-sided p-value and the Benjamini-Hochberg q-value
 * across every table tested together.
 */
public record AttributeCorrelation(String test, String attribute, String value, int failedWith, int passedWith,
                                   int failedWithout, int passedWithout, double pValue, double qValue) {
    /** Failure rate with the value minus without it. */
    public double failureRateDifference() {
        return (double) failedWith / (failedWith + passedWith)
                - (double) failedWithout / Math.max(1, failedWithout + passedWithout);
    }
}
