package io.dtf.trends;

import io.dtf.model.BenchmarkBest;
import io.dtf.model.SeriesQuery;
import io.dtf.stats.AnalysisOptions;
import io.dtf.stats.SeriesKey;
import io.dtf.stats.descriptive.Interval;
import io.dtf.stats.dimensions.BenchmarkDimensions;
import io.dtf.stats.dimensions.BestConfiguration;
import io.dtf.stats.dimensions.DimensionEffect;
import io.dtf.stats.dimensions.DimensionExplainer;
import java.util.List;

/** The {@code dimensions} of {@code dtf analyze} ({@link DimensionExplainer}) as {@link BenchmarkBest} records. */
final class BestConfigurations {
    private BestConfigurations() {
    }

    static List<BenchmarkBest> of(List<SeriesCatalog.Entry> entries, SeriesQuery query, AnalysisOptions options) {
        List<BenchmarkDimensions> benchmarks = new DimensionExplainer(options.bootstrapResamples(), options.seed())
                .explain(entries.stream().map(SeriesCatalog.Entry::series).toList()).benchmarks();
        return benchmarks.stream().skip(query.offset()).limit(query.limit()).map(b -> view(b, entries)).toList();
    }

    private static BenchmarkBest view(BenchmarkDimensions b, List<SeriesCatalog.Entry> entries) {
        String direction = entries.stream().filter(e -> e.series().key().benchmark().equals(b.benchmark())
                        && e.series().key().metric().equals(b.metric()) && e.series().key().unit().equals(b.unit()))
                .map(e -> e.analysis().direction().name()).findFirst().orElse(null);
        List<BenchmarkBest.BestDimension> dimensions = b.dimensions().stream().map(BestConfigurations::dimension).toList();
        BestConfiguration best = b.best();
        return new BenchmarkBest(b.benchmark(), b.metric(), b.unit(), direction, b.series(),
                dimensions.isEmpty() ? null : dimensions.get(0), dimensions,
                best == null ? null : configuration(best.best(), best.median(), best.interval()),
                best == null ? null : configuration(best.runnerUp(), best.runnerUpMedian(), best.runnerUpInterval()));
    }

    private static BenchmarkBest.BestDimension dimension(DimensionEffect d) {
        return new BenchmarkBest.BestDimension(d.dimension(), d.values(), Levels.finite(d.h()), Levels.finite(d.pValue()),
                Levels.finite(d.epsilonSquared()));
    }

    private static BenchmarkBest.BestCandidate configuration(SeriesKey key, double median, Interval interval) {
        return new BenchmarkBest.BestCandidate(SeriesKeys.of(key), key.params(), key.hardware(), key.context(),
                Levels.finite(median), Levels.finite(interval.low()), Levels.finite(interval.high()));
    }
}
