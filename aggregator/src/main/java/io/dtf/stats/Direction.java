package io.dtf.stats;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which way is better for a metric. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /**
     * Inferred from a unit when the data does not say: rates, something per unit of time (ops/s,
     * ops/ms as JMH writes them, GB/s, GFLOP/s, fps, Hz), are higher-is-better; everything else
     * (times such as ms or ms/op, sizes, counts) is lower-is-better. Every unit JMH writes is read its
     * way: throughput {@code ops/<time unit>} higher, time per operation {@code <time unit>/op} lower,
     * time units {@code ns us ms s min hr day}. A metric's name never decides.
     */
    public static Direction fromUnit(String unit) {
        String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
        return RATE.matcher(u).matches() ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    private static final Pattern RATE = Pattern.compile(".+/(s|sec|second|ms|us|µs|ns|min|h|hr|day)|fps|hz|.*flops?");
}
