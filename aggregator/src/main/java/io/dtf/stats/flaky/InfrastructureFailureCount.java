package io.dtf.stats.flaky;

import io.dtf.model.FailureCategory;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The infrastructure failures of one node, or of every node of a hardware class.
 *
 * @param node       the node; null for a hardware class's total
 * @param attempts   every attempt that ran there and passed or failed, whatever the reason
 * @param failures   those that failed for infrastructure reasons
 * @param categories those failures by category, in the category's declaration order
 */
public record InfrastructureFailureCount(String hardware, String node, int attempts, int failures,
                                         Map<FailureCategory, Integer> categories) {
    public InfrastructureFailureCount {
        EnumMap<FailureCategory, Integer> copy = new EnumMap<>(FailureCategory.class);
        copy.putAll(categories);
        categories = Collections.unmodifiableMap(copy);
    }

    public double failureRate() {
        return (double) failures / attempts;
    }
}
