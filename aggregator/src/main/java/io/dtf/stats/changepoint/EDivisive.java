package io.dtf.stats.changepoint;

/**
 * The E-Divisive means statistic of Matteson and James (alpha = 1): for every split of a segment,
 * the energy distance between the two sides scaled by {@code m n / (m + n)}. The split with the
 * largest value is the best single change-point candidate. All splits cost O(L^2) together.
 */
public final class EDivisive {
    private EDivisive() {
    }

    /**
     * The best split {@code tau} of {@code v[from, to)} with at least {@code minSegment} points on
     * each side, or -1 when the segment is too short.
     */
    public static int bestSplit(double[] v, int from, int to, int minSegment) {
        int len = to - from;
        int min = Math.max(2, minSegment);
        if (len < 2 * min) {
            return -1;
        }
        // left[t]: sum of |vi - vj| over pairs inside v[from, from+t); right[t]: inside v[from+t, to).
        double[] left = new double[len + 1];
        for (int t = 1; t < len; t++) {
            double add = 0;
            double x = v[from + t];
            for (int i = from; i < from + t; i++) {
                add += Math.abs(x - v[i]);
            }
            left[t + 1] = left[t] + add;
        }
        double[] right = new double[len + 1];
        for (int t = len - 2; t >= 0; t--) {
            double add = 0;
            double x = v[from + t];
            for (int j = from + t + 1; j < to; j++) {
                add += Math.abs(x - v[j]);
            }
            right[t] = right[t + 1] + add;
        }
        double total = left[len];
        int best = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int t = min; t <= len - min; t++) {
            double m = t;
            double n = len - t;
            double between = total - left[t] - right[t];
            double energy = 2 * between / (m * n) - left[t] / (m * (m - 1) / 2) - right[t] / (n * (n - 1) / 2);
            double q = m * n / (m + n) * energy;
            if (q > bestQ) {
                bestQ = q;
                best = from + t;
            }
        }
        return best;
    }
}
