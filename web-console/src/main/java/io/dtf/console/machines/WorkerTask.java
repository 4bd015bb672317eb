package io.dtf.console.machines;

import io.dtf.model.TaskState;

/** A task whose current or last attempt ran on a given worker. */
public record WorkerTask(String runId, String suite, String taskId, String name, TaskState state, int attempts) {
}
