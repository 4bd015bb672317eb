package io.dtf.model;

import java.util.Map;

/**
 * The verdict on one benchmark series for one run, as {@code dtf analyze --run RUN} decides it: the
 * run's measurements against the series' earlier runs (the baseline), in the direction that is better
 * for the metric. What a build fails on when a benchmark regressed.
 *
 * @param benchmark     the task's name (a {@code jmh} task's metrics are its benchmarks)
 * @param metric        e.g. {@code com.example.MyBench.parse} or {@code throughput}
 * @param direction     {@code HIGHER_IS_BETTER} or {@code LOWER_IS_BETTER}
 * @param verdict       {@code REGRESSION}, {@code IMPROVEMENT}, {@code SAME}, or {@code UNKNOWN} (not enough
 *                      evidence either way, which includes a series with no earlier run)
 * @param changePercent the run against its baseline, in percent as measured (NaN without a baseline)
 * @param pValue        the rank test's p-value (NaN without a baseline)
 * @param qValue        adjusted across every series analysed together (NaN without a baseline)
 * @param baselineRuns  the earlier runs compared against (0 without a baseline)
 */
public record SeriesVerdict(
        String benchmark,
        Map<String, String> params,
        String metric,
        String unit,
        String hardware,
        String direction,
        String verdict,
        double changePercent,
        double pValue,
        double qValue,
        int baselineRuns) {

    public SeriesVerdict {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** Whether this series got worse in the run, significantly and by more than the minimum effect. */
    public boolean regressed() {
        return "REGRESSION".equals(verdict);
    }
}
