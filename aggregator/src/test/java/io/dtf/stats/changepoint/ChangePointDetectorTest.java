package io.dtf.stats.changepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.stats.SeriesFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangePointDetectorTest {
    @Test
    void pooledTTestMatchesScipy() {
        // scipy.stats.ttest_ind([1,2,3,4,5], [2.5,3.5,4.5,5.5,6.5,7.5]).pvalue = 0.09140775637748856
        double[] v = {1, 2, 3, 4, 5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5};
        assertEquals(0.09140775637748856, StudentT.pValue(v, 0, 5, 11), 1e-12);
    }

    @Test
    void eDivisivePicksTheSplitOfACleanStep() {
        double[] v = {1, 1.1, 0.9, 1, 1.05, 0.95, 2, 2.1, 1.9, 2, 2.05};
        assertEquals(6, EDivisive.bestSplit(v, 0, v.length, 3));
        assertEquals(-1, EDivisive.bestSplit(v, 0, 5, 3));
    }

    @Test
    void aFivePercentStepAtTwoPercentNoiseIsLocatedWithinOnePoint() {
        int located = 0;
        for (long seed = 0; seed < 50; seed++) {
            double[] v = SeriesFixtures.levels(60, 0.012, i -> i >= 30 ? 1.05 : 1.0, seed);
            List<DetectedChange> found = ChangePointDetector.detect(v, ChangePointOptions.defaults());
            located += found.size() == 1 && Math.abs(found.get(0).index() - 30) <= 1 ? 1 : 0;
        }
        assertTrue(located >= 48, "located " + located);
    }

    @Test
    void severalStepsInALongSeriesAreAllFound() {
        double[] v = SeriesFixtures.levels(200, 0.01, i -> i < 60 ? 1.0 : i < 130 ? 1.08 : 0.97, 3);
        List<Integer> at = ChangePointDetector.detect(v, ChangePointOptions.defaults()).stream()
                .map(DetectedChange::index).toList();
        assertEquals(2, at.size(), at.toString());
        assertTrue(Math.abs(at.get(0) - 60) <= 1 && Math.abs(at.get(1) - 130) <= 1, at.toString());
    }

    @Test
    void unchangedSeriesRarelyGetAChangePointAndTheScanIsDeterministic() {
        int flagged = 0;
        for (long seed = 0; seed < 200; seed++) {
            double[] v = SeriesFixtures.levels(100, 0.012, i -> 1.0, 1000 + seed);
            List<DetectedChange> first = ChangePointDetector.detect(v, ChangePointOptions.defaults());
            assertEquals(first, ChangePointDetector.detect(v.clone(), ChangePointOptions.defaults()));
            flagged += first.isEmpty() ? 0 : 1;
        }
        assertTrue(flagged <= 2, "flagged " + flagged);
    }
}
