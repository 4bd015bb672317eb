package io.dtf.stats;

import io.dtf.stats.changepoint.ChangePointOptions;

/**
 * Every setting of the {@link Analyzer}, with its default in {@link #defaults()}.
 *
 * @param baselineRuns       comparable runs before the current level that form the baseline (30)
 * @param minEffectPercent   changes below this are never reported (2%)
 * @param noiseMultiplier    k: changes below k x the series' run-to-run noise are never reported (3)
 * @param fdr                Benjamini-Hochberg false discovery rate across all series analysed together (0.05)
 * @param changePoints       the E-Divisive scan (window 50, min segment 3, calibrated thresholds)
 * @param recentChangeRuns   a change point at most this many runs old defines the current level;
 *                           older ones only bound the baseline (10)
 * @param minCurrentSamples  fewer samples in the current level give UNKNOWN (3)
 * @param minBaselineRuns    fewer baseline runs give UNKNOWN (5)
 * @param outlierZ           robust z beyond which a point is extreme (5)
 * @param stepPersistence    this many consecutive shifted points are a step, fewer an outlier (3)
 * @param trendWindow        the most recent runs the drift test looks at (50)
 * @param trendAlpha         Mann-Kendall significance for drift (0.01); the drift over the window
 *                           must also exceed the minimum effect
 * @param forecastHorizon    runs ahead to forecast (5)
 * @param confidence         level of the effect and forecast intervals (0.95)
 * @param bootstrapResamples resamples for bootstrap intervals (2000)
 * @param seed               base seed; each series derives its own from it and its key (42)
 */
public record AnalysisOptions(int baselineRuns, double minEffectPercent, double noiseMultiplier, double fdr,
                              ChangePointOptions changePoints, int recentChangeRuns, int minCurrentSamples,
                              int minBaselineRuns, double outlierZ, int stepPersistence, int trendWindow,
                              double trendAlpha, int forecastHorizon, double confidence, int bootstrapResamples,
                              long seed) {

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(30, 2.0, 3.0, 0.05, ChangePointOptions.defaults(), 10, 3, 5, 5.0, 3, 50, 0.01, 5,
                0.95, 2000, 42L);
    }

    /** The same options with another seed. */
    public AnalysisOptions withSeed(long newSeed) {
        return new AnalysisOptions(baselineRuns, minEffectPercent, noiseMultiplier, fdr, changePoints, recentChangeRuns,
                minCurrentSamples, minBaselineRuns, outlierZ, stepPersistence, trendWindow, trendAlpha,
                forecastHorizon, confidence, bootstrapResamples, newSeed);
    }
}
