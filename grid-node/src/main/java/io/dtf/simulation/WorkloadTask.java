package io.dtf.simulation;

import io.dtf.requirements.Requirement;
import java.util.List;

/**
 * One task of a workload.
 *
 * @param durationMs  how long it runs on the reference machine (speed 1.0)
 * @param exclusive   whether nothing else may run on its worker meanwhile (a benchmark)
 */
public record WorkloadTask(String id, List<Requirement> requirements, long durationMs, int priority,
                           boolean exclusive) {
    public WorkloadTask {
        requirements = List.copyOf(requirements);
    }
}
