package io.dtf.trends;

import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.descriptive.Quantiles;
import java.util.List;

/** What the analyses work on: each run's level is the median of its samples; runs without samples are left out. */
final class Levels {
    private Levels() {
    }

    /** The series' points that measured something, as the analyzer indexes them. */
    static List<Point> measured(Series series) {
        return series.points().stream().filter(p -> !p.samples().isEmpty()).toList();
    }

    static double level(Point point) {
        return Quantiles.median(Quantiles.toArray(point.samples()));
    }

    /** A number for JSON: null when it is not finite. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
