package io.dtf.coordinator;

import java.util.List;

/**
 * The scheduler's decision: run {@code task} on {@code nodeId}. {@code eligibleNodeIds} are all
 * live nodes that meet the task's requirements, so failover can move it only among them.
 */
public record Assignment(TaskRecord task, String nodeId, List<String> eligibleNodeIds) {
    public Assignment {
        eligibleNodeIds = List.copyOf(eligibleNodeIds);
    }
}
