package io.dtf.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadinessTest {

    @Test
    void driftIsTheChangeAlongTheTheilSenLineAsAFractionOfTheMedian() {
        assertEquals(40.0 / 120, Steadiness.drift(new double[] {100, 110, 120, 130, 140}), 1e-12);
        assertEquals(-40.0 / 120, Steadiness.drift(new double[] {140, 130, 120, 110, 100}), 1e-12);
        assertEquals(0.0, Steadiness.drift(new double[] {100, 100, 100}));
        assertEquals(0.0, Steadiness.drift(new double[] {100}));
    }

    @Test
    void oneDisturbedIterationDoesNotMakeAFlatWindowDrift() {
        assertTrue(Steadiness.settled(new double[] {100, 101, 40, 100, 99}));
    }

    @Test
    void aWindowStillClimbingIsNotSettled() {
        assertFalse(Steadiness.settled(new double[] {7, 760, 530, 1000, 1000}));
        assertFalse(Steadiness.settled(new double[] {900, 920, 940, 960, 980}));
        assertTrue(Steadiness.settled(new double[] {990, 1002, 995, 1004, 998}));
    }

    @Test
    void aSmallButPerfectlyOrderedDriftIsNoTrend() {
        // Significant to Mann-Kendall, but 1% over the run is not worth a flag.
        assertFalse(Steadiness.trends(new double[] {100.0, 100.1, 100.2, 100.3, 100.4, 100.5, 100.6, 100.7, 100.8, 100.9}));
    }

    @Test
    void aStepIsATrendLikeALine() {
        assertEquals((1000 - 10) / 1000.0, Steadiness.shift(new double[] {10, 10, 10, 1000, 1000, 1000, 1000, 1000, 1000, 1000}));
        assertTrue(Steadiness.trends(new double[] {10, 10, 10, 1000, 1000, 1000, 1000, 1000, 1000, 1000}));
        assertTrue(Steadiness.trends(new double[] {100, 104, 103, 110, 115, 114, 121, 126, 125, 131}));
    }

    @Test
    void noiseWithoutOrderIsNoTrend() {
        assertFalse(Steadiness.trends(new double[] {100, 120, 85, 110, 95, 118, 82, 104, 99, 90}));
    }

    @Test
    void aLongRunIsJudgedOnBlockMeans() {
        double[] rising = new double[100_000];
        for (int i = 0; i < rising.length; i++) {
            rising[i] = 100 + i * 0.001 + (i % 7) * 5;
        }
        assertTrue(Steadiness.trends(rising));
    }

    @Test
    void fourValuesCanNeverShowATrend() {
        assertFalse(Steadiness.trends(new double[] {1, 10, 100, 1000}));
        assertTrue(Steadiness.trends(new double[] {1, 10, 100, 1000, 10000}));
    }

    @Test
    void mannKendallMatchesTheTextbookValueWithTies() {
        // n = 6, S = 12, one pair of ties: var = (6*5*17 - 2*1*9) / 18 = 27.333; z = (12 - 1) / sqrt(var).
        assertEquals(11 / Math.sqrt(27.333333333333332), Steadiness.mannKendallZ(new double[] {1, 2, 2, 4, 3, 5}), 1e-9);
    }
}
