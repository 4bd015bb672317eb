package io.dtf.console.api;

import io.dtf.model.TaskView;
import java.util.List;

/** A task of a run as it is now, with every attempt that has ended, oldest first. */
public record TaskDetail(String runId, TaskView task, List<AttemptView> attempts) {
}
