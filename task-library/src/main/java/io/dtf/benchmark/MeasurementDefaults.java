package io.dtf.benchmark;

import java.time.Duration;

/**
 * Every default of how a benchmark is measured, in one place (as JMH keeps its own in
 * {@code Defaults}). A benchmark may choose others ({@link Benchmark#measurement()}) and a suite
 * may override each per task; docs/TASK-TYPES.md explains the choice of values.
 *
 * <p>Sized for a short run that still reports warmed-up figures. No test of steadiness can tell a
 * slow plateau (code still interpreted, a compile still queued) from the steady state while it
 * lasts, so warm-up first runs for a fixed least time: ten 100 ms iterations, a second, in which
 * the JIT compiled the built-ins' hot loops on a 2-core machine. Then it goes on while the
 * iterations still climb, for at most five seconds, and ten measured 100 ms iterations give the
 * trend test enough power to flag what warm-up missed.
 */
public final class MeasurementDefaults {
    /** The fewest warm-up iterations; warm-up goes on past them until it is steady. */
    public static final int WARMUP = 10;
    /** The most time warm-up may take to become steady, counted from its start. */
    public static final Duration WARMUP_TIME = Duration.ofSeconds(5);
    /** Measured iterations: one sample each. */
    public static final int ITERATIONS = 10;
    /** The least time of one iteration: the benchmark is invoked again and again until it has passed. */
    public static final Duration ITERATION_TIME = Duration.ofMillis(100);

    /** Warm-up is steady when this many last iterations show no drift beyond {@link #TOLERANCE}. */
    public static final int STEADY_WINDOW = 5;
    /**
     * The change that matters, as a fraction of the iterations' median: for warm-up, how far a
     * Theil–Sen line through the window moves ({@link Steadiness#drift}); for measured iterations,
     * how far the last third lies from the first ({@link Steadiness#shift}).
     */
    public static final double TOLERANCE = 0.05;
    /** Measured iterations needed before their trend can be tested (Mann–Kendall cannot reject with fewer). */
    public static final int MIN_TREND_SAMPLES = 5;
    /** The two-sided 5% critical value of the Mann–Kendall statistic's normal approximation. */
    public static final double TREND_Z = 1.959964;

    private MeasurementDefaults() {
    }
}
