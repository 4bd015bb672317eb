package io.dtf.simulation;

import io.dtf.requirements.Requirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small grids and workloads for the simulation's tests. */
final class Grids {
    private Grids() {
    }

    static WorkerClass workers(String hwClass, int count, int slots, double speed, String... tags) {
        return new WorkerClass(hwClass, count, slots, List.of(tags), speed);
    }

    static WorkloadTask task(String id, long durationMs, String... requirements) {
        return new WorkloadTask(id, Arrays.stream(requirements).map(Requirement::parse).toList(), durationMs, 0, false);
    }

    /** {@code count} tasks of {@code durationMs} each, named {@code prefix-<n>}. */
    static List<WorkloadTask> tasks(String prefix, int count, long durationMs, String... requirements) {
        List<WorkloadTask> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(task(prefix + "-" + i, durationMs, requirements));
        }
        return out;
    }

    /** A mixed grid of 40 workers: fast, slow, and a few with a GPU. */
    static List<WorkerClass> mixed() {
        return List.of(workers("fast", 10, 4, 2.0, "linux"), workers("slow", 25, 2, 0.5, "linux"),
                workers("gpu", 5, 2, 1.5, "linux", "gpu"));
    }

    /** Exact durations, no failures, no churn: what a hand-computed expectation needs. */
    static SimulationSettings exact(long seed) {
        return SimulationSettings.defaults(seed).withNoise(0);
    }
}
