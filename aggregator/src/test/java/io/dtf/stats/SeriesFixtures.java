package io.dtf.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/** Seeded synthetic series for tests: runs of five normal samples at a given CV around 1000 x a level multiplier. */
public final class SeriesFixtures {
    private SeriesFixtures() {
    }

    public static Series series(String name, int length, double cv, IntToDoubleFunction level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            List<Double> samples = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                samples.add(1000 * level.applyAsDouble(i) * (1 + cv * gaussian(random)));
            }
            points.add(new Point("run-" + i, Instant.ofEpochSecond(1_700_000_000L + 3600L * i), samples, "c" + i));
        }
        return new Series(new SeriesKey(name, Map.of("n", "1"), "time", "ns", "hw", Map.of()),
                Direction.LOWER_IS_BETTER, points);
    }

    /** Run levels only (for the scans that work on one number per run). */
    public static double[] levels(int length, double cv, IntToDoubleFunction level, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = 1000 * level.applyAsDouble(i) * (1 + cv * gaussian(random));
        }
        return out;
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
