package io.dtf.worker.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import io.dtf.benchmark.Benchmarks;
import io.dtf.benchmark.builtin.MatmulBenchmark;
import io.dtf.benchmark.builtin.NoopBenchmark;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BenchmarkRunner runner = new BenchmarkRunner(Benchmarks.of(List.of(
            NoopBenchmark::new, MatmulBenchmark::new, ExplodingBenchmark::new)));

    @Test
    void aBenchmarkThatRunsPassesWithItsMetrics() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmul", 1, 3), Map.of("n", "16"), TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        List<Metric> metrics = outcome.metrics();
        assertEquals(List.of("throughput", "iteration_time"), metrics.stream().map(Metric::name).toList());
        assertEquals(3, metrics.get(0).samples().size());
        assertEquals("GFLOP/s", metrics.get(0).unit());
    }

    @Test
    void anUnknownBenchmarkIsAnErrorListingTheKnownNames() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmull", 0, 1), Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals("unknown benchmark 'matmull'; this worker knows: exploding, matmul, noop",
                outcome.error());
    }

    @Test
    void aBadParamIsAnErrorNamingIt() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmul", 0, 1), Map.of("n", "huge"), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals("param n must be a whole number such as 256, got 'huge'", outcome.error());
    }

    @Test
    void badIterationCountsAreAnError() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("noop", 0, 0), Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals("iterations must be 1 or more, got 0", outcome.error());
    }

    @Test
    void anExceptionFromTheBenchmarkFailsTheAttemptWithItsMessage() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("exploding", 0, 1), Map.of(), TIMEOUT);

        assertEquals(TaskState.FAILED, outcome.status());
        assertEquals("benchmark exploding failed: IllegalStateException: no GPU here", outcome.error());
    }

    @Test
    void aTimeoutStopsALongBenchmarkWithinItsIteration() {
        long start = System.nanoTime();

        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmul", 0, 100), Map.of("n", "2048"),
                Duration.ofMillis(300));

        assertEquals(TaskState.TIMED_OUT, outcome.status());
        assertEquals("timed out after 300 ms", outcome.error());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void aBenchmarkThatIgnoresInterruptionStillTimesOutAfterTheGrace() {
        BenchmarkRunner impatient = new BenchmarkRunner(Benchmarks.of(List.of(StubbornBenchmark::new)),
                Duration.ofMillis(100));
        long start = System.nanoTime();

        AttemptOutcome outcome = impatient.run(new BenchmarkAction("stubborn", 0, 1), Map.of(), Duration.ofMillis(200));

        assertEquals(TaskState.TIMED_OUT, outcome.status());
        // Well before the stubborn iteration ends.
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(900));
    }

    public static final class ExplodingBenchmark extends NamedBenchmark {
        public ExplodingBenchmark() {
            super("exploding");
        }

        @Override
        public double iteration(BenchmarkContext ctx) {
            throw new IllegalStateException("no GPU here");
        }
    }

    /** Spins without ever checking for cancellation, for a bounded second. */
    public static final class StubbornBenchmark extends NamedBenchmark {
        public StubbornBenchmark() {
            super("stubborn");
        }

        @Override
        public double iteration(BenchmarkContext ctx) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return 1;
        }
    }

    abstract static class NamedBenchmark implements Benchmark {
        private final String name;

        NamedBenchmark(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a test benchmark";
        }

        @Override
        public String metric() {
            return "value";
        }

        @Override
        public String unit() {
            return "";
        }
    }
}
