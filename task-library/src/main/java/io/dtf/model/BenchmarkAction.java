package io.dtf.model;

import java.time.Duration;

/**
 * Runs a Java {@code Benchmark} by name. Each measurement setting is the suite's override, or null
 * for the benchmark's own default ({@code io.dtf.benchmark.Measurement} says what each one means).
 *
 * @param warmup        the fewest warm-up iterations (0: none)
 * @param iterations    measured iterations
 * @param warmupTime    the most time warm-up may take to become steady
 * @param iterationTime the least time of one iteration (0: one invocation per iteration)
 */
public record BenchmarkAction(String benchmark, Integer warmup, Integer iterations, Duration warmupTime,
                              Duration iterationTime) implements TaskAction {

    /** Exactly {@code warmup} then {@code iterations} iterations of one invocation each. */
    public BenchmarkAction(String benchmark, int warmup, int iterations) {
        this(benchmark, warmup, iterations, Duration.ZERO, Duration.ZERO);
    }

    /** The benchmark with all its own measurement settings. */
    public static BenchmarkAction withDefaults(String benchmark) {
        return new BenchmarkAction(benchmark, null, null, null, null);
    }

    @Override
    public String typeName() {
        return "benchmark";
    }
}
