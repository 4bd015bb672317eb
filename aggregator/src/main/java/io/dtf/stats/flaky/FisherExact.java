package io.dtf.stats.flaky;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Fisher's exact test on a 2x2 table {@code [[a, b], [c, d]]}: the two-sided p-value sums the
 * probabilities of every table with the same margins that is no more likely than the one observed
 * (R's {@code fisher.test} and SciPy's convention, with the same 1e-7 relative tolerance).
 */
public final class FisherExact {
    private FisherExact() {
    }

    public static double twoSided(int a, int b, int c, int d) {
        int row1 = a + b;
        int col1 = a + c;
        int n = a + b + c + d;
        int min = Math.max(0, col1 - (n - row1));
        int max = Math.min(row1, col1);
        double observed = logProbability(a, row1, col1, n);
        double p = 0;
        for (int x = min; x <= max; x++) {
            double lp = logProbability(x, row1, col1, n);
            if (lp <= observed + 1e-7) {
                p += Math.exp(lp);
            }
        }
        return Math.min(1.0, p);
    }

    /** log P(X = x) for the hypergeometric count in the top-left cell. */
    private static double logProbability(int x, int row1, int col1, int n) {
        return CombinatoricsUtils.binomialCoefficientLog(row1, x)
                + CombinatoricsUtils.binomialCoefficientLog(n - row1, col1 - x)
                - CombinatoricsUtils.binomialCoefficientLog(n, col1);
    }
}
