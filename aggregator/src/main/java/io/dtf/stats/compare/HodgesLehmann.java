package io.dtf.stats.compare;

import io.dtf.stats.descriptive.Quantiles;

/** The Hodges-Lehmann shift: the median of all pairwise differences {@code a[i] - b[j]}. */
public final class HodgesLehmann {
    private HodgesLehmann() {
    }

    /** The two-sample shift estimate of {@code a} relative to {@code b} (as R's {@code wilcox.test(conf.int=TRUE)}). */
    public static double shift(double[] a, double[] b) {
        double[] differences = new double[a.length * b.length];
        int k = 0;
        for (double x : a) {
            for (double y : b) {
                differences[k++] = x - y;
            }
        }
        return Quantiles.medianInPlace(differences, differences.length);
    }
}
