package io.dtf.model;

import java.time.Instant;
import java.util.List;

/**
 * One stored series in full ({@code AggregatorApi.seriesDetail}, {@code GET /api/series/{key}}): every run's
 * level, and what {@code dtf analyze} concludes of it (docs/STATISTICS.md).
 *
 * @param summary      the series as {@link SeriesSummary} lists it
 * @param points       one per run, oldest first
 * @param changePoints persistent shifts, each at the first run of the new level
 * @param outliers     single runs far from their neighbours that did not persist
 * @param latest       the latest run against its baseline; null with fewer than two runs
 * @param trend        slow drift over the last runs; null with fewer than three
 */
public record SeriesDetail(SeriesSummary summary, List<SeriesPoint> points, List<SeriesChangePoint> changePoints,
                           List<SeriesOutlier> outliers, SeriesLatest latest, SeriesTrend trend) {
    public SeriesDetail {
        points = List.copyOf(points);
        changePoints = List.copyOf(changePoints);
        outliers = List.copyOf(outliers);
    }

    /**
     * One run of the series.
     *
     * @param index   its position in the series, 0 for the oldest
     * @param value   the run's level: the median of its samples
     * @param samples how many samples the run measured
     * @param commit  the commit measured, when known
     */
    public record SeriesPoint(int index, String run, Instant at, double value, int samples, double min, double max,
                        String commit) {
    }

    /** A persistent shift: {@code run} is the first at the new level; the change of the segment medians in percent. */
    public record SeriesChangePoint(int index, String run, Instant at, Double changePercent, Double pValue) {
    }

    /** A run that stood out: its level and how far, in robust deviations. */
    public record SeriesOutlier(int index, String run, Double value, Double score) {
    }

    /**
     * The comparison gate on the latest run: {@code changePercent} with its interval against the baseline
     * runs, the rank test's p-value and its adjustment across every series.
     */
    public record SeriesLatest(String run, String verdict, Double changePercent, Double ciLowPercent, Double ciHighPercent,
                         Double pValue, Double qValue, int baselineRuns) {
    }

    /** Theil-Sen slope per run and Mann-Kendall significance. */
    public record SeriesTrend(Double slope, Double slopePercentPerRun, Double pValue, boolean significant) {
    }
}
