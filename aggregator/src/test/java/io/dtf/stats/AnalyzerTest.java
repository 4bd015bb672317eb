package io.dtf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnalyzerTest {
    private final Analyzer analyzer = new Analyzer(AnalysisOptions.defaults());

    @Test
    void aSingleSpikeIsAnOutlierNotAChangePoint() {
        Series spiked = SeriesFixtures.series("spike", 50, 0.02, i -> i == 25 ? 1.2 : 1.0, 1);
        SeriesAnalysis a = analyzer.analyze(List.of(spiked)).get(0);
        assertTrue(a.changePoints().isEmpty(), a.changePoints().toString());
        assertEquals(List.of("run-25"), a.outliers().stream().map(Outlier::run).toList());
    }

    @Test
    void threeShiftedRunsAreAStepNotOutliers() {
        Series shifted = SeriesFixtures.series("three", 40, 0.02, i -> i >= 37 ? 1.2 : 1.0, 2);
        SeriesAnalysis a = analyzer.analyze(List.of(shifted)).get(0);
        assertEquals(List.of(37), a.changePoints().stream().map(ChangePoint::index).toList());
        assertTrue(a.outliers().isEmpty());
        assertEquals(Verdict.REGRESSION, a.latest().verdict());
    }

    @Test
    void aFivePercentStepAtTwoPercentNoiseIsFoundWithinOneRun() {
        for (long seed = 10; seed < 20; seed++) {
            Series stepped = SeriesFixtures.series("step", 60, 0.02, i -> i >= 30 ? 1.05 : 1.0, seed);
            SeriesAnalysis a = analyzer.analyze(List.of(stepped)).get(0);
            assertEquals(1, a.changePoints().size(), a.changePoints().toString());
            ChangePoint cp = a.changePoints().get(0);
            assertTrue(Math.abs(cp.index() - 30) <= 1, "at " + cp.index());
            assertEquals(5, cp.changePercent(), 1.5);
        }
    }

    @Test
    void aRecentStepIsARegressionWithItsSizeAndInterval() {
        Series stepped = SeriesFixtures.series("recent", 36, 0.02, i -> i >= 30 ? 1.05 : 1.0, 3);
        Latest latest = analyzer.analyze(List.of(stepped)).get(0).latest();
        assertEquals(Verdict.REGRESSION, latest.verdict());
        assertEquals(5, latest.changePercent(), 1.5);
        assertTrue(latest.ciLowPercent() > 2 && latest.ciHighPercent() < 8, latest.toString());
        assertEquals(30, latest.baselineRuns());
    }

    @Test
    void anUnchangedSeriesIsSameOrUnknownAndHasNoChangePoints() {
        Series flat = SeriesFixtures.series("flat", 80, 0.02, i -> 1.0, 4);
        SeriesAnalysis a = analyzer.analyze(List.of(flat)).get(0);
        assertTrue(a.changePoints().isEmpty());
        assertTrue(a.latest().verdict() == Verdict.SAME || a.latest().verdict() == Verdict.UNKNOWN);
        assertTrue(!a.trend().significant());
        assertTrue(!a.needsAttention());
    }

    @Test
    void tooFewRunsGiveUnknownAndOneRunGivesNoComparison() {
        Series shortSeries = SeriesFixtures.series("short", 3, 0.02, i -> i == 2 ? 1.5 : 1.0, 5);
        assertEquals(Verdict.UNKNOWN, analyzer.analyze(List.of(shortSeries)).get(0).latest().verdict());
        Series single = SeriesFixtures.series("single", 1, 0.02, i -> 1.0, 5);
        assertNull(analyzer.analyze(List.of(single)).get(0).latest());
    }

    @Test
    void driftOfTwoTenthsOfAPercentPerRunIsFlaggedByRunFifty() {
        Series drifting = SeriesFixtures.series("drift", 50, 0.02, i -> 1 + 0.002 * i, 6);
        SeriesAnalysis a = analyzer.analyze(List.of(drifting)).get(0);
        assertTrue(a.trend().significant(), a.trend().toString());
        assertEquals(0.2, a.trend().slopePercentPerRun(), 0.1);
        assertTrue(a.needsAttention());
        assertTrue(a.forecast().values().get(0) > 1080, a.forecast().toString());
    }

    @Test
    void identicalInputGivesIdenticalOutputWhateverTheOrder() {
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            int at = 20 + s;
            series.add(SeriesFixtures.series("s" + s, 60, 0.02, i -> i >= at ? 1.05 : 1.0, 100 + s));
        }
        List<SeriesAnalysis> first = analyzer.analyze(series);
        assertEquals(first, new Analyzer(AnalysisOptions.defaults()).analyze(series));
        List<Series> reversed = new ArrayList<>(series);
        Collections.reverse(reversed);
        List<SeriesAnalysis> back = new ArrayList<>(analyzer.analyze(reversed));
        Collections.reverse(back);
        assertEquals(first, back);
    }

    @Test
    void falseDiscoveriesAreControlledAcrossManySeries() {
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            series.add(SeriesFixtures.series("flat" + s, 35, 0.02, i -> 1.0, 1000 + s));
        }
        for (int s = 0; s < 10; s++) {
            series.add(SeriesFixtures.series("step" + s, 35, 0.02, i -> i >= 31 ? 1.08 : 1.0, 2000 + s));
        }
        List<SeriesAnalysis> results = analyzer.analyze(series);
        long falseFlags = results.subList(0, 200).stream().filter(a -> a.latest().verdict() == Verdict.REGRESSION
                || a.latest().verdict() == Verdict.IMPROVEMENT).count();
        long found = results.subList(200, 210).stream().filter(a -> a.latest().verdict() == Verdict.REGRESSION).count();
        assertTrue(falseFlags <= 1, "false flags " + falseFlags);
        assertTrue(found >= 9, "found " + found);
        assertTrue(results.get(205).latest().qValue() >= results.get(205).latest().pValue());
    }
}
