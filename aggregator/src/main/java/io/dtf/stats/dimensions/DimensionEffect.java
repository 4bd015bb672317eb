package io.dtf.stats.dimensions;

/**
 * How much one dimension (hardware, a parameter, a context entry) explains of a benchmark's
 * spread: Kruskal-Wallis across its values over the latest run's samples of every series.
 */
public record DimensionEffect(String dimension, int values, double h, double pValue, double epsilonSquared) {
}
