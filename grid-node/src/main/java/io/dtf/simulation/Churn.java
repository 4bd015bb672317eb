package io.dtf.simulation;

import java.time.Duration;

/**
 * Workers coming and going while the workload runs, each a Poisson process over the whole grid.
 *
 * @param joinsPerHour   new workers per virtual hour, of a class drawn in proportion to the workers file
 * @param leavesPerHour  workers that leave: their running attempts fail at once as NODE_LEFT
 * @param deathsPerHour  workers that die: they keep receiving work until the grid notices, after
 *                       {@code detection}, and then their attempts fail as NODE_LEFT
 * @param detection      how long a death goes unnoticed (Ignite's failure detection timeout)
 */
public record Churn(double joinsPerHour, double leavesPerHour, double deathsPerHour, Duration detection) {
    public static final Churn NONE = new Churn(0, 0, 0, Duration.ofSeconds(10));

    public Churn {
        if (joinsPerHour < 0 || leavesPerHour < 0 || deathsPerHour < 0) {
            throw new IllegalArgumentException("churn rates cannot be negative");
        }
    }

    boolean any() {
        return joinsPerHour > 0 || leavesPerHour > 0 || deathsPerHour > 0;
    }
}
