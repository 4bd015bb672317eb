package io.dtf.stats.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.dtf.stats.descriptive.MedianBootstrap;
import io.dtf.stats.descriptive.Quantiles;

/**
 * The median ratio {@code median(current) / median(baseline) - 1} in percent with a seeded
 * percentile-bootstrap interval, both sides resampled independently.
 */
public final class MedianRatio {
    private MedianRatio() {
    }

    /**
     * Effect of {@code current} against {@code baseline}.
     *
     * <pre>{@code Effect e = MedianRatio.effect(latestSamples, baselineRunMedians, 0.95, 2000, 42);}</pre>
     */
    public static Effect effect(double[] current, double[] baseline, double confidence, int resamples, long seed) {
        double base = Quantiles.median(baseline);
        double estimate = (Quantiles.median(current) / base - 1) * 100;
        if (resamples <= 0) {
            return new Effect(estimate, Double.NaN, Double.NaN);
        }
        // Resample from sorted copies so the interval does not depend on the order the samples came in.
        double[] c = current.clone();
        double[] b = baseline.clone();
        Arrays.sort(c);
        Arrays.sort(b);
        int[] cc = new int[c.length];
        int[] bc = new int[b.length];
        double[] ratios = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            double cm = MedianBootstrap.resampledMedian(c, cc, random);
            ratios[r] = (cm / MedianBootstrap.resampledMedian(b, bc, random) - 1) * 100;
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        return new Effect(estimate, Quantiles.percentileOfSorted(ratios, tail),
                Quantiles.percentileOfSorted(ratios, 1 - tail));
    }
}
