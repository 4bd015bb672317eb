package io.dtf.console.machines;

import java.util.List;

/**
 * One page of the grid's workers, and totals over all of them (not just this page).
 *
 * @param total          workers that match the filter
 * @param coordinatorUp  whether the coordinator answered; if not, load and quarantine are unknown
 * @param slots          slots of all matching workers
 * @param busy           attempts running on all matching workers
 */
public record WorkerList(List<WorkerSummary> items, int total, int offset, int limit, boolean coordinatorUp,
                         int slots, int busy) {
    public WorkerList {
        items = List.copyOf(items);
    }
}
