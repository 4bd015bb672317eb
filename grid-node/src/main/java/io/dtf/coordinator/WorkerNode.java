package io.dtf.coordinator;

import java.util.List;
import java.util.Map;

/**
 * A live worker as the scheduler sees it: its attributes and how many tasks it runs at once.
 *
 * @param addresses the IP addresses it listens on for the grid, for people (the scheduler never reads them)
 */
public record WorkerNode(String nodeId, Map<String, Object> attributes, int slots, List<String> addresses) {
    public WorkerNode {
        attributes = Map.copyOf(attributes);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A worker whose addresses are not known (simulated, or in tests). */
    public WorkerNode(String nodeId, Map<String, Object> attributes, int slots) {
        this(nodeId, attributes, slots, List.of());
    }
}
