package io.dtf.trends;

import io.dtf.history.SeriesReader;
import io.dtf.model.BenchmarkBest;
import io.dtf.model.ResultMatrix;
import io.dtf.model.RunComparison;
import io.dtf.model.SeriesDetail;
import io.dtf.model.SeriesPage;
import io.dtf.model.SeriesQuery;
import io.dtf.model.SeriesSummary;
import io.dtf.report.Attention;
import io.dtf.results.duckdb.DuckDbResultStore;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.Analyzer;
import io.dtf.stats.ChangePoint;
import io.dtf.stats.Latest;
import io.dtf.stats.Outlier;
import io.dtf.stats.Point;
import io.dtf.stats.Series;
import io.dtf.stats.SeriesAnalysis;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.Trend;
import io.dtf.stats.Verdict;
import io.dtf.stats.descriptive.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every stored series with what {@code dtf analyze} concludes of it, as the console lists, charts and
 * compares them. Built from one read of the file and one analysis of every series together, so that
 * verdicts (whose q-values are adjusted across all series) are the ones {@code dtf analyze} reports.
 *
 * <pre>{@code
 * SeriesCatalog catalog = SeriesCatalog.read(store);
 * SeriesPage regressions = catalog.page(new SeriesQuery(null, null, "REGRESSION", false, 50, 0));
 * }</pre>
 */
public final class SeriesCatalog {
    private final List<Entry> entries;
    private final AnalysisOptions options;

    /** One series, its key and its analysis. */
    record Entry(String key, Series series, SeriesAnalysis analysis) {
    }

    private SeriesCatalog(List<Entry> entries, AnalysisOptions options) {
        this.entries = entries;
        this.options = options;
    }

    /** Reads and analyses every series of the file, with the default options. */
    public static SeriesCatalog read(DuckDbResultStore store) {
        return of(new SeriesReader(store).read(null), AnalysisOptions.defaults());
    }

    /** Analyses {@code series} (in the order given, which the answers keep). */
    public static SeriesCatalog of(List<Series> series, AnalysisOptions options) {
        List<SeriesAnalysis> analyses = new Analyzer(options).analyze(series);
        List<Entry> entries = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            entries.add(new Entry(SeriesKeys.of(series.get(i).key()), series.get(i), analyses.get(i)));
        }
        return new SeriesCatalog(List.copyOf(entries), options);
    }

    /** The series that match {@code query}, a page of them. */
    public SeriesPage page(SeriesQuery query) {
        List<Entry> matching = matching(query);
        List<SeriesSummary> page = matching.stream().skip(query.offset()).limit(query.limit())
                .map(SeriesCatalog::summary).toList();
        TreeSet<String> hardware = new TreeSet<>();
        entries.forEach(e -> hardware.add(e.series.key().hardware()));
        return new SeriesPage(matching.size(), query.offset(), page, List.copyOf(hardware));
    }

    /** One series in full, or empty when no series has {@code key}. */
    public Optional<SeriesDetail> detail(String key) {
        return entries.stream().filter(e -> e.key.equals(key)).findFirst().map(SeriesCatalog::detail);
    }

    /** Benchmarks against hardware classes over the series that match {@code query}. */
    public ResultMatrix matrix(SeriesQuery query) {
        return ResultMatrices.of(matching(query), query);
    }

    /** Per benchmark and metric, what explains its spread and its best configuration, over the matching series. */
    public List<BenchmarkBest> best(SeriesQuery query) {
        return BestConfigurations.of(matching(query), query, options);
    }

    /** Run {@code head} against run {@code base} in every series that has both. */
    public RunComparison compare(String base, String head) {
        return RunComparer.compare(entries, base, head, options);
    }

    List<Entry> matching(SeriesQuery query) {
        String search = query.search() == null ? null : query.search().toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> query.hardware() == null || query.hardware().equals(e.series.key().hardware()))
                .filter(e -> query.verdict() == null || query.verdict().equals(verdict(e.analysis)))
                .filter(e -> !query.attention() || needsAttention(e.analysis))
                .filter(e -> search == null || searchable(e.series.key()).contains(search))
                .toList();
    }

    private static String searchable(SeriesKey key) {
        StringBuilder text = new StringBuilder(key.benchmark()).append('\u0000').append(key.metric()).append('\u0000')
                .append(key.unit());
        key.params().forEach((k, v) -> text.append('\u0000').append(k).append('=').append(v));
        return text.toString().toLowerCase(Locale.ROOT);
    }

    static String verdict(SeriesAnalysis a) {
        return a.latest() == null || a.latest().verdict() == null ? Verdict.UNKNOWN.name() : a.latest().verdict().name();
    }

    /** As the reports flag a series: a regression, a change point in the last runs, drift the wrong way. */
    static boolean needsAttention(SeriesAnalysis a) {
        return a.needsAttention() || Attention.recentChangePoint(a) != null;
    }

    static SeriesSummary summary(Entry e) {
        SeriesKey k = e.series.key();
        SeriesAnalysis a = e.analysis;
        List<Point> points = Levels.measured(e.series);
        Point last = points.isEmpty() ? null : points.get(points.size() - 1);
        Latest latest = a.latest();
        return new SeriesSummary(e.key, k.benchmark(), k.params(), k.metric(), k.unit(), k.hardware(), k.context(),
                a.direction().name(), points.size(), last == null ? null : last.run(),
                last == null ? null : last.timestamp(), last == null ? null : Levels.finite(Levels.level(last)),
                verdict(a), latest == null ? null : Levels.finite(latest.changePercent()), a.changePoints().size(),
                a.outliers().size(), needsAttention(a));
    }

    private static SeriesDetail detail(Entry e) {
        List<Point> points = Levels.measured(e.series);
        List<SeriesDetail.SeriesPoint> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double[] samples = Quantiles.toArray(p.samples());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : samples) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            out.add(new SeriesDetail.SeriesPoint(i, p.run(), p.timestamp(), Quantiles.median(samples), samples.length, min,
                    max, p.commit()));
        }
        SeriesAnalysis a = e.analysis;
        List<SeriesDetail.SeriesChangePoint> changes = new ArrayList<>();
        for (ChangePoint cp : a.changePoints()) {
            changes.add(new SeriesDetail.SeriesChangePoint(cp.index(), cp.run(), cp.timestamp(), Levels.finite(cp.changePercent()),
                    Levels.finite(cp.pValue())));
        }
        List<SeriesDetail.SeriesOutlier> outliers = new ArrayList<>();
        for (Outlier o : a.outliers()) {
            int index = indexOf(points, o.run());
            outliers.add(new SeriesDetail.SeriesOutlier(index, o.run(), Levels.finite(o.value()), Levels.finite(o.score())));
        }
        Latest l = a.latest();
        SeriesDetail.SeriesLatest latest = l == null ? null : new SeriesDetail.SeriesLatest(l.run(), verdict(a),
                Levels.finite(l.changePercent()), Levels.finite(l.ciLowPercent()), Levels.finite(l.ciHighPercent()),
                Levels.finite(l.pValue()), Levels.finite(l.qValue()), l.baselineRuns());
        Trend t = a.trend();
        SeriesDetail.SeriesTrend trend = t == null ? null : new SeriesDetail.SeriesTrend(Levels.finite(t.slope()),
                Levels.finite(t.slopePercentPerRun()), Levels.finite(t.pValue()), t.significant());
        return new SeriesDetail(summary(e), out, changes, outliers, latest, trend);
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
