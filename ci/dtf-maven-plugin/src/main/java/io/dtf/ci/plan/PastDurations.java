package io.dtf.ci.plan;

import io.dtf.model.TestDuration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One expected duration per test class from the history of several hardware classes.
 *
 * <p>The plan is made before the scheduler picks machines, so a class's duration cannot be taken on
 * the hardware it will run on. It is the <b>median of its per-hardware-class means</b>: a class that
 * ran mostly on ordinary machines and once on a very slow or very fast one is not judged by that one
 * (with two hardware classes it is their average). Records with no runs or no finite, non-negative
 * mean are ignored.
 */
final class PastDurations {
    private final Map<String, Double> millis;

    private PastDurations(Map<String, Double> millis) {
        this.millis = millis;
    }

    static PastDurations of(Collection<TestDuration> history) {
        Map<String, List<Double>> means = new HashMap<>();
        for (TestDuration d : history == null ? List.<TestDuration>of() : history) {
            if (d != null && d.className() != null && d.runs() > 0 && Double.isFinite(d.meanMillis()) && d.meanMillis() >= 0) {
                means.computeIfAbsent(d.className(), c -> new ArrayList<>()).add(d.meanMillis());
            }
        }
        Map<String, Double> millis = new HashMap<>();
        means.forEach((name, values) -> millis.put(name, median(values)));
        return new PastDurations(millis);
    }

    /** The class's expected duration in milliseconds, when it has history. */
    OptionalDouble millis(String className) {
        Double value = millis.get(className);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
