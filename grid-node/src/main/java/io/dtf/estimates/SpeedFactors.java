package io.dtf.estimates;

import io.dtf.model.DurationSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much longer work takes on each hardware class than on a reference class, learned from tasks that
 * ran on both: a factor of 2 means twice as long (half the speed). The reference is the class with the
 * most samples; every other class's factor is the geometric mean of its duration ratios against it, over
 * the tasks seen on both, once outliers are dropped. A class with too few such tasks, or never seen,
 * has factor 1.
 *
 * <pre>{@code
 * SpeedFactors speeds = SpeedFactors.learn(samples);
 * double slower = speeds.of("arm-4c");   // 1.0 when unknown
 * }</pre>
 */
public final class SpeedFactors {
    /** The least number of shared tasks a factor is learned from; fewer, and the class keeps 1. */
    public static final int MIN_TASKS = 3;
    /** A ratio beyond this either way is not the same work (another input, a hang) and is dropped. */
    public static final double MAX_RATIO = 20;
    /** A ratio further than this factor from the class's median ratio is an outlier and is dropped. */
    public static final double MAX_SPREAD = 3;
    /**
     * Tasks shorter than this on either class measure dispatch and process start-up (a few hundred ms on a
     * busy machine) more than the hardware, and would pull every factor towards 1.
     */
    public static final long MIN_MILLIS = 500;

    private static final SpeedFactors NONE = new SpeedFactors(null, Map.of());

    private final String reference;
    private final Map<String, Double> factors;

    private SpeedFactors(String reference, Map<String, Double> factors) {
        this.reference = reference;
        this.factors = factors;
    }

    /** No class known: every factor is 1. */
    public static SpeedFactors none() {
        return NONE;
    }

    /**
     * Learns the factors from {@code samples} (at most one per suite, task and class; a null class is
     * a class of its own, named "").
     */
    public static SpeedFactors learn(Collection<DurationSample> samples) {
        Map<String, Long> countPerClass = new TreeMap<>();
        Map<String, Map<String, Long>> byTask = new HashMap<>();
        for (DurationSample s : samples) {
            String hw = classKey(s.hwClass());
            countPerClass.merge(hw, (long) s.count(), Long::sum);
            byTask.computeIfAbsent(s.suite() + '\u0000' + s.taskId(), k -> new HashMap<>()).put(hw, s.millis());
        }
        // The most samples wins, ties to the first name: so the same history gives the same reference.
        String reference = countPerClass.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
        if (reference == null) {
            return NONE;
        }
        Map<String, List<Double>> logRatios = new HashMap<>();
        for (Map<String, Long> classes : byTask.values()) {
            Long base = classes.get(reference);
            if (base == null || base < MIN_MILLIS) {
                continue;
            }
            classes.forEach((hw, millis) -> {
                double ratio = (double) millis / base;
                if (!hw.equals(reference) && millis >= MIN_MILLIS && ratio <= MAX_RATIO && ratio >= 1 / MAX_RATIO) {
                    logRatios.computeIfAbsent(hw, k -> new ArrayList<>()).add(Math.log(ratio));
                }
            });
        }
        Map<String, Double> factors = new HashMap<>();
        factors.put(reference, 1.0);
        logRatios.forEach((hw, logs) -> {
            double factor = robustGeometricMean(logs);
            if (!Double.isNaN(factor)) {
                factors.put(hw, factor);
            }
        });
        return new SpeedFactors(reference, Map.copyOf(factors));
    }

    /** The geometric mean of the ratios within {@link #MAX_SPREAD} of their median; NaN when too few remain. */
    private static double robustGeometricMean(List<Double> logs) {
        double[] sorted = logs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length < MIN_TASKS) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        double bound = Math.log(MAX_SPREAD);
        double[] kept = Arrays.stream(sorted).filter(l -> Math.abs(l - median) <= bound).toArray();
        return kept.length < MIN_TASKS ? Double.NaN : Math.exp(Arrays.stream(kept).average().orElseThrow());
    }

    /** The factor of {@code hwClass} against the reference; 1 for the reference, an unknown class, or null. */
    public double of(String hwClass) {
        return factors.getOrDefault(classKey(hwClass), 1.0);
    }

    /** The class the factors are relative to; null when nothing was learned. */
    public String reference() {
        return reference;
    }

    /** Every learned factor by class, the reference's 1 included. */
    public Map<String, Double> factors() {
        return factors;
    }

    /** How a class is keyed: a node that declares none is the class "". */
    static String classKey(String hwClass) {
        return hwClass == null ? "" : hwClass;
    }

    @Override
    public String toString() {
        return "SpeedFactors" + new TreeMap<>(factors) + " against " + reference;
    }
}
