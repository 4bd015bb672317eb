package io.dtf.stats.descriptive;

/** A two-sided interval around an estimate at the given confidence level (0..1). */
public record Interval(double low, double high, double confidence) {
    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    public double width() {
        return high - low;
    }
}
