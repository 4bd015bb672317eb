package io.dtf.simulation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The workload as it really runs: each task's reference duration times its own log-normal noise
 * factor of mean 1, drawn once per task from the seed. Every policy then meets the same run times,
 * and the lower bound is taken over them; the scheduler's estimates still see only the reference
 * durations, as a real scheduler sees history and not the future.
 */
final class RealizedWorkload {
    private RealizedWorkload() {
    }

    static List<WorkloadTask> of(List<WorkloadTask> workload, SimulationSettings settings) {
        double sigma = settings.noise();
        if (sigma == 0) {
            return workload;
        }
        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x6e6f697365L);
        return workload.stream().map(t -> new WorkloadTask(t.id(), t.requirements(),
                Math.max(1, Math.round(t.durationMs() * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2))),
                t.priority(), t.exclusive())).toList();
    }
}
