package io.dtf.stats.compare;

import io.dtf.stats.descriptive.Quantiles;

/**
 * The smallest change worth reporting: {@code max(floor, k x noise)}, where noise is the series'
 * own run-to-run variation. Noisy series need a bigger change before anyone is paged.
 */
public final class MinimumEffect {
    private MinimumEffect() {
    }

    /** The threshold in percent. */
    public static double percent(double floorPercent, double k, double noisePercent) {
        return Math.max(floorPercent, k * noisePercent);
    }

    /**
     * Run-to-run noise of a stable stretch in percent of its mean: the standard deviation of run
     * levels that had their outliers replaced already (efficient, and robust thanks to the cleaning).
     */
    public static double spreadPercent(double[] cleanedLevels) {
        int n = cleanedLevels.length;
        if (n < 3) {
            return 0;
        }
        double mean = 0;
        for (double v : cleanedLevels) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : cleanedLevels) {
            squares += (v - mean) * (v - mean);
        }
        return mean == 0 ? 0 : 100 * Math.sqrt(squares / (n - 1)) / Math.abs(mean);
    }

    /**
     * Run-to-run noise in percent of the level: the MAD of successive differences scaled to a
     * standard deviation and divided by sqrt(2). Differences make it blind to steps and slow drift,
     * the MAD to outliers.
     */
    public static double noisePercent(double[] runLevels) {
        if (runLevels.length < 3) {
            return 0;
        }
        double[] differences = new double[runLevels.length - 1];
        for (int i = 1; i < runLevels.length; i++) {
            differences[i - 1] = Math.abs(runLevels[i] - runLevels[i - 1]);
        }
        double sigma = Quantiles.MAD_TO_SD * Quantiles.medianInPlace(differences, differences.length) / Math.sqrt(2);
        double level = Math.abs(Quantiles.median(runLevels));
        return level == 0 ? 0 : 100 * sigma / level;
    }
}
