package io.dtf.worker.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkContext;
import io.dtf.benchmark.Benchmarks;
import io.dtf.benchmark.builtin.MatmulBenchmark;
import io.dtf.benchmark.builtin.NoopBenchmark;
import io.dtf.model.AttemptOutcome;
import io.dtf.benchmark.builtin.CountedWorkBenchmark;
import io.dtf.model.BenchmarkAction;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.TaskState;
import io.dtf.worker.BrokenCheckpoints;
import io.dtf.worker.MemoryCheckpoints;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BenchmarkRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final BenchmarkRunner runner = new BenchmarkRunner(Benchmarks.of(List.of(
            NoopBenchmark::new, MatmulBenchmark::new, ExplodingBenchmark::new, GreedyBenchmark::new,
            CountedWorkBenchmark::new)));

    @Test
    void aBenchmarkThatRunsPassesWithItsMetrics() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmul", 1, 3), Map.of("n", "16"), TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        List<Metric> metrics = outcome.metrics();
        assertEquals(List.of("throughput", "iteration_time", "warmup_iterations", "warmup_time", "warmup_steady"),
                metrics.stream().map(Metric::name).toList());
        assertEquals(3, metrics.get(0).samples().size());
        assertEquals("GFLOP/s", metrics.get(0).unit());
    }

    @Test
    void theSuitesSettingsOverrideTheBenchmarksOwnOneByOne() {
        BenchmarkAction timed = new BenchmarkAction("matmul", 1, 5, Duration.ZERO, Duration.ofMillis(10));

        AttemptOutcome outcome = runner.run(timed, Map.of("n", "8"), TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        Map<String, List<Double>> byName = new java.util.HashMap<>();
        outcome.metrics().forEach(m -> byName.put(m.name(), m.samples()));
        assertEquals(List.of(1.0), byName.get("warmup_iterations"), "warmupTime 0: exactly the warm-up asked for");
        assertEquals(5, byName.get("throughput").size());
        assertTrue(byName.get("iteration_time").stream().allMatch(t -> t >= 10), byName::toString);
        assertEquals(1, byName.get("steady").size(), "five measured iterations are judged");
    }

    @Test
    void aSingleShotBenchmarkKeepsItsOwnSettingsWhenTheSuiteSaysNothing() {
        AttemptOutcome outcome = runner.run(BenchmarkAction.withDefaults("noop"), Map.of(), TIMEOUT);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertEquals(List.of(new Metric("operations", "ops", List.of(1.0))), outcome.metrics().subList(0, 1));
        assertEquals(2, outcome.metrics().size(), "one call, no warm-up: nothing more to record");
    }

    @Test
    void aBadMeasurementSettingIsAnErrorNamingTheField() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("noop", null, null, null, Duration.ofMillis(-1)),
                Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertEquals("iterationTime must be 0 or more, got -1ms", outcome.error());
    }

    @Test
    void anUnknownBenchmarkIsAnErrorListingTheKnownNames() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmull", 0, 1), Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertEquals("unknown benchmark 'matmull'; this worker knows: counted-work, exploding, greedy, matmul, noop",
                outcome.error());
    }

    @Test
    void aBadParamIsAnErrorNamingIt() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmul", 0, 1), Map.of("n", "huge"), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertEquals("param n must be a whole number such as 256, got 'huge'", outcome.error());
    }

    @Test
    void badIterationCountsAreAnError() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("noop", 0, 0), Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.BAD_DEFINITION, outcome.category());
        assertEquals("iterations must be 1 or more, got 0", outcome.error());
    }

    @Test
    void anExceptionFromTheBenchmarkFailsTheAttemptWithItsMessage() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("exploding", 0, 1), Map.of(), TIMEOUT);

        assertEquals(TaskState.FAILED, outcome.status());
        assertEquals(FailureCategory.TEST_FAILURE, outcome.category());
        assertEquals("benchmark exploding failed: IllegalStateException: no GPU here", outcome.error());
    }

    @Test
    void aBenchmarkThatRunsOutOfMemoryIsResourceExhaustedAndTheWorkerCarriesOn() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("greedy", 0, 1), Map.of(), TIMEOUT);

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.RESOURCE_EXHAUSTED, outcome.category());
        assertTrue(outcome.error().startsWith("benchmark greedy ran out of memory: OutOfMemoryError"), outcome.error());
        assertEquals(TaskState.PASSED, runner.run(new BenchmarkAction("noop", 0, 1), Map.of(), TIMEOUT).status());
    }

    @Test
    void aBenchmarkResumesFromTheCheckpointOfTheTasksEarlierAttempt() {
        MemoryCheckpoints store = new MemoryCheckpoints(ByteBuffer.allocate(Long.BYTES).putLong(600).array());

        AttemptOutcome outcome = runner.run(new BenchmarkAction("counted-work", 0, 1),
                Map.of("iterations", "1000", "checkpointEvery", "100"), TIMEOUT, store);

        assertEquals(TaskState.PASSED, outcome.status(), outcome.error());
        assertEquals(List.of(600.0), metric(outcome, "resumed_from").samples());
        assertEquals(List.of(400.0), metric(outcome, "iterations_run").samples());
        assertEquals(4, store.saves().size()); // at 700, 800, 900 and 1000
    }

    @Test
    void aCheckpointThatCannotBeLoadedIsAnInfrastructureErrorNotAFreshStart() {
        AttemptOutcome outcome = runner.run(new BenchmarkAction("counted-work", 0, 1),
                Map.of("iterations", "1000", "checkpointEvery", "100"), TIMEOUT, BrokenCheckpoints.unreadable());

        assertEquals(TaskState.ERROR, outcome.status());
        assertEquals(FailureCategory.INFRASTRUCTURE, outcome.category());
        assertTrue(outcome.error().contains("could not be loaded: Cache is not configured"), outcome.error());
        assertTrue(outcome.metrics().isEmpty(), "no iteration ran: " + outcome.metrics());
    }

    @Test
    void aCheckpointThatCannotBeSavedStopsTheBenchmarkAsAnInfrastructureError() {
        BrokenCheckpoints store = BrokenCheckpoints.failingAfter(2);

        AttemptOutcome outcome = runner.run(new BenchmarkAction("counted-work", 0, 1),
                Map.of("iterations", "1000", "checkpointEvery", "100"), TIMEOUT, store);

        assertEquals(FailureCategory.INFRASTRUCTURE, outcome.category());
        assertTrue(outcome.error().contains("could not be saved"), outcome.error());
        assertEquals(3, store.saves(), "stopped at the first failed save, at 300 of 1000");
    }

    @Test
    void aTimeoutStopsALongBenchmarkWithinItsIteration() {
        long start = System.nanoTime();

        AttemptOutcome outcome = runner.run(new BenchmarkAction("matmul", 0, 100), Map.of("n", "2048"),
                Duration.ofMillis(300));

        assertEquals(TaskState.TIMED_OUT, outcome.status());
        assertEquals(FailureCategory.TIMEOUT, outcome.category());
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

    /**
     * Asks for an array larger than the JVM allows: a real OutOfMemoryError ("Requested array size
     * exceeds VM limit"), thrown before anything is allocated, whatever the heap size.
     */
    public static final class GreedyBenchmark extends NamedBenchmark {
        public GreedyBenchmark() {
            super("greedy");
        }

        @Override
        public double iteration(BenchmarkContext ctx) {
            long[] huge = new long[Integer.MAX_VALUE];
            return huge.length;
        }
    }

    private static Metric metric(AttemptOutcome outcome, String name) {
        return outcome.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
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
