package io.dtf.stats.changepoint;

import org.apache.commons.math3.special.Beta;

/** Pooled-variance two-sample Student t-test, as Hunter and Otava use to judge a split. */
public final class StudentT {
    private StudentT() {
    }

    /** Two-sided p-value for a difference in means between {@code v[from, split)} and {@code v[split, to)}. */
    public static double pValue(double[] v, int from, int split, int to) {
        int n1 = split - from;
        int n2 = to - split;
        if (n1 < 2 || n2 < 2) {
            return 1.0;
        }
        double m1 = mean(v, from, split);
        double m2 = mean(v, split, to);
        double ss = squares(v, from, split, m1) + squares(v, split, to, m2);
        double df = n1 + n2 - 2;
        double se = Math.sqrt(ss / df * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return m1 == m2 ? 1.0 : 0.0;
        }
        double t = (m1 - m2) / se;
        return twoSided(t, df);
    }

    /** P(|T| >= |t|) for Student's t with {@code df} degrees of freedom. */
    public static double twoSided(double t, double df) {
        return Beta.regularizedBeta(df / (df + t * t), df / 2, 0.5);
    }

    static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    private static double squares(double[] v, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - mean) * (v[i] - mean);
        }
        return s;
    }
}
