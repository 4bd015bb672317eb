package io.dtf.benchmark;

import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs one {@link Benchmark} as JMH runs one: setup, warm-up iterations until the benchmark is
 * steady, measured iterations, teardown (always, even after a failure). Each iteration invokes
 * {@link Benchmark#iteration} again and again until the {@link Measurement#iterationTime()} has
 * passed, so that a JIT still compiling or a call too short to time alone is not what gets reported.
 *
 * <pre>{@code
 * List<Metric> metrics = new BenchmarkHarness()                    // the benchmark's own settings
 *         .withDeadline(Instant.now().plusSeconds(60))
 *         .run(new MatmulBenchmark(), Map.of("n", "512"));
 * // "throughput" in GFLOP/s (a sample per measured iteration), "iteration_time", "invocations",
 * // "warmup_iterations", "warmup_time", "warmup_steady", "steady"
 * List<Metric> exact = new BenchmarkHarness(Measurement.singleShots(2, 5)).run(benchmark, params);
 * }</pre>
 *
 * <p><b>An iteration's value</b> combines its invocations' values: for a benchmark where higher is
 * better (a rate) their harmonic mean, which is the total work over the total time when every
 * invocation does the same work; otherwise (a time) their arithmetic mean.
 *
 * <p><b>Warm-up</b> runs at least {@link Measurement#warmup()} iterations and then goes on until the
 * last {@link MeasurementDefaults#STEADY_WINDOW} are {@link Steadiness#settled settled} or the
 * {@link Measurement#warmupTime()} has passed. <b>Measured</b> iterations that still
 * {@link Steadiness#trends trend} make the result unsteady: {@link #STEADY} is 0.
 *
 * <p>With {@link #withCheckpoints} the benchmark's {@link BenchmarkContext#checkpoint checkpoints}
 * go to a store and the state an earlier attempt saved there is {@link BenchmarkContext#restored()
 * restored}: the benchmark decides what to skip; the harness still runs setup, every warm-up and
 * measured iteration, and teardown.
 *
 * <p>It stops with {@link BenchmarkCancelledException} when its thread is interrupted or the
 * deadline passes: checked before every invocation, and within invocations that call
 * {@link BenchmarkContext#checkCancelled()}. Exceptions from the benchmark itself pass through unchanged.
 */
public final class BenchmarkHarness {
    /** Each measured iteration's wall time, in milliseconds (all its invocations). */
    public static final String ITERATION_TIME = "iteration_time";
    /** Invocations of the benchmark in each measured iteration; only when iterations are timed. */
    public static final String INVOCATIONS = "invocations";
    /** How many warm-up iterations ran; only when warm-up ran. */
    public static final String WARMUP_ITERATIONS = "warmup_iterations";
    /** How long warm-up took, in milliseconds; only when warm-up ran. */
    public static final String WARMUP_TIME = "warmup_time";
    /** 1 when warm-up ended on steady iterations, 0 when it ended at its time limit; only when warm-up ran. */
    public static final String WARMUP_STEADY = "warmup_steady";
    /**
     * 1 when the measured iterations show no trend, 0 when they still trend (the result is unsteady);
     * only with at least {@link MeasurementDefaults#MIN_TREND_SAMPLES} measured iterations.
     */
    public static final String STEADY = "steady";
    /**
     * What the harness records about how a benchmark was measured, not what it measured: kept with
     * every result, left out of summary tables and of the series that regression detection reads.
     */
    public static final Set<String> MEASUREMENT_FACTS = Set.of(INVOCATIONS, WARMUP_ITERATIONS, WARMUP_TIME,
            WARMUP_STEADY, STEADY);
    /** The names the harness records; a benchmark may use none of them for its own metrics. */
    public static final Set<String> RESERVED = Set.of(ITERATION_TIME, INVOCATIONS, WARMUP_ITERATIONS, WARMUP_TIME,
            WARMUP_STEADY, STEADY);

    private final Measurement measurement;
    private final Instant deadline;
    private final CheckpointStore checkpoints;

    /** A harness that measures each benchmark with its own settings ({@link Benchmark#measurement()}). */
    public BenchmarkHarness() {
        this(null, null, CheckpointStore.NONE);
    }

    /** A harness that measures every benchmark with {@code measurement}. */
    public BenchmarkHarness(Measurement measurement) {
        this(requireMeasurement(measurement), null, CheckpointStore.NONE);
    }

    private BenchmarkHarness(Measurement measurement, Instant deadline, CheckpointStore checkpoints) {
        this.measurement = measurement;
        this.deadline = deadline;
        this.checkpoints = checkpoints;
    }

    /** A harness that stops the run at {@code deadline} (null: no deadline). */
    public BenchmarkHarness withDeadline(Instant deadline) {
        return new BenchmarkHarness(measurement, deadline, checkpoints);
    }

    /** A harness whose runs save and restore the task's progress in {@code store}. */
    public BenchmarkHarness withCheckpoints(CheckpointStore store) {
        return new BenchmarkHarness(measurement, deadline, store == null ? CheckpointStore.NONE : store);
    }

    /**
     * Runs {@code benchmark} with {@code params}.
     *
     * @return the benchmark's own metric (one sample per measured iteration), {@link #ITERATION_TIME},
     *         then those of {@link #RESERVED} that apply, then the metrics it {@link BenchmarkContext#report reported}
     */
    public List<Metric> run(Benchmark benchmark, Map<String, String> params) throws Exception {
        if (RESERVED.contains(benchmark.metric())) {
            throw new IllegalArgumentException("benchmark " + benchmark.name() + " may not name its metric "
                    + benchmark.metric() + ": the harness records that one");
        }
        Measurement m = measurement != null ? measurement
                : Objects.requireNonNullElse(benchmark.measurement(), Measurement.DEFAULTS);
        BenchmarkContext ctx = new BenchmarkContext(params, deadline, checkpoints);
        ctx.checkCancelled();
        benchmark.setup(ctx);
        Throwable failure = null;
        Warmup warmup;
        List<Iteration> measured = new ArrayList<>(m.iterations());
        try {
            warmup = warmUp(benchmark, ctx, m);
            for (int i = 0; i < m.iterations(); i++) {
                measured.add(iterate(benchmark, ctx, m, "measured iteration " + (i + 1)));
            }
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            teardown(benchmark, ctx, failure);
        }
        List<Metric> metrics = new ArrayList<>(List.of(
                new Metric(benchmark.metric(), benchmark.unit(), measured.stream().map(Iteration::value).toList()),
                new Metric(ITERATION_TIME, "ms", measured.stream().map(Iteration::millis).toList())));
        if (!m.iterationTime().isZero()) {
            metrics.add(new Metric(INVOCATIONS, "", measured.stream().map(it -> (double) it.invocations()).toList()));
        }
        if (m.warmup() > 0) {
            metrics.add(new Metric(WARMUP_ITERATIONS, "", List.of((double) warmup.iterations())));
            metrics.add(new Metric(WARMUP_TIME, "ms", List.of(warmup.millis())));
            metrics.add(new Metric(WARMUP_STEADY, "", List.of(warmup.steady() ? 1.0 : 0.0)));
        }
        if (m.iterations() >= MeasurementDefaults.MIN_TREND_SAMPLES) {
            double[] values = measured.stream().mapToDouble(Iteration::value).toArray();
            metrics.add(new Metric(STEADY, "", List.of(Steadiness.trends(values) ? 0.0 : 1.0)));
        }
        for (Metric extra : ctx.reported()) {
            if (extra.name().equals(benchmark.metric()) || RESERVED.contains(extra.name())) {
                throw new IllegalStateException("benchmark " + benchmark.name() + " reported a metric named "
                        + extra.name() + ", a name the run's results already use");
            }
            metrics.add(extra);
        }
        return List.copyOf(metrics);
    }

    private record Iteration(double value, double millis, long invocations) {
    }

    private record Warmup(int iterations, double millis, boolean steady) {
    }

    /** At least {@code m.warmup()} iterations, then more until the last few are settled or the warm-up time is up. */
    private static Warmup warmUp(Benchmark benchmark, BenchmarkContext ctx, Measurement m) throws Exception {
        if (m.warmup() == 0) {
            return new Warmup(0, 0, false);
        }
        long start = System.nanoTime();
        long limit = nanos(m.warmupTime());
        ArrayDeque<Double> window = new ArrayDeque<>(MeasurementDefaults.STEADY_WINDOW);
        int done = 0;
        boolean steady = false;
        while (done < m.warmup() || (!steady && System.nanoTime() - start < limit)) {
            double value = iterate(benchmark, ctx, m, "warm-up iteration " + (done + 1)).value();
            done++;
            if (window.size() == MeasurementDefaults.STEADY_WINDOW) {
                window.removeFirst();
            }
            window.addLast(value);
            steady = window.size() == MeasurementDefaults.STEADY_WINDOW
                    && Steadiness.settled(window.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new Warmup(done, (System.nanoTime() - start) / 1e6, steady);
    }

    /** Invokes the benchmark until the iteration time has passed (at least once). */
    private static Iteration iterate(Benchmark benchmark, BenchmarkContext ctx, Measurement m, String which)
            throws Exception {
        long minNanos = nanos(m.iterationTime());
        long start = System.nanoTime();
        Invocations invocations = new Invocations();
        long now;
        do {
            ctx.checkCancelled();
            double value = benchmark.iteration(ctx);
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("benchmark " + benchmark.name() + " returned " + value + " from "
                        + which + "; a result must be a finite number");
            }
            invocations.add(value);
            now = System.nanoTime();
        } while (now - start < minNanos);
        return new Iteration(invocations.value(benchmark.higherIsBetter()), (now - start) / 1e6, invocations.count());
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static Measurement requireMeasurement(Measurement m) {
        if (m == null) {
            throw new IllegalArgumentException("a measurement is required; use new BenchmarkHarness() for the "
                    + "benchmark's own");
        }
        return m;
    }

    private static void teardown(Benchmark benchmark, BenchmarkContext ctx, Throwable failure) throws Exception {
        try {
            benchmark.teardown(ctx);
        } catch (Exception e) {
            if (failure == null) {
                throw e;
            }
            // The first failure is the one worth reporting; keep this one attached to it.
            failure.addSuppressed(e);
        }
    }
}
