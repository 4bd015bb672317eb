package io.dtf.stats.outlier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.stats.SeriesFixtures;
import org.junit.jupiter.api.Test;

class RobustOutliersTest {
    @Test
    void aSingleSpikeIsFlaggedAndReplacedInTheCleanedSeries() {
        double[] v = SeriesFixtures.levels(40, 0.01, i -> i == 20 ? 1.2 : 1.0, 1);
        OutlierScan scan = RobustOutliers.scan(v, 5, 3);
        assertEquals(1, scan.outliers().size());
        assertEquals(20, scan.outliers().get(0).index());
        assertTrue(scan.outliers().get(0).score() > 5);
        assertEquals(1000, scan.cleaned()[20], 30);
        assertEquals(v[19], scan.cleaned()[19], 0);
    }

    @Test
    void threeShiftedPointsAreAStepNotOutliers() {
        double[] middle = SeriesFixtures.levels(40, 0.01, i -> i >= 20 ? 1.2 : 1.0, 2);
        assertTrue(RobustOutliers.scan(middle, 5, 3).outliers().isEmpty());
        double[] atTheEnd = SeriesFixtures.levels(40, 0.01, i -> i >= 37 ? 1.2 : 1.0, 3);
        OutlierScan scan = RobustOutliers.scan(atTheEnd, 5, 3);
        assertTrue(scan.outliers().isEmpty());
        assertEquals(atTheEnd[39], scan.cleaned()[39], 0);
    }

    @Test
    void theNewestPointIsNotCalledAnOutlierButHeldBackFromTheScans() {
        double[] v = SeriesFixtures.levels(30, 0.01, i -> i == 29 ? 1.2 : 1.0, 4);
        OutlierScan scan = RobustOutliers.scan(v, 5, 3);
        assertTrue(scan.outliers().isEmpty());
        assertEquals(1000, scan.cleaned()[29], 30);
        assertEquals(28, RobustOutliers.trailingRunStart(SeriesFixtures.levels(30, 0.01, i -> i >= 28 ? 1.1 : 1.0, 5),
                2.5, 2));
    }
}
