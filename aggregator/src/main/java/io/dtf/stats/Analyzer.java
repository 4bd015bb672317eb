package io.dtf.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import io.dtf.stats.changepoint.ChangePointDetector;
import io.dtf.stats.changepoint.DetectedChange;
import io.dtf.stats.compare.BenjaminiHochberg;
import io.dtf.stats.compare.Effect;
import io.dtf.stats.compare.MannWhitney;
import io.dtf.stats.compare.MedianRatio;
import io.dtf.stats.compare.MinimumEffect;
import io.dtf.stats.compare.VerdictRule;
import io.dtf.stats.descriptive.Quantiles;
import io.dtf.stats.outlier.OutlierFlag;
import io.dtf.stats.outlier.OutlierScan;
import io.dtf.stats.outlier.RobustOutliers;
import io.dtf.stats.trend.LinearForecast;
import io.dtf.stats.trend.MannKendall;
import io.dtf.stats.trend.TheilSen;

/**
 * The statistics engine: for each series, outliers, change points, drift, a forecast and the
 * latest level against its baseline; then one Benjamini-Hochberg adjustment over every series'
 * comparison and the verdicts. Each run's level is the median of its samples.
 *
 * <p>Deterministic: each series draws its random numbers from a seed derived from the options'
 * seed and its key, results come back in input order, and series are analysed in parallel
 * without shared state.
 *
 * <pre>{@code
 * Analyzer analyzer = new Analyzer(AnalysisOptions.defaults());
 * List<SeriesAnalysis> results = analyzer.analyze(series);
 * results.stream().filter(SeriesAnalysis::needsAttention).forEach(System.out::println);
 * }</pre>
 */
public final class Analyzer {
    private final AnalysisOptions options;

    public Analyzer(AnalysisOptions options) {
        this.options = options;
    }

    /** Analyses every series; the i-th result belongs to the i-th series. */
    public List<SeriesAnalysis> analyze(List<Series> series) {
        List<Partial> partials = IntStream.range(0, series.size()).parallel().mapToObj(i -> analyseOne(series.get(i)))
                .toList();
        double[] p = new double[partials.size()];
        for (int i = 0; i < p.length; i++) {
            Comparison c = partials.get(i).comparison;
            p[i] = c != null && c.enough ? c.pValue : Double.NaN;
        }
        double[] q = BenjaminiHochberg.adjust(p);
        List<SeriesAnalysis> results = new ArrayList<>(partials.size());
        for (int i = 0; i < partials.size(); i++) {
            results.add(partials.get(i).complete(q[i], options));
        }
        return results;
    }

    private Partial analyseOne(Series series) {
        Direction direction = series.direction() != null ? series.direction()
                : Direction.fromUnit(series.key().unit());
        List<Point> points = series.points().stream().filter(pt -> !pt.samples().isEmpty()).toList();
        int n = points.size();
        double[] levels = new double[n];
        for (int i = 0; i < n; i++) {
            levels[i] = Quantiles.median(Quantiles.toArray(points.get(i).samples()));
        }
        long seed = seedFor(series.key());
        OutlierScan scan = RobustOutliers.scan(levels, options.outlierZ(), options.stepPersistence());
        double[] clean = scan.cleaned();
        List<DetectedChange> detected = ChangePointDetector.detect(clean, options.changePoints());
        List<ChangePoint> changePoints = new ArrayList<>();
        for (DetectedChange d : detected) {
            Point pt = points.get(d.index());
            changePoints.add(new ChangePoint(pt.run(), pt.timestamp(), d.index(), d.changePercent(), d.pValue()));
        }
        List<Outlier> outliers = new ArrayList<>();
        for (OutlierFlag f : scan.outliers()) {
            outliers.add(new Outlier(points.get(f.index()).run(), levels[f.index()], f.score()));
        }
        double minEffect = MinimumEffect.percent(options.minEffectPercent(), options.noiseMultiplier(),
                MinimumEffect.noisePercent(clean));
        Trend trend = trend(clean, minEffect);
        int lastChange = detected.isEmpty() ? 0 : detected.get(detected.size() - 1).index();
        int forecastFrom = Math.max(lastChange, n - options.baselineRuns());
        Forecast forecast = LinearForecast.forecast(java.util.Arrays.copyOfRange(clean, Math.max(0, forecastFrom), n),
                options.forecastHorizon(), options.confidence());
        Comparison comparison = n >= 2 ? compare(points, levels, clean, detected, seed) : null;
        return new Partial(series.key(), direction, n, changePoints, outliers, trend, forecast, comparison);
    }

    private Trend trend(double[] clean, double minEffectPercent) {
        int m = Math.min(clean.length, options.trendWindow());
        if (m < 3) {
            return null;
        }
        double[] window = java.util.Arrays.copyOfRange(clean, clean.length - m, clean.length);
        MannKendall.Result mk = MannKendall.test(window);
        double slope = TheilSen.slope(window);
        double level = Math.abs(Quantiles.median(window));
        double slopePercent = level == 0 ? 0 : 100 * slope / level;
        boolean significant = mk.pValue() <= options.trendAlpha()
                && Math.abs(slopePercent) * (m - 1) >= minEffectPercent;
        return new Trend(slope, slopePercent, mk.pValue(), significant);
    }

    /**
     * The current level is the runs since a recent change point, else the latest run; the baseline
     * is up to {@code baselineRuns} runs before it, not reaching back past the change point before.
     * When the newest runs moved together but are too few for a change point, they form the
     * current level. The noise behind the minimum effect is the spread of the baseline's outlier-cleaned levels.
     */
    private Comparison compare(List<Point> points, double[] levels, double[] clean, List<DetectedChange> detected,
                               long seed) {
        int n = points.size();
        int currentFrom = n - 1;
        int previousChange = 0;
        for (DetectedChange d : detected) {
            if (d.index() >= n - options.recentChangeRuns()) {
                currentFrom = d.index();
                break;
            }
            previousChange = d.index();
        }
        if (currentFrom == n - 1 && !detected.isEmpty() && detected.get(detected.size() - 1).index() < n - 1) {
            previousChange = detected.get(detected.size() - 1).index();
        }
        if (currentFrom == n - 1) {
            // Too new for a change point: the newest runs that moved together form the current level.
            currentFrom = Math.max(previousChange + 1, RobustOutliers.trailingRunStart(levels,
                    options.outlierZ() / 2, options.stepPersistence() - 1));
        }
        int baselineFrom = Math.max(previousChange, currentFrom - options.baselineRuns());
        double[] current = pooled(points, currentFrom, n);
        double[] baselineSamples = pooled(points, baselineFrom, currentFrom);
        double[] baselineLevels = java.util.Arrays.copyOfRange(levels, baselineFrom, currentFrom);
        int baselineRuns = currentFrom - baselineFrom;
        boolean enough = current.length >= options.minCurrentSamples() && baselineRuns >= options.minBaselineRuns();
        double minEffect = MinimumEffect.percent(options.minEffectPercent(), options.noiseMultiplier(),
                MinimumEffect.spreadPercent(java.util.Arrays.copyOfRange(clean, baselineFrom, currentFrom)));
        Effect effect = MedianRatio.effect(current, baselineLevels, options.confidence(),
                enough ? options.bootstrapResamples() : 0, seed);
        double p = MannWhitney.test(current, baselineSamples, seed).pValue();
        return new Comparison(points.get(n - 1).run(), effect, p, minEffect, baselineRuns, enough);
    }

    private static double[] pooled(List<Point> points, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size += points.get(i).samples().size();
        }
        double[] out = new double[size];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (double v : points.get(i).samples()) {
                out[k++] = v;
            }
        }
        return out;
    }

    /** A per-series seed from the base seed and the key's text: stable across runs and input orders. */
    private long seedFor(SeriesKey key) {
        String text = String.join("\u0000", key.benchmark(), String.valueOf(new TreeMap<>(key.params())),
                key.metric(), key.unit(), String.valueOf(key.hardware()),
                String.valueOf(new TreeMap<String, String>(key.context())));
        long h = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return new SplittableRandom(options.seed() ^ h).nextLong();
    }

    private record Comparison(String run, Effect effect, double pValue, double minEffectPercent, int baselineRuns,
                              boolean enough) {
    }

    private record Partial(SeriesKey key, Direction direction, int runs, List<ChangePoint> changePoints,
                           List<Outlier> outliers, Trend trend, Forecast forecast, Comparison comparison) {
        SeriesAnalysis complete(double q, AnalysisOptions options) {
            Latest latest = null;
            if (comparison != null) {
                Effect e = comparison.effect;
                Verdict verdict = VerdictRule.decide(direction, e, q, options.fdr(), comparison.minEffectPercent,
                        comparison.enough);
                latest = new Latest(comparison.run, verdict, e.percent(), e.lowPercent(), e.highPercent(),
                        comparison.pValue, q, comparison.baselineRuns);
            }
            return new SeriesAnalysis(key, direction, runs, changePoints, outliers, trend, forecast, latest);
        }
    }
}
