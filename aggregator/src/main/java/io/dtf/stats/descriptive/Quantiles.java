package io.dtf.stats.descriptive;

import java.util.Arrays;
import java.util.List;

/** Order statistics on plain arrays; none of them modify their input. */
public final class Quantiles {
    /** Scales a MAD to estimate the standard deviation of normal data. */
    public static final double MAD_TO_SD = 1.4826;

    private Quantiles() {
    }

    /** The p-quantile (0..1) with linear interpolation between order statistics (R type 7, numpy default). */
    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }

    /** As {@link #percentile} on an already sorted array. */
    public static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double median(double[] values) {
        return medianInPlace(values.clone(), values.length);
    }

    /** Median of the first {@code n} entries of {@code work}, which it reorders (no allocation). */
    public static double medianInPlace(double[] work, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        if (n <= 24) {
            insertionSort(work, n);
            return (n & 1) == 1 ? work[n / 2] : (work[n / 2 - 1] + work[n / 2]) / 2;
        }
        double upper = select(work, n, n / 2);
        if ((n & 1) == 1) {
            return upper;
        }
        double lower = work[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, work[i]);
        }
        return (lower + upper) / 2;
    }

    /** Median absolute deviation from the median (unscaled). */
    public static double mad(double[] values) {
        double median = median(values);
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return medianInPlace(deviations, deviations.length);
    }

    public static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void insertionSort(double[] a, int n) {
        for (int i = 1; i < n; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Hoare quickselect: afterwards a[k] holds the k-th smallest and everything before it is smaller or equal. */
    private static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
