package io.dtf.stats.outlier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.dtf.stats.compare.MinimumEffect;
import io.dtf.stats.descriptive.Quantiles;

/**
 * Outliers versus steps. Each point gets a robust z-score: its distance from the median of the
 * {@value #REFERENCE} points before it, over the series' noise (the MAD of successive
 * differences, which neither a step nor a spike inflates). A run of consecutive extreme points
 * on the same side is an outlier only if it is shorter than {@code persist} points and the series
 * came back after it (the median of the next {@code persist} points within half the threshold of
 * the level before); a run that persists is a step, left to the change-point scan. The newest
 * points are never called outliers: whether they persist is not known yet (the comparison gate
 * judges them); a trailing run of extreme points shorter than {@code persist} is held at the
 * reference level in the cleaned series only, so that it cannot pass for a change point either.
 */
public final class RobustOutliers {
    /** Points before a point that set its reference level. */
    public static final int REFERENCE = 10;

    private RobustOutliers() {
    }

    /**
     * Scan with {@code threshold} robust z (e.g. 5) and {@code persist} (e.g. 3: three shifted
     * points are a step).
     *
     * <pre>{@code OutlierScan scan = RobustOutliers.scan(levels, 5, 3);}</pre>
     */
    public static OutlierScan scan(double[] v, double threshold, int persist) {
        int n = v.length;
        double[] cleaned = v.clone();
        List<OutlierFlag> flags = new ArrayList<>();
        if (n < 4) {
            return new OutlierScan(flags, cleaned);
        }
        double level = Math.abs(Quantiles.median(v));
        double sigma = MinimumEffect.noisePercent(v) / 100 * level;
        sigma = Math.max(sigma, 1e-9 * Math.max(level, 1e-300));
        double[] reference = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            int from;
            int to;
            if (i >= 3) {
                from = Math.max(0, i - REFERENCE);
                to = i;
            } else {
                from = i + 1;
                to = Math.min(n, i + 1 + REFERENCE);
            }
            reference[i] = Quantiles.medianInPlace(Arrays.copyOfRange(v, from, to), to - from);
            z[i] = (v[i] - reference[i]) / sigma;
        }
        int i = 0;
        while (i < n) {
            if (Math.abs(z[i]) <= threshold) {
                i++;
                continue;
            }
            int end = i;
            while (end + 1 < n && Math.abs(z[end + 1]) > threshold && Math.signum(z[end + 1]) == Math.signum(z[i])) {
                end++;
            }
            boolean cameBack = cameBack(v, end + 1, persist, reference[i], sigma, threshold);
            boolean shortRun = end - i + 1 < persist;
            boolean pending = shortRun && end == n - 1;
            if (shortRun && cameBack || pending) {
                for (int k = i; k <= end; k++) {
                    if (!pending) {
                        flags.add(new OutlierFlag(k, z[k]));
                    }
                    cleaned[k] = reference[k];
                }
            }
            i = end + 1;
        }
        return new OutlierScan(flags, cleaned);
    }

    /**
     * Where the newest level starts when the last few points moved together: the earliest index
     * {@code s >= n - maxLength} such that every point from {@code s} on lies more than {@code z}
     * robust sigmas from the median of the {@value #REFERENCE} points before {@code s}, all on
     * the same side; {@code n - 1} when there is no such run.
     */
    public static int trailingRunStart(double[] v, double z, int maxLength) {
        int n = v.length;
        if (n < 4) {
            return n - 1;
        }
        double level = Math.abs(Quantiles.median(v));
        double sigma = Math.max(MinimumEffect.noisePercent(v) / 100 * level, 1e-9 * Math.max(level, 1e-300));
        for (int s = Math.max(3, n - maxLength); s < n - 1; s++) {
            int from = Math.max(0, s - REFERENCE);
            double reference = Quantiles.medianInPlace(Arrays.copyOfRange(v, from, s), s - from);
            double sign = Math.signum(v[n - 1] - reference);
            boolean together = true;
            for (int k = s; k < n && together; k++) {
                together = (v[k] - reference) * sign / sigma > z;
            }
            if (together) {
                return s;
            }
        }
        return n - 1;
    }

    /** Whether the (up to {@code persist}) points from {@code from} are back within half the threshold of the level before. */
    private static boolean cameBack(double[] v, int from, int persist, double reference, double sigma, double threshold) {
        int to = Math.min(v.length, from + persist);
        if (from >= to) {
            return false;
        }
        double after = Quantiles.medianInPlace(Arrays.copyOfRange(v, from, to), to - from);
        return Math.abs(after - reference) / sigma <= threshold / 2;
    }
}
