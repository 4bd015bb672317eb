package io.dtf.simulation;

import io.dtf.coordinator.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * Placement policies compared on the same simulated grid and workload: the inputs in brief, the
 * lower bound every makespan is measured against, and one {@link PolicyResult} per policy.
 *
 * <pre>{@code
 * SimulationReport r = SimulationReport.run(WorkersFile.read(workers), WorkloadFile.read(workload),
 *         SimulationSettings.defaults(42), List.of(Placement.values()));
 * }</pre>
 *
 * @param capacity  the sum of speed x slots over the workers: reference milliseconds of work per millisecond
 * @param workMs    the workload's reference durations, summed
 */
public record SimulationReport(long seed, int workers, long slots, double capacity, int tasks, long workMs,
                               SimulationSettings settings, LowerBound bound, List<PolicyResult> policies) {

    /** Tasks of a first, unreported run, so that no policy's CPU figure pays for compiling the code. */
    static final int WARM_UP_TASKS = 2_000;

    /** Runs each of {@code policies} in turn on the same inputs. */
    public static SimulationReport run(List<WorkerClass> workers, List<WorkloadTask> workload,
                                       SimulationSettings settings, List<Placement> policies) {
        LowerBound bound = LowerBound.of(workers, RealizedWorkload.of(workload, settings));
        if (workload.size() > WARM_UP_TASKS) {
            Simulation.run(workers, workload.subList(0, WARM_UP_TASKS), settings, policies.get(0));
        }
        List<PolicyResult> results = new ArrayList<>();
        for (Placement p : policies) {
            results.add(Simulation.run(workers, workload, settings, p));
        }
        return new SimulationReport(settings.seed(), workers.stream().mapToInt(WorkerClass::count).sum(),
                workers.stream().mapToLong(c -> (long) c.count() * c.slots()).sum(),
                workers.stream().mapToDouble(c -> c.count() * c.slots() * c.speed()).sum(), workload.size(),
                workload.stream().mapToLong(WorkloadTask::durationMs).sum(), settings, bound, results);
    }

    /** This report without the figures measured on the machine: the same inputs give the same report. */
    public SimulationReport deterministic() {
        return new SimulationReport(seed, workers, slots, capacity, tasks, workMs, settings, bound,
                policies.stream().map(PolicyResult::deterministic).toList());
    }
}
