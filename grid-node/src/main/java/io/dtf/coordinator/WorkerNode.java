package io.dtf.coordinator;

import java.util.Map;

/** A live worker as the scheduler sees it: its attributes and how many tasks it runs at once. */
public record WorkerNode(String nodeId, Map<String, Object> attributes, int slots) {
    public WorkerNode {
        attributes = Map.copyOf(attributes);
    }
}
