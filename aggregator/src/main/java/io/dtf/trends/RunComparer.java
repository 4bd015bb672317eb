package io.dtf.trends;

import io.dtf.model.RunComparison;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Direction;
import io.dtf.stats.Point;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.Verdict;
import io.dtf.stats.compare.BenjaminiHochberg;
import io.dtf.stats.compare.Effect;
import io.dtf.stats.compare.MannWhitney;
import io.dtf.stats.compare.MedianRatio;
import io.dtf.stats.compare.MinimumEffect;
import io.dtf.stats.compare.VerdictRule;
import io.dtf.stats.descriptive.Quantiles;
import io.dtf.stats.outlier.RobustOutliers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run against another, series by series, with the comparison gate's own pieces (docs/STATISTICS.md):
 * the median ratio of the head run's samples to the base run's with its bootstrap interval, the
 * Mann-Whitney test of the samples, Benjamini-Hochberg across the series compared, and the minimum
 * effect from the series' run-to-run noise (its outlier-cleaned levels up to the later of the two runs).
 */
final class RunComparer {
    private static final List<String> ORDER = List.of("REGRESSION", "IMPROVEMENT", "UNKNOWN", "SAME");

    private RunComparer() {
    }

    private record Pair(SeriesCatalog.Entry entry, double[] base, double[] head, double minEffect, Effect effect,
                        double pValue, boolean enough) {
    }

    static RunComparison compare(List<SeriesCatalog.Entry> entries, String base, String head, AnalysisOptions options) {
        List<Pair> pairs = new ArrayList<>();
        int onlyBase = 0;
        int onlyHead = 0;
        for (SeriesCatalog.Entry e : entries) {
            List<Point> points = Levels.measured(e.series());
            int b = indexOf(points, base);
            int h = indexOf(points, head);
            if (b < 0 || h < 0) {
                onlyBase += b >= 0 ? 1 : 0;
                onlyHead += h >= 0 ? 1 : 0;
                continue;
            }
            pairs.add(pair(e, points, b, h, options));
        }
        double[] p = pairs.stream().mapToDouble(x -> x.enough ? x.pValue : Double.NaN).toArray();
        double[] q = BenjaminiHochberg.adjust(p);
        List<RunComparison.ComparedSeries> rows = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair x = pairs.get(i);
            Direction direction = x.entry.analysis().direction();
            Verdict verdict = VerdictRule.decide(direction, x.effect, q[i], options.fdr(), x.minEffect, x.enough);
            counts.merge(verdict.name(), 1, Integer::sum);
            SeriesKey k = x.entry.series().key();
            rows.add(new RunComparison.ComparedSeries(x.entry.key(), k.benchmark(), k.params(), k.metric(), k.unit(), k.hardware(),
                    direction.name(), Quantiles.median(x.base), Quantiles.median(x.head), x.base.length, x.head.length,
                    Levels.finite(x.effect.percent()), Levels.finite(x.effect.lowPercent()),
                    Levels.finite(x.effect.highPercent()), x.enough ? Levels.finite(x.pValue) : null,
                    x.enough ? Levels.finite(q[i]) : null, Levels.finite(x.minEffect), verdict.name()));
        }
        List<RunComparison.ComparedSeries> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(r -> ORDER.indexOf(r.verdict())));
        return new RunComparison(base, head, sorted, onlyBase, onlyHead, counts);
    }

    private static Pair pair(SeriesCatalog.Entry e, List<Point> points, int b, int h, AnalysisOptions options) {
        double[] base = Quantiles.toArray(points.get(b).samples());
        double[] head = Quantiles.toArray(points.get(h).samples());
        int upTo = Math.max(b, h) + 1;
        double[] levels = new double[upTo];
        for (int i = 0; i < upTo; i++) {
            levels[i] = Levels.level(points.get(i));
        }
        double[] clean = RobustOutliers.scan(levels, options.outlierZ(), options.stepPersistence()).cleaned();
        double minEffect = MinimumEffect.percent(options.minEffectPercent(), options.noiseMultiplier(),
                MinimumEffect.noisePercent(clean));
        boolean enough = base.length >= options.minCurrentSamples() && head.length >= options.minCurrentSamples();
        long seed = options.seed() ^ Long.parseUnsignedLong(e.key().substring(0, 15), 16);
        Effect effect = MedianRatio.effect(head, base, options.confidence(), enough ? options.bootstrapResamples() : 0,
                seed);
        double pValue = MannWhitney.test(head, base, seed).pValue();
        return new Pair(e, base, head, minEffect, effect, pValue, enough);
    }

    private static int indexOf(List<Point> points, String run) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).run().equals(run)) {
                return i;
            }
        }
        return -1;
    }
}
