package io.dtf.stats.changepoint;

/**
 * Settings of the change-point scan.
 *
 * @param window      points per sliding window (Otava's default 50); windows overlap by half
 * @param minSegment  fewest points on either side of a change point
 * @param weakPValue  a split is kept as a candidate below this p-value
 * @param strongPValue after merging, every change point's p-value is below this (calibrated, see
 *                    docs: at most 1% of unchanged series get any change point per scan)
 */
public record ChangePointOptions(int window, int minSegment, double weakPValue, double strongPValue) {
    /** Window 50, segments of 3, weak 3e-4 and strong 3e-5: calibrated by simulation (see STATISTICS.md). */
    public static ChangePointOptions defaults() {
        return new ChangePointOptions(50, 3, 3e-4, 3e-5);
    }

    public ChangePointOptions {
        if (window < 4 || minSegment < 2 || strongPValue > weakPValue) {
            throw new IllegalArgumentException("window >= 4, minSegment >= 2, strongPValue <= weakPValue");
        }
    }
}
