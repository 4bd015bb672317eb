package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BenchmarkHarnessTest {

    @Test
    void recordsOneSampleAndOneTimePerMeasuredIterationAndNoneForWarmup() throws Exception {
        CountingBenchmark counting = new CountingBenchmark();

        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(3, 5)).run(counting, Map.of());

        assertEquals(List.of("count", BenchmarkHarness.ITERATION_TIME, BenchmarkHarness.WARMUP_ITERATIONS,
                BenchmarkHarness.WARMUP_TIME, BenchmarkHarness.WARMUP_STEADY, BenchmarkHarness.STEADY),
                metrics.stream().map(Metric::name).toList());
        Metric primary = metrics.get(0);
        assertEquals("count", primary.name());
        assertEquals("calls", primary.unit());
        // Calls 1-3 were warm-up: only 4..8 are recorded.
        assertEquals(List.of(4.0, 5.0, 6.0, 7.0, 8.0), primary.samples());
        Metric times = metrics.get(1);
        assertEquals(BenchmarkHarness.ITERATION_TIME, times.name());
        assertEquals("ms", times.unit());
        assertEquals(5, times.samples().size());
        assertTrue(times.samples().stream().allMatch(t -> t >= 0 && Double.isFinite(t)));
        assertEquals(List.of("setup", "iteration x8", "teardown"), counting.events());
        assertEquals(List.of(3.0), metrics.get(2).samples());
        assertEquals(List.of(0.0), metrics.get(4).samples(), "three iterations are too few to call steady");
    }

    @Test
    void teardownRunsWhenAnIterationFailsAndTheFailurePassesThrough() {
        CountingBenchmark failing = new CountingBenchmark() {
            @Override
            public double iteration(BenchmarkContext ctx) throws Exception {
                super.iteration(ctx);
                throw new java.io.IOException("disk on fire");
            }
        };

        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 3)).run(failing, Map.of()));

        assertEquals("disk on fire", e.getMessage());
        assertEquals(List.of("setup", "iteration x1", "teardown"), failing.events());
    }

    @Test
    void aNonFiniteResultFailsTheRunNamingTheBenchmark() {
        CountingBenchmark nan = new CountingBenchmark() {
            @Override
            public double iteration(BenchmarkContext ctx) {
                return Double.NaN;
            }
        };

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 2)).run(nan, Map.of()));

        assertTrue(e.getMessage().contains("counting") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void needsMeasurementSettings() {
        assertThrows(IllegalArgumentException.class, () -> new BenchmarkHarness(null));
    }

    @Test
    void aPassedDeadlineStopsALongIterationThatChecksForCancellation() {
        long start = System.nanoTime();

        BenchmarkCancelledException e = assertThrows(BenchmarkCancelledException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 3))
                        .withDeadline(Instant.now().plusMillis(200))
                        .run(new SpinningBenchmark(null), Map.of()));

        assertTrue(e.deadlinePassed());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "stopped promptly");
    }

    @Test
    void aDeadlineAlreadyPassedRunsNothing() {
        CountingBenchmark counting = new CountingBenchmark();

        assertThrows(BenchmarkCancelledException.class, () -> new BenchmarkHarness(Measurement.singleShots(1, 1))
                .withDeadline(Instant.now().minusSeconds(1)).run(counting, Map.of()));

        assertEquals(List.of(), counting.events());
    }

    @Test
    void interruptingTheThreadStopsALongIteration() throws Exception {
        CountDownLatch iterating = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                new BenchmarkHarness(Measurement.singleShots(0, 1)).run(new SpinningBenchmark(iterating), Map.of());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.start();
        assertTrue(iterating.await(5, TimeUnit.SECONDS));

        runner.interrupt();
        runner.join(Duration.ofSeconds(5).toMillis());

        assertFalse(runner.isAlive());
        BenchmarkCancelledException e = assertInstanceOf(BenchmarkCancelledException.class, thrown.get());
        assertFalse(e.deadlinePassed());
    }

    @Test
    void theMetricNameOfTheIterationTimesIsReserved() {
        CountingBenchmark clash = new CountingBenchmark() {
            @Override
            public String metric() {
                return BenchmarkHarness.ITERATION_TIME;
            }
        };

        assertThrows(IllegalArgumentException.class, () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).run(clash, Map.of()));
    }

    @Test
    void reportedMetricsFollowTheBenchmarksOwnAndTheIterationTimes() throws Exception {
        CountingBenchmark reporting = new CountingBenchmark() {
            @Override
            public void teardown(BenchmarkContext ctx) {
                ctx.report("teardowns", "", 1);
            }
        };

        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(0, 2)).run(reporting, Map.of());

        assertEquals(List.of("count", BenchmarkHarness.ITERATION_TIME, "teardowns"),
                metrics.stream().map(Metric::name).toList());
        assertEquals(new Metric("teardowns", "", List.of(1.0)), metrics.get(2));
    }

    @Test
    void aReportedMetricCannotTakeTheNameOfTheBenchmarksOwn() {
        CountingBenchmark clash = new CountingBenchmark() {
            @Override
            public double iteration(BenchmarkContext ctx) {
                ctx.report("count", "calls", 1);
                return 1;
            }
        };

        assertThrows(IllegalStateException.class, () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).run(clash, Map.of()));
    }

    @Test
    void aRunWithCheckpointsSeesWhatTheLastRunSaved() throws Exception {
        MemoryCheckpoints store = new MemoryCheckpoints();
        List<Long> restored = new ArrayList<>();
        CountingBenchmark saving = new CountingBenchmark() {
            @Override
            public void setup(BenchmarkContext ctx) {
                restored.add(ctx.restoredLong().orElse(-1));
            }

            @Override
            public double iteration(BenchmarkContext ctx) throws Exception {
                ctx.checkpoint((long) super.iteration(ctx));
                return 1;
            }
        };
        BenchmarkHarness harness = new BenchmarkHarness(Measurement.singleShots(1, 2)).withCheckpoints(store);

        harness.run(saving, Map.of());
        harness.run(saving, Map.of());

        assertEquals(List.of(-1L, 3L), restored);
        assertEquals(6, store.saves().size());
    }

    /** Returns how often it was called, and remembers the lifecycle calls it saw. */
    static class CountingBenchmark implements Benchmark {
        private final List<String> events = new ArrayList<>();
        private int calls;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "counts its iterations";
        }

        @Override
        public String metric() {
            return "count";
        }

        @Override
        public String unit() {
            return "calls";
        }

        @Override
        public void setup(BenchmarkContext ctx) {
            events.add("setup");
        }

        @Override
        public double iteration(BenchmarkContext ctx) throws Exception {
            calls++;
            return calls;
        }

        @Override
        public void teardown(BenchmarkContext ctx) {
            events.add("iteration x" + calls);
            events.add("teardown");
        }

        List<String> events() {
            return events;
        }
    }

    /** An iteration that only ends when cancelled (or, as a safety net, after 30 seconds). */
    static final class SpinningBenchmark extends CountingBenchmark {
        private final CountDownLatch iterating;

        SpinningBenchmark(CountDownLatch iterating) {
            this.iterating = iterating;
        }

        @Override
        public double iteration(BenchmarkContext ctx) {
            if (iterating != null) {
                iterating.countDown();
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                ctx.checkCancelled();
                Thread.onSpinWait();
            }
            return 1;
        }
    }
}
