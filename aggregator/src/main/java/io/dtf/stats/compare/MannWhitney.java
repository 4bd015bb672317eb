package io.dtf.stats.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.commons.math3.special.Erf;

/**
 * Two-sided Mann-Whitney U test. Without ties and with {@code n*m <= }{@value #EXACT_LIMIT} the
 * p-value comes from the exact null distribution (the normal approximation that commons-math3 uses
 * is biased for small samples); with ties and small samples from a seeded permutation test; else
 * from the normal approximation with tie and continuity correction (as SciPy's
 * {@code mannwhitneyu(method="asymptotic")}).
 */
public final class MannWhitney {
    /** Largest {@code n*m} for the exact distribution (its cost is O(min(n,m) * n * m)). */
    public static final int EXACT_LIMIT = 10_000;
    /** Largest {@code n+m} for the permutation test when there are ties. */
    public static final int PERMUTATION_LIMIT = 40;
    private static final int PERMUTATIONS = 4000;

    private MannWhitney() {
    }

    /** The test of {@code a} against {@code b}; the seed only matters for small samples with ties. */
    public static RankTest test(double[] a, double[] b, long seed) {
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            return new RankTest(Double.NaN, 1.0, "none");
        }
        double[] pooled = new double[n + m];
        System.arraycopy(a, 0, pooled, 0, n);
        System.arraycopy(b, 0, pooled, n, m);
        Ranks ranks = Ranks.of(pooled);
        double rankSumA = 0;
        for (int i = 0; i < n; i++) {
            rankSumA += ranks.ranks()[i];
        }
        double u = rankSumA - n * (n + 1) / 2.0;
        if (!ranks.hasTies() && (long) n * m <= EXACT_LIMIT) {
            return new RankTest(u, exactTwoSided(u, n, m), "exact");
        }
        if (ranks.hasTies() && n + m <= PERMUTATION_LIMIT) {
            return new RankTest(u, permutation(ranks.ranks(), n, u, seed), "permutation");
        }
        double mean = n * (double) m / 2;
        double total = n + m;
        double variance = n * (double) m / 12 * ((total + 1) - ranks.tieTerm() / (total * (total - 1)));
        if (variance <= 0) {
            return new RankTest(u, 1.0, "normal");
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        double p = Math.min(1.0, Erf.erfc(Math.max(z, 0) / Math.sqrt(2)));
        return new RankTest(u, p, "normal");
    }

    /**
     * Exact two-sided p: 2 P(U <= min(U, nm - U)). The counts of U are the coefficients of the
     * Gaussian binomial [n+m choose k]_q built one factor at a time; the lower tail only ever adds
     * small non-negative numbers, so it is accurate in doubles.
     */
    static double exactTwoSided(double u, int n, int m) {
        int k = Math.min(n, m);
        int other = Math.max(n, m);
        int max = n * m;
        int lowTail = (int) Math.floor(Math.min(u, max - u));
        double[] c = new double[max + 1];
        c[0] = 1;
        int degree = 0;
        for (int i = 1; i <= k; i++) {
            int a = other + i;
            degree += other;
            for (int j = Math.min(degree + i, max); j >= a; j--) {
                c[j] -= c[j - a];
            }
            for (int j = i; j <= max; j++) {
                c[j] += c[j - i];
            }
        }
        double tail = 0;
        for (int j = 0; j <= lowTail; j++) {
            tail += c[j];
        }
        double total = binomial(n + m, k);
        return Math.min(1.0, 2 * tail / total);
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static double permutation(double[] ranks, int n, double u, long seed) {
        double mean = n * (double) (ranks.length - n) / 2;
        double observed = Math.abs(u - mean) - 1e-9;
        SplittableRandom random = new SplittableRandom(seed);
        double[] shuffled = ranks.clone();
        int extreme = 0;
        for (int r = 0; r < PERMUTATIONS; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(shuffled.length - i);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
                sum += shuffled[i];
            }
            if (Math.abs(sum - n * (n + 1) / 2.0 - mean) >= observed) {
                extreme++;
            }
        }
        return (extreme + 1.0) / (PERMUTATIONS + 1.0);
    }

    /** Mid-ranks of a sample and the tie term {@code sum(t^3 - t)} over groups of ties. */
    record Ranks(double[] ranks, double tieTerm) {
        boolean hasTies() {
            return tieTerm > 0;
        }

        static Ranks of(double[] values) {
            int len = values.length;
            Integer[] order = new Integer[len];
            for (int i = 0; i < len; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
            double[] ranks = new double[len];
            double tieTerm = 0;
            int i = 0;
            while (i < len) {
                int j = i;
                while (j + 1 < len && values[order[j + 1]] == values[order[i]]) {
                    j++;
                }
                double rank = (i + j) / 2.0 + 1;
                for (int t = i; t <= j; t++) {
                    ranks[order[t]] = rank;
                }
                double ties = j - i + 1;
                tieTerm += ties * ties * ties - ties;
                i = j + 1;
            }
            return new Ranks(ranks, tieTerm);
        }
    }
}
