package io.dtf.stats.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.stats.Direction;
import io.dtf.stats.Verdict;
import org.junit.jupiter.api.Test;

class EffectAndGateTest {
    @Test
    void hodgesLehmannShiftMatchesTheMedianOfPairwiseDifferences() {
        // numpy.median([xi - yi for xi in x for yi in y]) = -3.25
        assertEquals(-3.25, HodgesLehmann.shift(new double[] {19.1, 21.3, 20.5, 22.0, 18.7},
                new double[] {23.4, 24.1, 22.9, 25.0, 21.9, 24.6}), 1e-12);
    }

    @Test
    void benjaminiHochbergMatchesScipyAndSkipsMissingTests() {
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.5]) = [0.025, 0.05, 0.05, 0.025, 0.5]
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5},
                BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.5}), 1e-12);
        double[] q = BenjaminiHochberg.adjust(new double[] {0.01, Double.NaN, 0.02});
        assertEquals(0.02, q[0], 1e-12);
        assertTrue(Double.isNaN(q[1]));
    }

    @Test
    void medianRatioIsSeededAndBracketsTheEstimate() {
        double[] current = {105, 106, 104, 105.5, 104.5};
        double[] baseline = {100, 101, 99, 100.5, 99.5, 100.2, 99.8};
        Effect e = MedianRatio.effect(current, baseline, 0.95, 2000, 42);
        assertEquals(5, e.percent(), 1e-9);
        assertEquals(e, MedianRatio.effect(current, baseline, 0.95, 2000, 42));
        assertTrue(e.lowPercent() > 3 && e.highPercent() < 7 && e.lowPercent() < 5 && e.highPercent() > 5);
    }

    @Test
    void minimumEffectIsTheLargerOfTheFloorAndKTimesTheNoise() {
        assertEquals(2, MinimumEffect.percent(2, 3, 0.5), 0);
        assertEquals(4.5, MinimumEffect.percent(2, 3, 1.5), 1e-12);
        double[] stepped = {100, 101, 100, 101, 100, 110, 111, 110, 111, 110};
        // successive differences are 1 except one 9: median 1, so sigma = 1.4826 / sqrt(2) around a level of ~105
        assertEquals(100 * 1.4826 / Math.sqrt(2) / 105.5, MinimumEffect.noisePercent(stepped), 1e-9);
    }

    @Test
    void verdictNeedsSignificanceAndSizeAndSaysUnknownWhenTheIntervalStraddlesTheBand() {
        Effect big = new Effect(6, 4.5, 7.5);
        assertEquals(Verdict.REGRESSION, VerdictRule.decide(Direction.LOWER_IS_BETTER, big, 0.001, 0.05, 3, true));
        assertEquals(Verdict.IMPROVEMENT, VerdictRule.decide(Direction.HIGHER_IS_BETTER, big, 0.001, 0.05, 3, true));
        assertEquals(Verdict.UNKNOWN, VerdictRule.decide(Direction.LOWER_IS_BETTER, big, 0.2, 0.05, 3, true));
        assertEquals(Verdict.UNKNOWN, VerdictRule.decide(Direction.LOWER_IS_BETTER, big, 0.001, 0.05, 3, false));
        Effect small = new Effect(0.5, -1, 2);
        assertEquals(Verdict.SAME, VerdictRule.decide(Direction.LOWER_IS_BETTER, small, 0.001, 0.05, 3, true));
        Effect straddling = new Effect(2.5, 0.5, 4.5);
        assertEquals(Verdict.UNKNOWN, VerdictRule.decide(Direction.LOWER_IS_BETTER, straddling, 0.01, 0.05, 3, true));
    }
}
