package io.dtf.stats;

import java.util.Locale;

/** Which way is better for a metric. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /**
     * Inferred from a unit when the data does not say: rates (ops/s, GB/s, GFLOP/s, MB/s, fps) are
     * higher-is-better; times and sizes (ns, us, ms, s, bytes) are lower-is-better.
     */
    public static Direction fromUnit(String unit) {
        String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
        if (u.contains("/s") || u.contains("/sec") || u.equals("fps") || u.endsWith("ops") || u.contains("flop")
                || u.equals("hz")) {
            return HIGHER_IS_BETTER;
        }
        return LOWER_IS_BETTER;
    }
}
