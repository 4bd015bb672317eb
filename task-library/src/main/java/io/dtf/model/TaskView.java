package io.dtf.model;

/**
 * A task as {@code dtf status} shows it.
 *
 * @param waitingReason why a QUEUED task is not running (no live node matches, all busy), else null
 */
public record TaskView(
        String taskId,
        String name,
        TaskState state,
        int attempts,
        int priority,
        String nodeId,
        String hwClass,
        String waitingReason) {
}
