package io.dtf.benchmark;

import java.time.Duration;

/**
 * How a benchmark is measured, in the manner of JMH: warm-up iterations that are not recorded, then
 * measured ones, each iteration invoking {@link Benchmark#iteration} repeatedly for at least
 * {@code iterationTime} (so a short invocation is measured over many, not once).
 *
 * <p>Warm-up runs at least {@code warmup} iterations, then goes on until its last
 * {@link MeasurementDefaults#STEADY_WINDOW} iterations are steady or {@code warmupTime} has passed
 * since it began. {@code warmup} 0 is no warm-up at all; {@code warmupTime} 0 is exactly
 * {@code warmup} iterations; {@code iterationTime} 0 is one invocation per iteration.
 *
 * <pre>{@code
 * Measurement m = Measurement.DEFAULTS.with(null, null, 20, Duration.ofMillis(200)); // 20 x 200 ms
 * Measurement cold = Measurement.singleShots(0, 1);                                 // one call, as is
 * }</pre>
 *
 * @param warmup        the fewest warm-up iterations, 0 or more
 * @param warmupTime    the most time warm-up may take to become steady, 0 or more
 * @param iterations    measured iterations, 1 or more
 * @param iterationTime the least time of each iteration, warm-up and measured, 0 or more
 */
public record Measurement(int warmup, Duration warmupTime, int iterations, Duration iterationTime) {
    /** The framework's defaults ({@link MeasurementDefaults}). */
    public static final Measurement DEFAULTS = new Measurement(MeasurementDefaults.WARMUP,
            MeasurementDefaults.WARMUP_TIME, MeasurementDefaults.ITERATIONS, MeasurementDefaults.ITERATION_TIME);
    /** One invocation, no warm-up: for a benchmark whose one call is the whole job (a resumable pass). */
    public static final Measurement SINGLE_SHOT = singleShots(0, 1);

    /** @throws IllegalArgumentException naming the field that is out of range */
    public Measurement {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more, got " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be 1 or more, got " + iterations);
        }
        requireNotNegative("warmupTime", warmupTime);
        requireNotNegative("iterationTime", iterationTime);
    }

    /** Exactly {@code warmup} then {@code iterations} iterations of one invocation each. */
    public static Measurement singleShots(int warmup, int iterations) {
        return new Measurement(warmup, Duration.ZERO, iterations, Duration.ZERO);
    }

    /** These settings with each non-null argument in place of its field (a suite's overrides). */
    public Measurement with(Integer warmup, Duration warmupTime, Integer iterations, Duration iterationTime) {
        return new Measurement(warmup != null ? warmup : this.warmup, warmupTime != null ? warmupTime : this.warmupTime,
                iterations != null ? iterations : this.iterations,
                iterationTime != null ? iterationTime : this.iterationTime);
    }

    private static void requireNotNegative(String field, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must be 0 or more, got " + value.toMillis() + "ms");
        }
    }
}
