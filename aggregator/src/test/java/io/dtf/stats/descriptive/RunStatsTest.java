package io.dtf.stats.descriptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RunStatsTest {
    @Test
    void percentilesAndMadMatchNumpyAndScipy() {
        double[] v = {1, 2, 3, 4, 10};
        // numpy.percentile(v, [25, 75, 90]) = [2, 4, 7.6]; scipy.stats.median_abs_deviation(v) = 1
        assertEquals(2, Quantiles.percentile(v, 0.25), 1e-12);
        assertEquals(4, Quantiles.percentile(v, 0.75), 1e-12);
        assertEquals(7.6, Quantiles.percentile(v, 0.90), 1e-12);
        assertEquals(1, Quantiles.mad(v), 1e-12);
        assertEquals(3, Quantiles.median(v), 1e-12);
        assertEquals(2.5, Quantiles.median(new double[] {4, 1, 3, 2}), 1e-12);
    }

    @Test
    void medianOfLargeArraysAgreesWithSorting() {
        double[] v = new double[101];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37) % 101;
        }
        assertEquals(50, Quantiles.median(v), 1e-12);
        assertEquals(49.5, Quantiles.median(java.util.Arrays.copyOf(v, 100)), 1e-12);
    }

    @Test
    void errorIsTheJmhStudentTHalfWidthAtNinetyNinePointNine() {
        // scipy: t.ppf(0.9995, 5) * sd / sqrt(6) = 0.524615299143818, mean 10.15
        RunStats s = RunStats.of(List.of(10.1, 10.3, 9.9, 10.0, 10.4, 10.2));
        assertEquals(0.524615299143818, s.error999(), 1e-9);
        assertEquals(10.15, s.mean(), 1e-12);
        assertEquals(10.15 - 0.524615299143818, s.mean999().low(), 1e-9);
        assertEquals(6, s.n());
        assertEquals(9.9, s.min(), 0);
        assertEquals(10.4, s.max(), 0);
        assertEquals(s.sd() / s.mean(), s.cv(), 1e-15);
    }

    @Test
    void studentQuantilesMatchScipy() {
        assertEquals(8.610301581379522, RunStats.studentQuantile(0.999, 4), 1e-7);
        assertEquals(4.780912585931217, RunStats.studentQuantile(0.999, 9), 1e-7);
        assertEquals(2.228138851986274, RunStats.studentQuantile(0.95, 10), 1e-7);
    }

    @Test
    void tukeyFencesFlagButKeepOutliers() {
        double[] v = {10, 11, 12, 13, 14, 15, 16, 17, 18, 40, 100};
        RunStats s = RunStats.of(v, 200, 1);
        // q1 12.5, q3 17.5, IQR 5: inner fences 5 and 25, outer -2.5 and 32.5
        assertEquals(25, s.fences().highInner(), 1e-12);
        assertEquals(32.5, s.fences().highOuter(), 1e-12);
        assertEquals(0, s.fences().mild());
        assertEquals(2, s.fences().extreme());
        assertEquals(11, s.n());
        assertEquals(100, s.max(), 0);
    }

    @Test
    void medianBootstrapIsSeededAndCoversTheMedian() {
        double[] v = {9.8, 10.1, 10.0, 10.4, 9.9, 10.2, 10.3, 10.0, 9.7, 10.6};
        Interval a = MedianBootstrap.interval(v, 0.95, 2000, 42);
        Interval b = MedianBootstrap.interval(v, 0.95, 2000, 42);
        assertEquals(a, b);
        assertTrue(a.contains(Quantiles.median(v)));
        assertTrue(a.width() > 0 && a.low() >= 9.7 && a.high() <= 10.6, a.toString());
    }
}
