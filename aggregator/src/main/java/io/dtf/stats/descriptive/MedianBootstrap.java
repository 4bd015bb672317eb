package io.dtf.stats.descriptive;

import java.util.SplittableRandom;

/** Seeded percentile bootstrap of the median: the same samples and seed always give the same interval. */
public final class MedianBootstrap {
    private MedianBootstrap() {
    }

    /**
     * The percentile-bootstrap interval of the median of {@code samples}.
     *
     * <pre>{@code Interval ci = MedianBootstrap.interval(samples, 0.95, 2000, 42);}</pre>
     */
    public static Interval interval(double[] samples, double confidence, int resamples, long seed) {
        if (samples.length == 0) {
            return new Interval(Double.NaN, Double.NaN, confidence);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        double[] medians = new double[resamples];
        int[] counts = new int[sorted.length];
        for (int r = 0; r < resamples; r++) {
            medians[r] = resampledMedian(sorted, counts, random);
        }
        java.util.Arrays.sort(medians);
        double tail = (1 - confidence) / 2;
        return new Interval(Quantiles.percentileOfSorted(medians, tail), Quantiles.percentileOfSorted(medians, 1 - tail),
                confidence);
    }

    /**
     * The median of one resample (with replacement) of {@code sorted}: counts how often each
     * index is drawn and walks the counts, which is O(n) and needs no sort. {@code counts} is
     * scratch space of the same length.
     */
    public static double resampledMedian(double[] sorted, int[] counts, SplittableRandom random) {
        int n = sorted.length;
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
        int lowerRank = (n - 1) / 2;
        int upperRank = n / 2;
        double lower = Double.NaN;
        int seen = 0;
        for (int j = 0; j < n; j++) {
            seen += counts[j];
            if (Double.isNaN(lower) && seen > lowerRank) {
                lower = sorted[j];
            }
            if (seen > upperRank) {
                return (lower + sorted[j]) / 2;
            }
        }
        return lower;
    }
}
