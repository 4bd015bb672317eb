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
import io.dtf.benchmark.BenchmarkParameterException;
import io.dtf.benchmark.Benchmarks;
import io.dtf.model.Metric;
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
            "noop, unused, 0, ops"})
    void measuresAPositiveFiniteValueForEveryIterationAtSmallSizes(String name, String param, String value,
                                                                   String unit) throws Exception {
        Benchmark benchmark = Benchmarks.standard().find(name).orElseThrow();
        assertFalse(benchmark.description().isBlank());

        List<Metric> metrics = new BenchmarkHarness(1, 3).run(benchmark, Map.of(param, value, "rounds", "2"));

        Metric primary = metrics.get(0);
        assertEquals(benchmark.metric(), primary.name());
        assertEquals(unit, primary.unit());
        assertEquals(3, primary.samples().size());
        assertTrue(primary.samples().stream().allMatch(v -> v > 0 && Double.isFinite(v)), primary.samples()::toString);
    }

    @Test
    void noopReportsOneOperationPerIteration() throws Exception {
        List<Metric> metrics = new BenchmarkHarness(0, 4).run(new NoopBenchmark(), Map.of());

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
                () -> new BenchmarkHarness(0, 1).run(new MatmulBenchmark(), Map.of("n", "big")));
        assertEquals("n", notANumber.parameter());

        BenchmarkParameterException outOfRange = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(0, 1).run(new MatmulBenchmark(), Map.of("n", "0")));
        assertEquals("param n must be between 1 and 4096, got 0", outOfRange.getMessage());

        BenchmarkParameterException badUnit = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(0, 1).run(new Sha256Benchmark(), Map.of("size", "12 parsecs")));
        assertEquals("size", badUnit.parameter());
    }

    @Test
    void memoryBandwidthRefusesASizeTheHeapCannotHold() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 12L << 30, "needs a heap under 12 GiB");

        BenchmarkParameterException e = assertThrows(BenchmarkParameterException.class,
                () -> new BenchmarkHarness(0, 1).run(new MemoryBandwidthBenchmark(), Map.of("size", "8GiB")));

        assertTrue(e.getMessage().contains("needs 16 GiB of heap"), e.getMessage());
    }

    @Test
    void aDeadlineStopsALargeMatmulWithinAnIteration() {
        long start = System.nanoTime();

        BenchmarkCancelledException e = assertThrows(BenchmarkCancelledException.class,
                () -> new BenchmarkHarness(0, 1).withDeadline(Instant.now().plusMillis(300))
                        .run(new MatmulBenchmark(), Map.of("n", "2048")));

        assertTrue(e.deadlinePassed());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "stopped within the iteration");
    }
}
