package io.dtf.stats.trend;

import org.apache.commons.math3.special.Erf;

/**
 * Mann-Kendall test for a monotonic trend: S counts increasing minus decreasing pairs; its
 * variance is corrected for ties and the p-value (two-sided) comes from the normal approximation
 * with continuity correction (as R's {@code Kendall::MannKendall} and pyMannKendall).
 */
public final class MannKendall {
    private MannKendall() {
    }

    /** @param s Kendall's S; {@code tau = s / (n (n - 1) / 2)} */
    public record Result(double s, double variance, double z, double pValue) {
    }

    public static Result test(double[] v) {
        int n = v.length;
        if (n < 3) {
            return new Result(0, 0, 0, 1.0);
        }
        long s = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(v[j], v[i]) > 0 ? 1 : v[j] < v[i] ? -1 : 0;
            }
        }
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            tieTerm += t * (t - 1) * (2 * t + 5);
            i = j + 1;
        }
        double variance = (n * (n - 1.0) * (2 * n + 5) - tieTerm) / 18;
        double z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
        double p = variance > 0 ? Erf.erfc(Math.abs(z) / Math.sqrt(2)) : 1.0;
        return new Result(s, variance, z, Math.min(1.0, p));
    }
}
