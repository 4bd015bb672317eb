package io.dtf.benchmark.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dtf.benchmark.Benchmark;
import io.dtf.benchmark.BenchmarkCancelledException;
import io.dtf.benchmark.BenchmarkContext;
import io.dtf.benchmark.BenchmarkHarness;
import io.dtf.benchmark.Measurement;
import io.dtf.benchmark.BenchmarkParameterException;
import io.dtf.benchmark.Benchmarks;
import io.dtf.benchmark.MemoryCheckpoints;
import io.dtf.model.Metric;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BuiltinBenchmarksTest {

    @ParameterizedTest
    @CsvSource({
            "matmul, n, 32, GFLOP/s",
            "memory-bandwidth, size, 1MiB, GB/s",
            "sha256, size, 64KiB, MB/s",
            "noop, unused, 0, ops",
            "counted-work, iterations, 2000, iter/s"})
    void measuresAPositiveFiniteValueForEveryIterationAtSmallSizes(String name, String param, String value,
                                                                   String unit) throws Exception {
        Benchmark benchmark = Benchmarks.standard().find(name).orElseThrow();
        assertFalse(benchmark.description().isBlank());

        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(1, 3)).run(benchmark, Map.of(param, value, "rounds", "2"));

        Metric primary = metrics.get(0);
        assertEquals(benchmark.metric(), primary.name());
        assertEquals(unit, primary.unit());
        assertEquals(3, primary.samples().size());
        assertTrue(primary.samples().stream().allMatch(v -> v > 0 && Double.isFinite(v)), primary.samples()::toString);
    }

    @Test
    void theMeasuringBuiltInsWarmUpByDefaultAndThoseWhoseCallIsTheJobRunOnce() {
        Benchmarks all = Benchmarks.standard();
        for (String name : List.of("matmul", "sha256", "memory-bandwidth")) {
            assertEquals(Measurement.DEFAULTS, all.find(name).orElseThrow().measurement(), name);
        }
        for (String name : List.of("noop", "counted-work")) {
            assertEquals(Measurement.SINGLE_SHOT, all.find(name).orElseThrow().measurement(), name);
        }
    }

    @Test
    void noopReportsOneOperationPerIteration() throws Exception {
        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(0, 4)).run(new NoopBenchmark(), Map.of());

        assertEquals(List.of(1.0, 1.0, 1.0, 1.0), metrics.get(0).samples());
    }

    @Test
    void matmulComputesTheRealProduct() {
        int n = 7;
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = i % 5 - 2;
            b[i] = i % 3 + 0.5;
        }
        double[] expected = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    expected[i * n + j] += a[i * n + k] * b[k * n + j];
                }
            }
        }
        double[] c = new double[n * n];
        c[3] = 99; // stale data from an earlier iteration must not leak into the result

        MatmulBenchmark.multiply(a, b, c, n, new BenchmarkContext(Map.of(), null));

        assertArrayEquals(expected, c, 1e-9);
    }

    @Test
    void aBadParamIsReportedByNameBeforeAnyIteration() {
        BenchmarkParameterException notANumber = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).run(new MatmulBenchmark(), Map.of("n", "big")));
        assertEquals("n", notANumber.parameter());

        BenchmarkParameterException outOfRange = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).run(new MatmulBenchmark(), Map.of("n", "0")));
        assertEquals("param n must be between 1 and 4096, got 0", outOfRange.getMessage());

        BenchmarkParameterException badUnit = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).run(new Sha256Benchmark(), Map.of("size", "12 parsecs")));
        assertEquals("size", badUnit.parameter());
    }

    @Test
    void memoryBandwidthRefusesASizeTheHeapCannotHold() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 12L << 30, "needs a heap under 12 GiB");

        BenchmarkParameterException e = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).run(new MemoryBandwidthBenchmark(), Map.of("size", "8GiB")));

        assertTrue(e.getMessage().contains("needs 16 GiB of heap"), e.getMessage());
    }

    @Test
    void aDeadlineStopsALargeMatmulWithinAnIteration() {
        long start = System.nanoTime();

        BenchmarkCancelledException e = assertThrows(BenchmarkCancelledException.class,
                () -> new BenchmarkHarness(Measurement.singleShots(0, 1)).withDeadline(Instant.now().plusMillis(300))
                        .run(new MatmulBenchmark(), Map.of("n", "2048")));

        assertTrue(e.deadlinePassed());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "stopped within the iteration");
    }

    @Test
    void countedWorkRunsEveryIterationAndCheckpointsItsProgressAsItGoes() throws Exception {
        MemoryCheckpoints store = new MemoryCheckpoints();

        List<Metric> metrics = new BenchmarkHarness().withCheckpoints(store)
                .run(new CountedWorkBenchmark(), Map.of("iterations", "1000", "checkpointEvery", "300"));

        assertEquals(List.of(1000.0), metric(metrics, "iterations_run").samples());
        assertEquals(List.of(0.0), metric(metrics, "resumed_from").samples());
        assertEquals(List.of(300L, 600L, 900L, 1000L), store.saves().stream().map(s -> ByteBuffer.wrap(s).getLong())
                .toList());
    }

    @Test
    void countedWorkStoppedHalfWayResumesFromItsLastCheckpointInTheNextAttempt() throws Exception {
        Map<String, String> params = Map.of("iterations", "1000", "checkpointEvery", "100");
        MemoryCheckpoints store = new MemoryCheckpoints() {
            @Override
            protected void onSave(int count) {
                if (count == 5) {
                    Thread.currentThread().interrupt(); // the attempt is stopped right after its 5th checkpoint
                }
            }
        };
        try {
            assertThrows(BenchmarkCancelledException.class,
                    () -> new BenchmarkHarness().withCheckpoints(store).run(new CountedWorkBenchmark(), params));
        } finally {
            Thread.interrupted();
        }

        List<Metric> metrics = new BenchmarkHarness().withCheckpoints(store)
                .run(new CountedWorkBenchmark(), params);

        assertEquals(List.of(500.0), metric(metrics, "resumed_from").samples());
        assertEquals(List.of(500.0), metric(metrics, "iterations_run").samples());
        assertEquals(1000L, ByteBuffer.wrap(store.load().orElseThrow()).getLong());
    }

    @Test
    void countedWorkResumedAfterItsLastIterationDoesNoMoreWork() throws Exception {
        MemoryCheckpoints done = new MemoryCheckpoints(ByteBuffer.allocate(8).putLong(1000).array());

        List<Metric> metrics = new BenchmarkHarness(Measurement.singleShots(0, 1)).withCheckpoints(done)
                .run(new CountedWorkBenchmark(), Map.of("iterations", "1000"));

        assertEquals(List.of(0.0), metric(metrics, "iterations_run").samples());
        assertEquals(List.of(1000.0), metric(metrics, "resumed_from").samples());
    }

    @Test
    void countedWorkRefusesACheckpointBeyondItsCount() {
        MemoryCheckpoints other = new MemoryCheckpoints(ByteBuffer.allocate(8).putLong(5000).array());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new BenchmarkHarness(Measurement.singleShots(0, 1))
                .withCheckpoints(other).run(new CountedWorkBenchmark(), Map.of("iterations", "1000")));

        assertTrue(e.getMessage().contains("5000"), e.getMessage());
    }

    private static Metric metric(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
