package io.dtf.console.machines;

import io.dtf.model.Alert;
import java.util.List;

/**
 * One worker with what it does now and what went wrong on it lately.
 *
 * @param running   tasks whose current attempt runs on it
 * @param failures  tasks of the grid's latest runs whose last attempt failed on it, newest run first
 * @param alerts    the coordinator's alerts about it (quarantined, released, reports refused), oldest first
 */
public record WorkerDetail(WorkerSummary worker, List<WorkerTask> running, List<WorkerTask> failures,
                           List<Alert> alerts) {
    public WorkerDetail {
        running = List.copyOf(running);
        failures = List.copyOf(failures);
        alerts = List.copyOf(alerts);
    }
}
