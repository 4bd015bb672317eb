package io.dtf.report;

import io.dtf.stats.ChangePoint;
import io.dtf.stats.Direction;
import io.dtf.stats.Forecast;
import io.dtf.stats.Latest;
import io.dtf.stats.Outlier;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.Trend;
import io.dtf.stats.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made analyses for report tests, independent of the statistics engine. */
final class Analyses {
    private Analyses() {
    }

    static SeriesKey key(String benchmark) {
        return new SeriesKey(benchmark, Map.of("size", "1M"), "throughput", "MB/s", "x86", Map.of("branch", "main"));
    }

    static SeriesAnalysis regression(String benchmark) {
        return new SeriesAnalysis(key(benchmark), Direction.HIGHER_IS_BETTER, 6,
                List.of(new ChangePoint("r6", Instant.parse("2024-05-06T00:00:00Z"), 5, -20.0, 0.001)),
                List.of(new Outlier("r2", 150.0, 4.2)), new Trend(-1.5, -1.4, 0.04, true),
                new Forecast("holt", List.of(80.0, 79.0), List.of(70.0, 68.0), List.of(90.0, 91.0)),
                new Latest("r6", Verdict.REGRESSION, -20.0, -25.0, -15.0, 0.001, 0.004, 5));
    }

    static SeriesAnalysis steady(String benchmark) {
        return new SeriesAnalysis(key(benchmark), Direction.HIGHER_IS_BETTER, 6, List.of(), List.of(),
                new Trend(0.01, 0.01, 0.8, false), null,
                new Latest("r6", Verdict.SAME, 0.3, -1.0, 1.5, 0.7, 0.9, 5));
    }

    static SeriesAnalysis drifting(String benchmark) {
        return new SeriesAnalysis(key(benchmark), Direction.HIGHER_IS_BETTER, 6, List.of(), List.of(),
                new Trend(-2.0, -2.0, 0.01, true), null, new Latest("r6", Verdict.SAME, -1.0, -3.0, 1.0, 0.3, 0.5, 5));
    }

    static Series series(String benchmark) {
        List<Point> points = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            points.add(new Point("r" + i, Instant.parse("2024-05-0" + i + "T00:00:00Z"),
                    List.of(i == 6 ? 80.0 : 100.0, i == 2 ? 150.0 : 101.0), "c" + i));
        }
        return new Series(key(benchmark), Direction.HIGHER_IS_BETTER, points);
    }
}
