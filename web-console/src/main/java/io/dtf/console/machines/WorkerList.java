package io.dtf.console.machines;

import java.util.List;

/**
 * One page of the grid's workers, and totals over all of them (not just this page).
 *
 * @param total          workers that match the filter
 * @param coordinatorUp  whether the coordinator answered; if not, load and quarantine are unknown
 * @param slots          slots of all matching workers
 * @param busy           attempts running on all matching workers
 * @param hwClasses      the hardware classes of all workers, matching or not (the values the filter takes)
 */
public record WorkerList(List<WorkerSummary> items, int total, int offset, int limit, boolean coordinatorUp,
                         int slots, int busy, List<String> hwClasses) {
    public WorkerList {
        items = List.copyOf(items);
        hwClasses = List.copyOf(hwClasses);
    }
}
