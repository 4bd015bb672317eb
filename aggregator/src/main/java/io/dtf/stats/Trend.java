package io.dtf.stats;

/** Slow drift: Theil-Sen slope (units per run) and its Mann-Kendall significance. */
public record Trend(double slope, double slopePercentPerRun, double pValue, boolean significant) {
}
