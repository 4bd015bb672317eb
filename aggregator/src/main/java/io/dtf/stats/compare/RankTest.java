package io.dtf.stats.compare;

/**
 * A two-sided rank test result.
 *
 * @param u      Mann-Whitney U of the first sample (pairs where it is larger, ties counting half)
 * @param method "exact", "permutation" or "normal"
 */
public record RankTest(double u, double pValue, String method) {
}
