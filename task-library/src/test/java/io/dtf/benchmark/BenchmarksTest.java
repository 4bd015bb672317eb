package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.benchmark.builtin.MatmulBenchmark;
import io.dtf.benchmark.builtin.NoopBenchmark;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

    @Test
    void findsEveryBuiltInByName() {
        Benchmarks benchmarks = Benchmarks.standard();

        assertTrue(benchmarks.names().containsAll(Set.of("matmul", "memory-bandwidth", "sha256", "noop")));
        for (String name : List.of("matmul", "memory-bandwidth", "sha256", "noop")) {
            assertEquals(name, benchmarks.find(name).orElseThrow().name());
        }
    }

    @Test
    void anUnknownNameFindsNothing() {
        assertTrue(Benchmarks.standard().find("no-such-benchmark").isEmpty());
    }

    @Test
    void everyFindGivesAFreshInstance() {
        Benchmarks benchmarks = Benchmarks.standard();

        assertNotSame(benchmarks.find("matmul").orElseThrow(), benchmarks.find("matmul").orElseThrow());
        assertNotSame(benchmarks.find("service-loaded").orElseThrow(),
                benchmarks.find("service-loaded").orElseThrow());
    }

    @Test
    void findsProvidersListedInAServicesFile() {
        Benchmark found = Benchmarks.standard().find("service-loaded").orElseThrow();

        assertInstanceOf(ServiceLoadedBenchmark.class, found);
    }

    @Test
    void aProviderCannotTakeTheNameOfABuiltIn() {
        // ShadowingMatmulBenchmark, listed in the test services file, also calls itself "matmul".
        assertInstanceOf(MatmulBenchmark.class, Benchmarks.standard().find("matmul").orElseThrow());
    }

    @Test
    void ofHoldsExactlyTheGivenBenchmarks() {
        Benchmarks only = Benchmarks.of(List.of(NoopBenchmark::new));

        assertEquals(Set.of("noop"), only.names());
    }
}
