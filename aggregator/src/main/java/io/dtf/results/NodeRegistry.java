package io.dtf.results;

import java.time.Instant;
import java.util.Map;

/**
 * Where the aggregator remembers the nodes that results ran on, with their {@code dtf.*} attributes,
 * so that failures can be correlated with hardware (results themselves carry only the node's id and
 * hardware class).
 *
 * <pre>{@code
 * registry.recordNode(node.id().toString(), Map.of("dtf.cpu.cores", "2"), Instant.now());
 * }</pre>
 */
public interface NodeRegistry {

    /**
     * Records a node, or refreshes it: idempotent. The attributes and hardware class (its
     * {@code dtf.hw.class} attribute) are replaced by the latest call's; the first and last time
     * seen widen to include {@code seen}.
     *
     * @throws IllegalStateException when the registry is read-only or closed
     */
    void recordNode(String nodeId, Map<String, String> attributes, Instant seen);
}
