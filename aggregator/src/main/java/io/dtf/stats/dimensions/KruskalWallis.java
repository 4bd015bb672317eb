package io.dtf.stats.dimensions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.math3.special.Gamma;

/** Kruskal-Wallis H test with tie correction; the p-value from chi-square with k - 1 df (as R's kruskal.test). */
public final class KruskalWallis {
    private KruskalWallis() {
    }

    /** @param epsilonSquared rank effect size {@code H / (N - 1)}: the share of rank variance the groups explain */
    public record Result(double h, int df, double pValue, double epsilonSquared) {
    }

    public static Result test(List<double[]> groups) {
        List<double[]> used = groups.stream().filter(g -> g.length > 0).toList();
        int total = used.stream().mapToInt(g -> g.length).sum();
        if (used.size() < 2 || total < 3) {
            return new Result(0, Math.max(0, used.size() - 1), 1.0, 0);
        }
        List<double[]> pooled = new ArrayList<>(total);
        for (int g = 0; g < used.size(); g++) {
            for (double v : used.get(g)) {
                pooled.add(new double[] {v, g});
            }
        }
        pooled.sort(Comparator.comparingDouble(x -> x[0]));
        double[] rankSums = new double[used.size()];
        double tieTerm = 0;
        int i = 0;
        while (i < total) {
            int j = i;
            while (j + 1 < total && pooled.get(j + 1)[0] == pooled.get(i)[0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rankSums[(int) pooled.get(k)[1]] += rank;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double sum = 0;
        for (int g = 0; g < used.size(); g++) {
            sum += rankSums[g] * rankSums[g] / used.get(g).length;
        }
        double n = total;
        double h = 12 / (n * (n + 1)) * sum - 3 * (n + 1);
        double correction = 1 - tieTerm / (n * n * n - n);
        h = correction > 0 ? h / correction : 0;
        int df = used.size() - 1;
        double p = h > 0 ? Gamma.regularizedGammaQ(df / 2.0, h / 2) : 1.0;
        return new Result(h, df, p, h / (n - 1));
    }
}
