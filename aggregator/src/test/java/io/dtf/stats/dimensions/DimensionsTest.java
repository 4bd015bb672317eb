package io.dtf.stats.dimensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dtf.stats.Direction;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DimensionsTest {
    @Test
    void kruskalWallisMatchesScipy() {
        // scipy.stats.kruskal(...) = H 0.7714285714285722, p 0.6799647735788936
        KruskalWallis.Result r = KruskalWallis.test(List.of(new double[] {2.9, 3.0, 2.5, 2.6, 3.2},
                new double[] {3.8, 2.7, 4.0, 2.4}, new double[] {2.8, 3.4, 3.7, 2.2, 2.0}));
        assertEquals(0.7714285714285722, r.h(), 1e-9);
        assertEquals(0.6799647735788936, r.pValue(), 1e-9);
        assertEquals(2, r.df());
        // with ties: H 9.40480427046264, p 0.009073455236160368
        KruskalWallis.Result tied = KruskalWallis.test(List.of(new double[] {1, 2, 2, 3}, new double[] {3, 4, 4, 5},
                new double[] {5, 6, 6, 7}));
        assertEquals(9.40480427046264, tied.h(), 1e-9);
        assertEquals(0.009073455236160368, tied.pValue(), 1e-9);
    }

    @Test
    void theDimensionThatMattersComesFirstAndTheBestIsNamedOnlyWhenItIsClear() {
        List<Series> series = new ArrayList<>();
        // time depends on cores (2 vs 8), not on the JVM
        for (String cores : List.of("2c", "8c")) {
            for (String jvm : List.of("17", "21")) {
                double level = cores.equals("2c") ? 200 : 100;
                double wobble = jvm.equals("17") ? 0.3 : -0.3;
                series.add(series("sort", cores, jvm, level + wobble, cores.equals("8c") && jvm.equals("21") ? 0 : 1));
            }
        }
        DimensionReport report = new DimensionExplainer(1000, 42).explain(series);
        BenchmarkDimensions sort = report.benchmarks().get(0);
        assertEquals("hardware", sort.dimensions().get(0).dimension());
        // the two 8-core configurations differ by 0.6 on samples spread over 4: too close to call
        assertNull(sort.best());

        List<Series> clear = List.of(series("scan", "2c", "17", 200, 0), series("scan", "8c", "17", 100, 0));
        BestConfiguration best = new DimensionExplainer(1000, 42).explain(clear).benchmarks().get(0).best();
        assertEquals("8c", best.best().hardware());
        assertEquals(100, best.median(), 1e-9);
    }

    private static Series series(String benchmark, String hardware, String jvm, double level, int shift) {
        List<Double> samples = new ArrayList<>();
        for (int i = -2; i <= 2; i++) {
            samples.add(level + i * 2 + shift * 0.01);
        }
        SeriesKey key = new SeriesKey(benchmark, Map.of("size", "1k"), "time", "ms", hardware, Map.of("jvm", jvm));
        return new Series(key, Direction.LOWER_IS_BETTER, List.of(new Point("r1", null, samples, null)));
    }
}
