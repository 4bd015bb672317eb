package io.dtf.benchmark;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * Whether a benchmark's iterations have settled, judged on their values in order. Self-contained
 * (task-library carries no statistics library); the aggregator's trend tests use the same methods.
 *
 * <ul>
 *   <li><b>Drift</b>: the Theil–Sen slope (the median of the slopes between every pair of
 *       iterations, which one or two disturbed iterations cannot swing) times the span of the
 *       iterations, as a fraction of their median: how far the values moved from first to last.
 *   <li><b>Settled</b> (ends warm-up): the drift is within {@link MeasurementDefaults#TOLERANCE}.
 *   <li><b>Trends</b> (flags a measured result unsteady): a two-sided Mann–Kendall test rejects "no
 *       monotonic trend" at 5% (normal approximation with continuity and tie corrections) and the
 *       {@link #shift shift} from the first third of the iterations to the last is beyond the
 *       tolerance, so neither a chance ordering of noise nor a significant but negligible change is
 *       flagged. It needs {@link MeasurementDefaults#MIN_TREND_SAMPLES}
 *       values: with fewer, no ordering is significant.
 * </ul>
 */
public final class Steadiness {
    /** The most values the trend test looks at one by one. */
    static final int MAX_POINTS = 500;

    private Steadiness() {
    }

    /**
     * The relative drift of {@code values} over their span: 0 for fewer than two values, infinite
     * when their median is 0 and they moved.
     */
    public static double drift(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                slopes[k++] = (values[j] - values[i]) / (j - i);
            }
        }
        double change = median(slopes) * (n - 1);
        double centre = Math.abs(median(values.clone()));
        if (centre == 0) {
            return change == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return change / centre;
    }

    /** Whether warm-up may end on these last iterations: their drift is within the tolerance. */
    public static boolean settled(double[] window) {
        return Math.abs(drift(window)) <= MeasurementDefaults.TOLERANCE;
    }

    /**
     * Whether measured iterations still trend: a significant monotonic trend of more than the
     * tolerance. Beyond {@link #MAX_POINTS} iterations it judges the means of consecutive blocks
     * (both tests take time and memory in the square of their input).
     */
    public static boolean trends(double[] values) {
        double[] points = blockMeans(values, MAX_POINTS);
        return points.length >= MeasurementDefaults.MIN_TREND_SAMPLES
                && Math.abs(mannKendallZ(points)) > MeasurementDefaults.TREND_Z
                && Math.abs(shift(points)) > MeasurementDefaults.TOLERANCE;
    }

    /**
     * How far the last third of {@code values} lies from the first, median to median, as a fraction
     * of the median of all: a line's rise and a step's height alike (a Theil–Sen slope ignores a step
     * when more than half the pairs lie on either side of it).
     */
    public static double shift(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        int third = Math.max(1, n / 3);
        double change = median(Arrays.copyOfRange(values, n - third, n))
                - median(Arrays.copyOfRange(values, 0, third));
        double centre = Math.abs(median(values.clone()));
        if (centre == 0) {
            return change == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return change / centre;
    }

    private static double[] blockMeans(double[] values, int max) {
        if (values.length <= max) {
            return values;
        }
        int size = (values.length + max - 1) / max;
        double[] means = new double[(values.length + size - 1) / size];
        for (int b = 0; b < means.length; b++) {
            int from = b * size;
            int to = Math.min(values.length, from + size);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += values[i];
            }
            means[b] = sum / (to - from);
        }
        return means;
    }

    /** The Mann–Kendall statistic S, standardised with continuity and tie corrections. */
    static double mannKendallZ(double[] values) {
        double[] v = rounded(values);
        int n = v.length;
        long s = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Double.compare(v[j], v[i]) > 0 ? 1 : v[j] < v[i] ? -1 : 0;
            }
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double ties = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            ties += t * (t - 1) * (2 * t + 5);
            i = j + 1;
        }
        double variance = (n * (n - 1.0) * (2 * n + 5) - ties) / 18;
        if (variance <= 0 || s == 0) {
            return 0;
        }
        return (s > 0 ? s - 1 : s + 1) / Math.sqrt(variance);
    }

    /**
     * To nine significant digits: values that differ only by floating-point noise (two means of the
     * same numbers summed in another order) are ties, not an ordering.
     */
    private static double[] rounded(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.isFinite(values[i]) && values[i] != 0
                    ? new BigDecimal(values[i]).round(NINE_DIGITS).doubleValue() : values[i];
        }
        return out;
    }

    private static final MathContext NINE_DIGITS = new MathContext(9);

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
