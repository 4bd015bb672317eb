package io.dtf.benchmark;

/** The values of one iteration's invocations, combined into the iteration's value. */
final class Invocations {
    private long count;
    private double sum;
    private double reciprocals;
    private boolean positive = true;

    void add(double value) {
        count++;
        sum += value;
        positive &= value > 0;
        reciprocals += positive ? 1 / value : 0;
    }

    long count() {
        return count;
    }

    /**
     * For a rate (higher is better) the harmonic mean: when every invocation does the same work w,
     * n / sum(t_i / w) is the total work over the total time, as JMH's throughput is; the arithmetic
     * mean of rates would favour the fastest invocations. For a time, the arithmetic mean. A rate of
     * 0 or below has no harmonic mean; then the arithmetic mean too.
     */
    double value(boolean higherIsBetter) {
        return higherIsBetter && positive ? count / reciprocals : sum / count;
    }
}
