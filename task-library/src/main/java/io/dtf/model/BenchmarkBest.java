package io.dtf.model;

import java.util.List;
import java.util.Map;

/**
 * Per benchmark and metric, which dimension explains the spread of its latest results and which
 * configuration is best ({@code AggregatorApi.bestConfigurations}, {@code GET /api/best}); the
 * {@code dimensions} section of {@code dtf analyze} (docs/ANALYSIS-FORMAT.md).
 *
 * @param series    how many series the benchmark's metric has
 * @param strongest the dimension ({@code hardware}, {@code param:NAME}, {@code context:NAME}) whose values
 *                  explain the most rank variance; null with one configuration
 * @param best      the best configuration; null unless its median's 95% interval clears the runner-up's
 * @param runnerUp  the second best, when {@code best} is named
 */
public record BenchmarkBest(String benchmark, String metric, String unit, String direction, int series,
                                BestDimension strongest, List<BestDimension> dimensions, BestCandidate best,
                                BestCandidate runnerUp) {
    public BenchmarkBest {
        dimensions = List.copyOf(dimensions);
    }

    /** Kruskal-Wallis over one dimension's values: {@code epsilonSquared} is the share of rank variance explained. */
    public record BestDimension(String dimension, int values, Double h, Double pValue, Double epsilonSquared) {
    }

    /** One series' latest run: its median and 95% bootstrap interval. */
    public record BestCandidate(String key, Map<String, String> params, String hardware, Map<String, String> context,
                                Double median, Double ciLow, Double ciHigh) {
        public BestCandidate {
            params = params == null ? Map.of() : Map.copyOf(params);
            context = context == null ? Map.of() : Map.copyOf(context);
        }
    }
}
