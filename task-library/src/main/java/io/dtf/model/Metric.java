package io.dtf.model;

import java.util.List;

/**
 * One measured quantity with every sample kept (statistics want samples, not only means).
 *
 * @param unit free text such as {@code ms}, {@code GB/s}, {@code ops/s}; empty when unitless
 */
public record Metric(String name, String unit, List<Double> samples) {
    public Metric {
        unit = unit == null ? "" : unit;
        samples = List.copyOf(samples);
    }

    public double mean() {
        return samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
