package io.dtf.stats.dimensions;

import java.util.List;

/**
 * One benchmark and metric across its configurations.
 *
 * @param dimensions strongest first (by epsilon squared)
 * @param best       null when no configuration's interval clears the runner-up (or fewer than two)
 */
public record BenchmarkDimensions(String benchmark, String metric, String unit, int series,
                                  List<DimensionEffect> dimensions, BestConfiguration best) {
    public BenchmarkDimensions {
        dimensions = List.copyOf(dimensions);
    }
}
