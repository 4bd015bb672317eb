package io.dtf.model;

import java.util.List;
import java.util.Map;

/**
 * Two runs side by side ({@code AggregatorApi.compareRuns}, {@code GET /api/compare}): every series that
 * has both, the head run's samples against the base run's, judged as the comparison gate judges a latest
 * run (docs/STATISTICS.md, "Comparison gate"), with the minimum effect from the series' own noise.
 *
 * @param rows        one per series that has both runs, regressions first, then by benchmark
 * @param onlyInBase  series that have the base run and not the head run
 * @param onlyInHead  series that have the head run and not the base run
 * @param verdicts    how many rows got each verdict
 */
public record RunComparison(String base, String head, List<ComparedSeries> rows, int onlyInBase, int onlyInHead,
                            Map<String, Integer> verdicts) {
    public RunComparison {
        rows = List.copyOf(rows);
        verdicts = Map.copyOf(verdicts);
    }

    /**
     * One series in both runs.
     *
     * @param baseValue     the base run's level (median of its samples)
     * @param headValue     the head run's level
     * @param changePercent head against base in percent, with its bootstrap interval
     * @param pValue        the rank test of the samples; {@code qValue} adjusted across the rows
     * @param verdict       {@code REGRESSION}, {@code IMPROVEMENT}, {@code SAME} or {@code UNKNOWN} (too few
     *                      samples to tell: a run that printed one value per metric is always UNKNOWN)
     */
    public record ComparedSeries(String key, String benchmark, Map<String, String> params, String metric, String unit,
                      String hardware, String direction, double baseValue, double headValue, int baseSamples,
                      int headSamples, Double changePercent, Double ciLowPercent, Double ciHighPercent,
                      Double pValue, Double qValue, Double minEffectPercent, String verdict) {
        public ComparedSeries {
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }
}
