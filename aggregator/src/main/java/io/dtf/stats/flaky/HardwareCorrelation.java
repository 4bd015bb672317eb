package io.dtf.stats.flaky;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.dtf.stats.compare.BenjaminiHochberg;

/**
 * Which hardware attributes a test's failures go with: for every test that both passed and
 * failed, and every attribute value seen among its runs (plus the hardware class itself as
 * attribute {@code "hardware"}), Fisher's exact test of failed-vs-passed against has-the-value.
 * So "fails only on 2-core nodes" shows up as {@code cores=2} with a small p-value.
 *
 * <p>Only passes (a flaky task's final pass among them) and test failures count: an infrastructure
 * failure is the node's, and would make a test look fail-prone on whatever hardware its node was
 * killed on. {@link InfrastructureFailures} counts those per node and hardware class instead.
 *
 * <pre>{@code List<AttributeCorrelation> found = HardwareCorrelation.correlate(outcomes);}</pre>
 */
public final class HardwareCorrelation {
    private HardwareCorrelation() {
    }

    /**
     * All tables, strongest association first: by p-value, then values that go with more failures
     * first (of "cores=2" and "cores=16" with the same p, the one failing more), then by name.
     */
    public static List<AttributeCorrelation> correlate(List<Outcome> outcomes) {
        Map<String, List<Outcome>> byTest = new TreeMap<>();
        for (Outcome o : outcomes) {
            if (o.infrastructureFailure()) {
                continue;
            }
            byTest.computeIfAbsent(String.valueOf(o.test()), k -> new ArrayList<>()).add(o);
        }
        List<AttributeCorrelation> tables = new ArrayList<>();
        byTest.forEach((test, runs) -> {
            if (runs.stream().allMatch(Outcome::passed) || runs.stream().noneMatch(Outcome::passed)) {
                return;
            }
            Map<String, TreeSet<String>> values = new TreeMap<>();
            for (Outcome o : runs) {
                attributes(o).forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
            }
            values.forEach((attribute, seen) -> {
                for (String value : seen) {
                    int[] cells = new int[4];
                    for (Outcome o : runs) {
                        boolean has = value.equals(attributes(o).get(attribute));
                        cells[(has ? 0 : 2) + (o.passed() ? 1 : 0)]++;
                    }
                    if (cells[2] + cells[3] == 0) {
                        continue;
                    }
                    double p = FisherExact.twoSided(cells[0], cells[1], cells[2], cells[3]);
                    tables.add(new AttributeCorrelation(test, attribute, value, cells[0], cells[1], cells[2], cells[3],
                            p, Double.NaN));
                }
            });
        });
        double[] q = BenjaminiHochberg.adjust(tables.stream().mapToDouble(AttributeCorrelation::pValue).toArray());
        List<AttributeCorrelation> out = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            AttributeCorrelation t = tables.get(i);
            out.add(new AttributeCorrelation(t.test(), t.attribute(), t.value(), t.failedWith(), t.passedWith(),
                    t.failedWithout(), t.passedWithout(), t.pValue(), q[i]));
        }
        out.sort(Comparator.comparingDouble(AttributeCorrelation::pValue)
                .thenComparing(Comparator.comparingDouble(AttributeCorrelation::failureRateDifference).reversed())
                .thenComparing(AttributeCorrelation::test)
                .thenComparing(AttributeCorrelation::attribute).thenComparing(AttributeCorrelation::value));
        return out;
    }

    private static Map<String, String> attributes(Outcome o) {
        Map<String, String> all = new TreeMap<>(o.attributes());
        all.put("hardware", String.valueOf(o.hardware()));
        return all;
    }
}
