package io.dtf.stats.descriptive;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * What one run measured, summarised the way JMH and Criterion report it.
 *
 * @param percentiles p1, p5, p10, p25, p75, p90, p95, p99 keyed by percent (ordered map)
 * @param error999    half-width of the 99.9% Student-t interval of the mean, as JMH's "Error"
 * @param mean999     that interval
 * @param medianCi    95% seeded percentile-bootstrap interval of the median
 */
public record RunStats(int n, double mean, double median, double mad, double sd, double min, double max, double cv,
                       Map<Integer, Double> percentiles, TukeyFences fences, double error999, Interval mean999,
                       Interval medianCi) {
    /** Resamples and seed used by {@link #of(List)}. */
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final long DEFAULT_SEED = 42;
    private static final int[] PERCENTS = {1, 5, 10, 25, 75, 90, 95, 99};

    public RunStats {
        percentiles = java.util.Collections.unmodifiableMap(new TreeMap<>(percentiles));
    }

    /** Summary with 2000 bootstrap resamples and seed 42. */
    public static RunStats of(List<Double> samples) {
        return of(Quantiles.toArray(samples), DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * Summary of {@code samples} (at least one).
     *
     * <pre>{@code RunStats s = RunStats.of(new double[] {10.1, 10.3, 9.9}, 2000, 42);}</pre>
     */
    public static RunStats of(double[] samples, int resamples, long seed) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("a run needs at least one sample");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
        Map<Integer, Double> percentiles = new TreeMap<>();
        for (int p : PERCENTS) {
            percentiles.put(p, Quantiles.percentileOfSorted(sorted, p / 100.0));
        }
        double error = n > 1 ? studentQuantile(0.999, n - 1) * sd / Math.sqrt(n) : Double.NaN;
        return new RunStats(n, mean, Quantiles.percentileOfSorted(sorted, 0.5), Quantiles.mad(sorted), sd, sorted[0],
                sorted[n - 1], sd / mean, percentiles, TukeyFences.ofSorted(sorted), error,
                new Interval(mean - error, mean + error, 0.999),
                MedianBootstrap.interval(sorted, 0.95, resamples, seed));
    }

    /** The two-sided Student-t critical value: {@code t} with P(|T| <= t) = confidence. */
    public static double studentQuantile(double confidence, double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }
}
