package io.dtf.stats.changepoint;

/**
 * A change point found in a series of levels.
 *
 * @param index         the first point of the new level
 * @param pValue        Student t p-value between the neighbouring segments (after merging)
 * @param changePercent median of the segment after against the one before, in percent
 */
public record DetectedChange(int index, double pValue, double changePercent) {
}
