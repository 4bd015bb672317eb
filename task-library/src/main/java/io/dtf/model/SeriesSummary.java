package io.dtf.model;

import java.time.Instant;
import java.util.Map;

/**
 * One stored series as a list shows it: what it measures, how long it is, where it stands now. A series
 * is one benchmark with the same params, metric, unit, hardware class and context (branch), one point per
 * run (docs/ANALYSIS-FORMAT.md, "Series").
 *
 * @param key           the series' id: 20 hex digits derived from what it measures, the same in every
 *                      answer and across restarts (a link to the series stays good)
 * @param direction     {@code HIGHER_IS_BETTER} or {@code LOWER_IS_BETTER}
 * @param points        runs in the series
 * @param latestValue   the latest run's level (the median of its samples)
 * @param verdict       the latest run against its baseline ({@code REGRESSION}, {@code IMPROVEMENT},
 *                      {@code SAME}, {@code UNKNOWN})
 * @param changePercent the latest run against its baseline in percent, null without a baseline
 * @param changePoints  how many persistent shifts the series has
 * @param outliers      how many single runs stood out and did not persist
 */
public record SeriesSummary(String key, String benchmark, Map<String, String> params, String metric, String unit,
                            String hardware, Map<String, String> context, String direction, int points,
                            String latestRun, Instant latestAt, Double latestValue, String verdict,
                            Double changePercent, int changePoints, int outliers, boolean needsAttention) {
    public SeriesSummary {
        params = params == null ? Map.of() : Map.copyOf(params);
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
