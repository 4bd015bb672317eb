package io.dtf.stats.descriptive;

/**
 * Tukey's fences: samples beyond the inner fences (1.5 IQR) are mild outliers, beyond the outer
 * fences (3 IQR) extreme ones. Counted and reported, never dropped, as Criterion does.
 */
public record TukeyFences(double lowOuter, double lowInner, double highInner, double highOuter, int mild,
                          int extreme) {

    /** Fences from the quartiles of {@code sorted} and how many samples fall outside them. */
    public static TukeyFences ofSorted(double[] sorted) {
        double q1 = Quantiles.percentileOfSorted(sorted, 0.25);
        double q3 = Quantiles.percentileOfSorted(sorted, 0.75);
        double iqr = q3 - q1;
        TukeyFences bounds = new TukeyFences(q1 - 3 * iqr, q1 - 1.5 * iqr, q3 + 1.5 * iqr, q3 + 3 * iqr, 0, 0);
        int mild = 0;
        int extreme = 0;
        for (double v : sorted) {
            if (v < bounds.lowOuter || v > bounds.highOuter) {
                extreme++;
            } else if (v < bounds.lowInner || v > bounds.highInner) {
                mild++;
            }
        }
        return new TukeyFences(bounds.lowOuter, bounds.lowInner, bounds.highInner, bounds.highOuter, mild, extreme);
    }
}
