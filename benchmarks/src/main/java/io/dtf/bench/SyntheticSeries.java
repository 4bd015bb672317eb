package io.dtf.bench;

import io.dtf.stats.Direction;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Seeded synthetic benchmark series: each point is one run of {@link #SAMPLES} samples drawn from
 * a normal distribution with the given coefficient of variation around that run's level (1000 ns
 * times a multiplier), lower is better.
 */
final class SyntheticSeries {
    static final int SAMPLES = 5;
    static final double BASE = 1000.0;

    private SyntheticSeries() {
    }

    /** A series named {@code name} whose run {@code i} has level {@code BASE * multiplier(i)}. */
    static Series of(String name, int length, double cv, IntToDoubleFunction multiplier, SplittableRandom random) {
        List<Point> points = new ArrayList<>(length);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < length; i++) {
            double level = BASE * multiplier.applyAsDouble(i);
            List<Double> samples = new ArrayList<>(SAMPLES);
            for (int s = 0; s < SAMPLES; s++) {
                samples.add(level * (1 + cv * gaussian(random)));
            }
            points.add(new Point("run-" + i, start.plusSeconds(3600L * i), samples, "c" + i));
        }
        SeriesKey key = new SeriesKey(name, Map.of("size", "1024"), "time", "ns", "x86-2c", Map.of());
        return new Series(key, Direction.LOWER_IS_BETTER, points);
    }

    /** The first {@code length} points of a series. */
    static Series prefix(Series series, int length) {
        return new Series(series.key(), series.direction(), series.points().subList(0, length));
    }

    /** Box-Muller from a SplittableRandom (which has no nextGaussian in Java 17). */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
