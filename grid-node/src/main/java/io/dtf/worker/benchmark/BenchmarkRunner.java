package io.dtf.worker.benchmark;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkCancelledException;
import io.dtf.benchmark.BenchmarkHarness;
import io.dtf.benchmark.Benchmarks;
import io.dtf.benchmark.Measurement;
import io.dtf.checkpoint.CheckpointStore;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import io.dtf.worker.FailureClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link BenchmarkAction} in this JVM with {@link BenchmarkHarness}, on a pooled thread of its own.
 *
 * <pre>{@code
 * AttemptOutcome outcome = new BenchmarkRunner(Benchmarks.standard())
 *         .run(BenchmarkAction.withDefaults("matmul"), Map.of("n", "512"), Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>The action's measurement settings override the benchmark's own ({@link Benchmark#measurement()})
 * one by one.
 *
 * <p>PASSED carries the harness's metrics. An unknown benchmark, bad measurement settings or a bad param is ERROR
 * with {@code BAD_DEFINITION} (it cannot run as written); running out of memory is ERROR with
 * {@code RESOURCE_EXHAUSTED}; any other exception from the benchmark, a failed assertion or check,
 * is FAILED with its message ({@link FailureClassifier#ofBenchmarkFailure}). The benchmark's
 * checkpoints go to the {@link CheckpointStore} given to {@link #run}; one that cannot be loaded or
 * saved stops the benchmark, and the attempt is ERROR with {@code INFRASTRUCTURE}. At the timeout
 * the benchmark's thread is interrupted and given two seconds to stop, and the attempt is TIMED_OUT; a benchmark that
 * ignores interruption and never calls {@code checkCancelled()} keeps its thread busy until its
 * iteration ends, which is why long iterations should check.
 */
public final class BenchmarkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);
    // How long an interrupted benchmark may take to wind down before the worker stops waiting.
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    // Reused threads: a new thread per attempt costs more than a short benchmark itself.
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dtf-benchmark");
        t.setDaemon(true);
        return t;
    });

    private final Benchmarks benchmarks;
    private final Duration stopGrace;

    public BenchmarkRunner(Benchmarks benchmarks) {
        this(benchmarks, STOP_GRACE);
    }

    BenchmarkRunner(Benchmarks benchmarks, Duration stopGrace) {
        this.benchmarks = benchmarks;
        this.stopGrace = stopGrace;
    }

    /** Runs the action's benchmark with {@code params}, for at most {@code timeout}, without checkpoints. */
    public AttemptOutcome run(BenchmarkAction action, Map<String, String> params, Duration timeout) {
        return run(action, params, timeout, CheckpointStore.NONE);
    }

    /** Runs the action's benchmark with {@code params}, for at most {@code timeout}, saving to {@code checkpoints}. */
    public AttemptOutcome run(BenchmarkAction action, Map<String, String> params, Duration timeout,
                              CheckpointStore checkpoints) {
        Instant started = Instant.now();
        Optional<Benchmark> found;
        try {
            found = benchmarks.find(action.benchmark());
        } catch (RuntimeException e) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION,
                    "cannot create benchmark '" + action.benchmark() + "': " + describe(e));
        }
        if (found.isEmpty()) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, "unknown benchmark '"
                    + action.benchmark() + "'; this worker knows: " + String.join(", ", benchmarks.names()));
        }
        BenchmarkHarness harness;
        try {
            Measurement own = Objects.requireNonNullElse(found.get().measurement(), Measurement.DEFAULTS);
            Measurement measurement = own.with(action.warmup(), action.warmupTime(), action.iterations(),
                    action.iterationTime());
            harness = new BenchmarkHarness(measurement).withDeadline(started.plus(timeout)).withCheckpoints(checkpoints);
        } catch (IllegalArgumentException e) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, e.getMessage());
        } catch (RuntimeException e) {
            return AttemptOutcome.error(started, FailureCategory.BAD_DEFINITION, "cannot read the measurement "
                    + "settings of benchmark '" + action.benchmark() + "': " + describe(e));
        }
        Benchmark benchmark = found.get();
        CompletableFuture<List<Metric>> result = new CompletableFuture<>();
        Future<?> task = THREADS.submit(() -> {
            try {
                result.complete(harness.run(benchmark, params));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                Thread.interrupted(); // a pooled thread must not carry a stale interrupt into the next attempt
            }
        });
        try {
            List<Metric> metrics = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return outcome(started, TaskState.PASSED, metrics, null);
        } catch (TimeoutException e) {
            stop(task, result, benchmark);
            return timedOut(started, timeout);
        } catch (InterruptedException e) {
            stop(task, result, benchmark);
            Thread.currentThread().interrupt();
            return outcome(started, TaskState.CANCELLED, List.of(), "cancelled: the worker stopped the benchmark");
        } catch (ExecutionException e) {
            return failure(started, benchmark, e.getCause(), timeout);
        }
    }

    private static AttemptOutcome failure(Instant started, Benchmark benchmark, Throwable cause, Duration timeout) {
        if (cause instanceof BenchmarkCancelledException) {
            return timedOut(started, timeout); // the harness saw the deadline a moment before this thread did
        }
        FailureCategory category = FailureClassifier.ofBenchmarkFailure(cause);
        LOG.debug("benchmark {} failed ({})", benchmark.name(), category, cause);
        return switch (category) {
            case BAD_DEFINITION -> AttemptOutcome.error(started, category, cause.getMessage());
            case INFRASTRUCTURE -> AttemptOutcome.error(started, category, "benchmark " + benchmark.name()
                    + " stopped: " + FailureClassifier.checkpointFailure(cause).map(Throwable::getMessage)
                    .orElse(describe(cause)));
            case RESOURCE_EXHAUSTED -> AttemptOutcome.error(started, category,
                    "benchmark " + benchmark.name() + " ran out of memory: " + describe(cause));
            default -> new AttemptOutcome(FailureClassifier.status(category), started, Instant.now(), null, List.of(),
                    "", "", "benchmark " + benchmark.name() + " failed: " + describe(cause), category);
        };
    }

    private void stop(Future<?> task, CompletableFuture<?> result, Benchmark benchmark) {
        task.cancel(true);
        boolean ended;
        try {
            result.handle((v, t) -> null).get(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
            ended = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        } catch (ExecutionException | TimeoutException e) {
            ended = false;
        }
        if (!ended) {
            LOG.warn("benchmark {} ignores interruption; its thread runs on until its iteration ends",
                    benchmark.name());
        }
    }

    private static AttemptOutcome timedOut(Instant started, Duration timeout) {
        return outcome(started, TaskState.TIMED_OUT, List.of(), "timed out after " + human(timeout));
    }

    private static AttemptOutcome outcome(Instant started, TaskState status, List<Metric> metrics, String error) {
        return new AttemptOutcome(status, started, Instant.now(), null, metrics, "", "", error);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
