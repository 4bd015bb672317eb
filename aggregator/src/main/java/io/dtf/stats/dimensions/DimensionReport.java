package io.dtf.stats.dimensions;

import java.util.List;

/** Every benchmark's dimensions and best configuration, ordered by benchmark, metric and unit. */
public record DimensionReport(List<BenchmarkDimensions> benchmarks) {
    public DimensionReport {
        benchmarks = List.copyOf(benchmarks);
    }
}
