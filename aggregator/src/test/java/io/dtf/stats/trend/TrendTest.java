package io.dtf.stats.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.stats.Forecast;
import org.junit.jupiter.api.Test;

class TrendTest {
    @Test
    void mannKendallWithTiesMatchesTheReferenceFormula() {
        // pyMannKendall.original_test([1,2,2,3,3,3,5,4,6,7]): s = 39, var_s = 120.333, z = 3.4641, p = 0.000532
        MannKendall.Result r = MannKendall.test(new double[] {1, 2, 2, 3, 3, 3, 5, 4, 6, 7});
        assertEquals(39, r.s(), 0);
        assertEquals(120.33333333333333, r.variance(), 1e-9);
        assertEquals(3.464101615137755, r.z(), 1e-9);
        assertEquals(0.0005320055051392492, r.pValue(), 1e-9);
    }

    @Test
    void mannKendallFindsNoTrendInAFlatSeries() {
        assertEquals(1.0, MannKendall.test(new double[] {5, 5, 5, 5, 5}).pValue(), 0);
        assertTrue(MannKendall.test(new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}).pValue() > 0.3);
    }

    @Test
    void theilSenSlopeMatchesScipy() {
        // scipy.stats.theilslopes([1,3,2,5,4,7,6,8]).slope = 1.0
        assertEquals(1.0, TheilSen.slope(new double[] {1, 3, 2, 5, 4, 7, 6, 8}), 1e-12);
        assertEquals(2.0, TheilSen.slope(new double[] {0, 2, 4, 100, 8, 10}), 1e-12);
    }

    @Test
    void linearForecastExtendsTheLineWithAWideningInterval() {
        double[] v = {10, 12.1, 13.9, 16.05, 18, 19.95, 22.1, 23.9};
        Forecast f = LinearForecast.forecast(v, 3, 0.95);
        assertEquals(LinearForecast.METHOD, f.method());
        assertEquals(26, f.values().get(0), 0.2);
        assertEquals(30, f.values().get(2), 0.3);
        double first = f.upper().get(0) - f.lower().get(0);
        double third = f.upper().get(2) - f.lower().get(2);
        assertTrue(first > 0 && third > first);
        assertTrue(f.lower().get(0) < f.values().get(0) && f.upper().get(0) > f.values().get(0));
    }
}
