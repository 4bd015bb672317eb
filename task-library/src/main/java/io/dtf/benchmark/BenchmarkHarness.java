package io.dtf.benchmark;

import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link Benchmark}: setup, {@code warmup} unrecorded iterations, {@code iterations}
 * measured ones, teardown (always, even after a failure).
 *
 * <pre>{@code
 * List<Metric> metrics = new BenchmarkHarness(2, 10)
 *         .withDeadline(Instant.now().plusSeconds(60))
 *         .run(new MatmulBenchmark(), Map.of("n", "512"));
 * // metrics.get(0): "throughput" in GFLOP/s, 10 samples; metrics.get(1): "iteration_time" in ms
 * }</pre>
 *
 * <p>With {@link #withCheckpoints} the benchmark's {@link BenchmarkContext#checkpoint checkpoints}
 * go to a store and the state an earlier attempt saved there is {@link BenchmarkContext#restored()
 * restored}: the benchmark decides what to skip; the harness still runs setup, every warm-up and
 * measured iteration, and teardown.
 *
 * <p>It stops with {@link BenchmarkCancelledException} when its thread is interrupted or the
 * deadline passes: checked before every iteration, and within iterations that call
 * {@link BenchmarkContext#checkCancelled()}. Exceptions from the benchmark itself pass through unchanged.
 */
public final class BenchmarkHarness {
    /** The name of the metric holding each measured iteration's wall time, in milliseconds. */
    public static final String ITERATION_TIME = "iteration_time";

    private final int warmup;
    private final int iterations;
    private final Instant deadline;
    private final CheckpointStore checkpoints;

    /**
     * @param warmup     unrecorded iterations first, at least 0
     * @param iterations measured iterations, at least 1
     */
    public BenchmarkHarness(int warmup, int iterations) {
        this(warmup, iterations, null, CheckpointStore.NONE);
    }

    private BenchmarkHarness(int warmup, int iterations, Instant deadline, CheckpointStore checkpoints) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must be 0 or more, got " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be 1 or more, got " + iterations);
        }
        this.warmup = warmup;
        this.iterations = iterations;
        this.deadline = deadline;
        this.checkpoints = checkpoints;
    }

    /** A harness that stops the run at {@code deadline} (null: no deadline). */
    public BenchmarkHarness withDeadline(Instant deadline) {
        return new BenchmarkHarness(warmup, iterations, deadline, checkpoints);
    }

    /** A harness whose runs save and restore the task's progress in {@code store}. */
    public BenchmarkHarness withCheckpoints(CheckpointStore store) {
        return new BenchmarkHarness(warmup, iterations, deadline, store == null ? CheckpointStore.NONE : store);
    }

    /**
     * Runs {@code benchmark} with {@code params}.
     *
     * @return the benchmark's own metric (one sample per measured iteration), {@link #ITERATION_TIME},
     *         then the metrics it {@link BenchmarkContext#report reported}
     */
    public List<Metric> run(Benchmark benchmark, Map<String, String> params) throws Exception {
        if (ITERATION_TIME.equals(benchmark.metric())) {
            throw new IllegalArgumentException("benchmark " + benchmark.name()
                    + " may not name its metric " + ITERATION_TIME + ": the harness records that one");
        }
        BenchmarkContext ctx = new BenchmarkContext(params, deadline, checkpoints);
        List<Double> values = new ArrayList<>(iterations);
        List<Double> times = new ArrayList<>(iterations);
        ctx.checkCancelled();
        benchmark.setup(ctx);
        Throwable failure = null;
        try {
            for (int i = 0; i < warmup; i++) {
                ctx.checkCancelled();
                benchmark.iteration(ctx);
            }
            for (int i = 0; i < iterations; i++) {
                ctx.checkCancelled();
                long start = System.nanoTime();
                double value = benchmark.iteration(ctx);
                times.add((System.nanoTime() - start) / 1e6);
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("benchmark " + benchmark.name() + " returned " + value
                            + " from iteration " + (i + 1) + "; a result must be a finite number");
                }
                values.add(value);
            }
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            teardown(benchmark, ctx, failure);
        }
        List<Metric> metrics = new ArrayList<>(List.of(new Metric(benchmark.metric(), benchmark.unit(), values),
                new Metric(ITERATION_TIME, "ms", times)));
        for (Metric extra : ctx.reported()) {
            if (extra.name().equals(benchmark.metric()) || extra.name().equals(ITERATION_TIME)) {
                throw new IllegalStateException("benchmark " + benchmark.name() + " reported a metric named "
                        + extra.name() + ", a name the run's results already use");
            }
            metrics.add(extra);
        }
        return List.copyOf(metrics);
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
