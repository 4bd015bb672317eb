package io.dtf.stats.flaky;

import io.dtf.model.FailureCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Failures that are the machine's rather than the test's (the node left, the process was killed
 * from outside, memory ran out, the grid could not run it), counted where they happened: per
 * hardware class, which outlives its nodes (a node that left rejoins under a new id), and per node.
 * These never count against a test ({@link FlakyTests}, {@link HardwareCorrelation}).
 *
 * <pre>{@code List<InfrastructureFailureCount> worst = InfrastructureFailures.byHardware(outcomes);}</pre>
 */
public final class InfrastructureFailures {
    private static final Comparator<InfrastructureFailureCount> WORST_FIRST =
            Comparator.comparingInt(InfrastructureFailureCount::failures).reversed()
                    .thenComparing(Comparator.comparingDouble(InfrastructureFailureCount::failureRate).reversed())
                    .thenComparing(c -> String.valueOf(c.hardware()))
                    .thenComparing(c -> String.valueOf(c.node()));

    private InfrastructureFailures() {
    }

    /** Every hardware class with an infrastructure failure, most failures first (node null). */
    public static List<InfrastructureFailureCount> byHardware(List<Outcome> outcomes) {
        return count(outcomes, o -> new Place(o.hardware(), null));
    }

    /** Every node with an infrastructure failure, most failures first; attempts without a node are left out. */
    public static List<InfrastructureFailureCount> byNode(List<Outcome> outcomes) {
        return count(outcomes.stream().filter(o -> o.node() != null).toList(), o -> new Place(o.hardware(), o.node()));
    }

    private static List<InfrastructureFailureCount> count(List<Outcome> outcomes, Function<Outcome, Place> where) {
        Map<Place, Tally> tallies = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            Tally tally = tallies.computeIfAbsent(where.apply(o), p -> new Tally());
            tally.attempts++;
            if (o.infrastructureFailure()) {
                tally.categories.merge(o.category(), 1, Integer::sum);
            }
        }
        List<InfrastructureFailureCount> out = new ArrayList<>();
        tallies.forEach((place, tally) -> {
            int failures = tally.categories.values().stream().mapToInt(Integer::intValue).sum();
            if (failures > 0) {
                out.add(new InfrastructureFailureCount(place.hardware, place.node, tally.attempts, failures,
                        tally.categories));
            }
        });
        out.sort(WORST_FIRST);
        return out;
    }

    private record Place(String hardware, String node) {
    }

    private static final class Tally {
        int attempts;
        final Map<FailureCategory, Integer> categories = new EnumMap<>(FailureCategory.class);
    }
}
