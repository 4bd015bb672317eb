package io.dtf.stats.compare;

import java.util.Arrays;
import java.util.Comparator;

/** Benjamini-Hochberg step-up adjustment: q-values controlling the false discovery rate. */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /**
     * Adjusted p-values in the input order (as R's {@code p.adjust(p, "BH")}). NaN entries are
     * not counted as tests and stay NaN.
     */
    public static double[] adjust(double[] pValues) {
        Integer[] order = java.util.stream.IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i]))
                .boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> i));
        double[] q = new double[pValues.length];
        Arrays.fill(q, Double.NaN);
        int m = order.length;
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, pValues[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
