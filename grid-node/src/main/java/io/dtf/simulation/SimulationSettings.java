package io.dtf.simulation;

import java.time.Duration;

/**
 * How the simulated grid behaves, apart from its workers and workload.
 *
 * @param seed              every random draw (durations, failures, churn) follows from it
 * @param failureRate       the share of attempts that fail for a reason of the machine
 *                          (INFRASTRUCTURE: retried elsewhere after a backoff), at a random point of their run
 * @param noise             the spread of run times around duration / speed: the sigma of a log-normal factor
 *                          with mean 1; 0 for exact durations
 * @param dispatchOverhead  added to every attempt: the time from the coordinator's decision to the task's start
 * @param churn             workers joining, leaving and dying
 * @param horizon           virtual time after which a simulation that has not ended gives up
 */
public record SimulationSettings(long seed, double failureRate, double noise, Duration dispatchOverhead, Churn churn,
                                 Duration horizon) {
    public SimulationSettings {
        if (!(failureRate >= 0 && failureRate < 1)) {
            throw new IllegalArgumentException("the failure rate must be at least 0 and below 1");
        }
        if (!(noise >= 0 && noise <= 2)) {
            throw new IllegalArgumentException("the noise must be from 0 to 2");
        }
    }

    public static SimulationSettings defaults(long seed) {
        return new SimulationSettings(seed, 0, 0.1, Duration.ZERO, Churn.NONE, Duration.ofDays(30));
    }

    public SimulationSettings withFailureRate(double value) {
        return new SimulationSettings(seed, value, noise, dispatchOverhead, churn, horizon);
    }

    public SimulationSettings withNoise(double value) {
        return new SimulationSettings(seed, failureRate, value, dispatchOverhead, churn, horizon);
    }

    public SimulationSettings withDispatchOverhead(Duration value) {
        return new SimulationSettings(seed, failureRate, noise, value, churn, horizon);
    }

    public SimulationSettings withChurn(Churn value) {
        return new SimulationSettings(seed, failureRate, noise, dispatchOverhead, value, horizon);
    }
}
