package io.dtf.stats.changepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.dtf.stats.descriptive.Quantiles;

/**
 * E-Divisive means change-point detection in the style of Hunter and Apache Otava.
 *
 * <ol>
 *   <li>Split: in overlapping windows of {@code window} points, recursively take the best
 *       E-Divisive split of each segment and keep it while a Student t-test between its two sides
 *       is below the weak threshold (a candidate within {@code minSegment} of a kept one is skipped).
 *   <li>Merge: re-test every candidate between its neighbouring change points (at most one window
 *       each side) and drop the weakest while any p-value is above the strong threshold.
 * </ol>
 *
 * Pure and deterministic. Cost O(n * window) per scan, so re-analysing a series after an append is
 * cheap; only windows touching the last {@code window} points can change.
 *
 * <pre>{@code List<DetectedChange> cps = ChangePointDetector.detect(levels, ChangePointOptions.defaults());}</pre>
 */
public final class ChangePointDetector {
    private ChangePointDetector() {
    }

    public static List<DetectedChange> detect(double[] v, ChangePointOptions options) {
        TreeSet<Integer> candidates = new TreeSet<>();
        int n = v.length;
        int stride = Math.max(1, options.window() / 2);
        for (int start = 0; start < n; start += stride) {
            int end = Math.min(n, start + options.window());
            split(v, start, end, options, candidates);
            if (end == n) {
                break;
            }
        }
        List<Integer> kept = merge(v, new ArrayList<>(candidates), options);
        List<DetectedChange> result = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            int from = i == 0 ? 0 : kept.get(i - 1);
            int to = i == kept.size() - 1 ? n : kept.get(i + 1);
            int cp = kept.get(i);
            from = Math.max(from, cp - options.window());
            to = Math.min(to, cp + options.window());
            double before = median(v, from, cp);
            double after = median(v, cp, to);
            result.add(new DetectedChange(cp, StudentT.pValue(v, from, cp, to), (after / before - 1) * 100));
        }
        return result;
    }

    private static void split(double[] v, int from, int to, ChangePointOptions options, TreeSet<Integer> out) {
        int tau = EDivisive.bestSplit(v, from, to, options.minSegment());
        if (tau < 0 || StudentT.pValue(v, from, tau, to) >= options.weakPValue()) {
            return;
        }
        Integer lower = out.floor(tau);
        Integer higher = out.ceiling(tau);
        boolean near = lower != null && tau - lower < options.minSegment()
                || higher != null && higher - tau < options.minSegment();
        if (!near) {
            out.add(tau);
        }
        split(v, from, tau, options, out);
        split(v, tau, to, options, out);
    }

    private static List<Integer> merge(double[] v, List<Integer> cps, ChangePointOptions options) {
        while (!cps.isEmpty()) {
            int weakest = -1;
            double weakestP = -1;
            for (int i = 0; i < cps.size(); i++) {
                int cp = cps.get(i);
                int from = Math.max(i == 0 ? 0 : cps.get(i - 1), cp - options.window());
                int to = Math.min(i == cps.size() - 1 ? v.length : cps.get(i + 1), cp + options.window());
                double p = StudentT.pValue(v, from, cp, to);
                if (p > weakestP) {
                    weakestP = p;
                    weakest = i;
                }
            }
            if (weakestP < options.strongPValue()) {
                break;
            }
            cps.remove(weakest);
        }
        return cps;
    }

    private static double median(double[] v, int from, int to) {
        return Quantiles.medianInPlace(java.util.Arrays.copyOfRange(v, from, to), to - from);
    }
}
