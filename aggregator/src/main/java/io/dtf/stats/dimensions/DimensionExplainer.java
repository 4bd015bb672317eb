package io.dtf.stats.dimensions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.dtf.stats.Direction;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.descriptive.Interval;
import io.dtf.stats.descriptive.MedianBootstrap;
import io.dtf.stats.descriptive.Quantiles;

/**
 * Across dimensions: for each benchmark and metric, which dimension explains the spread of the
 * latest results (Kruskal-Wallis over hardware, every parameter and every context entry), and the
 * best configuration, named only when its median's 95% bootstrap interval does not overlap the
 * runner-up's.
 *
 * <pre>{@code DimensionReport report = new DimensionExplainer(2000, 42).explain(series);}</pre>
 */
public final class DimensionExplainer {
    private final int resamples;
    private final long seed;

    public DimensionExplainer(int resamples, long seed) {
        this.resamples = resamples;
        this.seed = seed;
    }

    public DimensionReport explain(List<Series> series) {
        Map<String, List<Series>> byBenchmark = new TreeMap<>();
        for (Series s : series) {
            if (s.points().stream().anyMatch(p -> !p.samples().isEmpty())) {
                SeriesKey k = s.key();
                byBenchmark.computeIfAbsent(k.benchmark() + "\u0000" + k.metric() + "\u0000" + k.unit(),
                        x -> new ArrayList<>()).add(s);
            }
        }
        List<BenchmarkDimensions> out = new ArrayList<>();
        for (List<Series> group : byBenchmark.values()) {
            SeriesKey first = group.get(0).key();
            out.add(new BenchmarkDimensions(first.benchmark(), first.metric(), first.unit(), group.size(),
                    dimensions(group), best(group)));
        }
        return new DimensionReport(out);
    }

    private static List<DimensionEffect> dimensions(List<Series> group) {
        TreeSet<String> names = new TreeSet<>();
        names.add("hardware");
        for (Series s : group) {
            s.key().params().keySet().forEach(k -> names.add("param:" + k));
            s.key().context().keySet().forEach(k -> names.add("context:" + k));
        }
        List<DimensionEffect> effects = new ArrayList<>();
        for (String name : names) {
            Map<String, List<Double>> byValue = new TreeMap<>();
            for (Series s : group) {
                byValue.computeIfAbsent(String.valueOf(value(s.key(), name)), x -> new ArrayList<>())
                        .addAll(latest(s).samples());
            }
            if (byValue.size() < 2) {
                continue;
            }
            List<double[]> samples = byValue.values().stream().map(Quantiles::toArray).toList();
            KruskalWallis.Result r = KruskalWallis.test(samples);
            effects.add(new DimensionEffect(name, byValue.size(), r.h(), r.pValue(), r.epsilonSquared()));
        }
        effects.sort(Comparator.comparingDouble(DimensionEffect::epsilonSquared).reversed()
                .thenComparing(DimensionEffect::dimension));
        return effects;
    }

    private BestConfiguration best(List<Series> group) {
        if (group.size() < 2) {
            return null;
        }
        record Ranked(Series series, double median, Interval interval) {
        }
        boolean higherIsBetter = (group.get(0).direction() != null ? group.get(0).direction()
                : Direction.fromUnit(group.get(0).key().unit())) == Direction.HIGHER_IS_BETTER;
        List<Ranked> ranked = new ArrayList<>();
        for (Series s : group) {
            double[] samples = Quantiles.toArray(latest(s).samples());
            ranked.add(new Ranked(s, Quantiles.median(samples),
                    MedianBootstrap.interval(samples, 0.95, resamples, seed)));
        }
        Comparator<Ranked> better = Comparator.comparingDouble(Ranked::median);
        ranked.sort(higherIsBetter ? better.reversed() : better);
        Ranked top = ranked.get(0);
        Ranked second = ranked.get(1);
        boolean clears = higherIsBetter ? top.interval.low() > second.interval.high()
                : top.interval.high() < second.interval.low();
        return clears ? new BestConfiguration(top.series.key(), top.median, top.interval, second.series.key(),
                second.median, second.interval) : null;
    }

    private static String value(SeriesKey key, String dimension) {
        if (dimension.equals("hardware")) {
            return key.hardware();
        }
        if (dimension.startsWith("param:")) {
            return key.params().get(dimension.substring("param:".length()));
        }
        return key.context().get(dimension.substring("context:".length()));
    }

    private static Point latest(Series s) {
        List<Point> points = s.points();
        for (int i = points.size() - 1; i >= 0; i--) {
            if (!points.get(i).samples().isEmpty()) {
                return points.get(i);
            }
        }
        throw new IllegalStateException("no samples");
    }
}
