package io.dtf.stats.trend;

import io.dtf.stats.descriptive.Quantiles;

/** Theil-Sen slope: the median of the slopes between every pair of points, robust to outliers. */
public final class TheilSen {
    private TheilSen() {
    }

    /** Slope per step of {@code v} against its index 0, 1, 2, ... */
    public static double slope(double[] v) {
        int n = v.length;
        if (n < 2) {
            return 0;
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (v[j] - v[i]) / (j - i);
            }
        }
        return Quantiles.medianInPlace(slopes, k);
    }
}
