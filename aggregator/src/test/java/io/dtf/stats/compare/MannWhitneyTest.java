package io.dtf.stats.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {
    @Test
    void exactPValuesMatchScipyForSmallSamples() {
        // scipy.stats.mannwhitneyu(x, y, method="exact")
        RankTest r = MannWhitney.test(new double[] {19.1, 21.3, 20.5, 22.0, 18.7},
                new double[] {23.4, 24.1, 22.9, 25.0, 21.9, 24.6}, 1);
        assertEquals("exact", r.method());
        assertEquals(1.0, r.u(), 0);
        assertEquals(0.008658008658008658, r.pValue(), 1e-12);
        assertEquals(0.015873015873015872, MannWhitney.test(new double[] {1.1, 2.2, 3.3, 4.4},
                new double[] {5.5, 6.6, 7.7, 8.8, 9.9}, 1).pValue(), 1e-12);
    }

    @Test
    void exactPValuesMatchScipyForLargerSamples() {
        double[] x = new double[12];
        double[] y = new double[15];
        for (int i = 0; i < 12; i++) {
            x[i] = i * 1.5 + 0.25;
        }
        for (int i = 0; i < 15; i++) {
            y[i] = i * 1.2 + 3.1;
        }
        assertEquals(0.19952898838347755, MannWhitney.test(x, y, 1).pValue(), 1e-10);
        double[] a = new double[5];
        double[] b = new double[150];
        for (int i = 0; i < 5; i++) {
            a[i] = 100.0 + i * 0.37;
        }
        for (int i = 0; i < 150; i++) {
            b[i] = 99.0 + i * 0.013;
        }
        RankTest r = MannWhitney.test(a, b, 1);
        assertEquals(617, r.u(), 0);
        assertEquals(0.011055021551310152, r.pValue(), 1e-10);
    }

    @Test
    void normalApproximationWithTiesMatchesScipy() {
        double[] x = {1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
        double[] y = {3, 5, 5, 7, 9, 11, 13, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47};
        RankTest r = MannWhitney.test(x, y, 1);
        assertEquals("normal", r.method());
        assertEquals(146.5, r.u(), 0);
        assertEquals(0.0013134547300019024, r.pValue(), 1e-12);
    }

    @Test
    void smallSamplesWithTiesUseASeededPermutation() {
        double[] x = {1, 2, 2, 3, 3};
        double[] y = {3, 4, 4, 5, 6, 6};
        RankTest a = MannWhitney.test(x, y, 7);
        assertEquals("permutation", a.method());
        assertEquals(a, MannWhitney.test(x, y, 7));
        assertTrue(a.pValue() > 0.005 && a.pValue() < 0.05, a.toString());
    }
}
