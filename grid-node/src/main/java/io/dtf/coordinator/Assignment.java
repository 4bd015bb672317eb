package io.dtf.coordinator;

/**
 * The scheduler's decision: run {@code task} on {@code nodeId}.
 *
 * @param fallback  whether the node meets only the task's fallback requirements
 */
public record Assignment(TaskRecord task, String nodeId, boolean fallback) {
}
