package io.dtf.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.Placement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    private static final List<WorkloadTask> WORKLOAD = WorkloadGenerator.generate(1_500, Grids.mixed(), 11);

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        SimulationSettings settings = SimulationSettings.defaults(5).withFailureRate(0.05)
                .withChurn(new Churn(20, 10, 10, Duration.ofSeconds(10)));
        PolicyResult first = Simulation.run(Grids.mixed(), WORKLOAD, settings, Placement.FIRST_FREE).deterministic();
        PolicyResult again = Simulation.run(Grids.mixed(), WORKLOAD, settings, Placement.FIRST_FREE).deterministic();
        assertEquals(first, again);

        PolicyResult other = Simulation.run(Grids.mixed(), WORKLOAD, new SimulationSettings(6, 0.05, 0.1, Duration.ZERO,
                settings.churn(), settings.horizon()), Placement.FIRST_FREE).deterministic();
        assertNotEquals(first, other);
        assertNotEquals(first.makespanMs(), other.makespanMs());
    }

    @Test
    void workersLeavingAndDyingCauseRetriesAndTheRunStillEnds() {
        SimulationSettings churn = SimulationSettings.defaults(2).withChurn(new Churn(60, 30, 30, Duration.ofSeconds(10)));
        PolicyResult r = Simulation.run(Grids.mixed(), WORKLOAD, churn, Placement.FIRST_FREE);
        assertTrue(r.leaves() > 0 && r.deaths() > 0 && r.joins() > 0, r.toString());
        assertTrue(r.failures() > 0, "attempts lost with their workers: " + r);
        assertEquals(r.tasks() + r.failures() + r.stopped() - r.notPassed(), r.attempts(), r.toString());
        assertEquals(0, r.unfinished(), r.toString());
        assertEquals(0, r.notPassed(), "three retries on other nodes cover every loss: " + r);
    }

    @Test
    void theFailureRateIsHonouredAndFailedAttemptsRunAgain() {
        PolicyResult r = Simulation.run(Grids.mixed(), WORKLOAD, SimulationSettings.defaults(4).withFailureRate(0.2),
                Placement.FIRST_FREE);
        double rate = (double) r.failures() / r.attempts();
        assertTrue(rate > 0.17 && rate < 0.23, "failed share " + rate + " of " + r);
        // Every failed attempt runs again, except the last one of a task that used up its retries.
        assertEquals(r.tasks() + r.failures() - r.notPassed(), r.attempts(), r.toString());
        assertEquals(0, r.unfinished(), r.toString());
        // 0.2^4: a few tasks may use up their three infrastructure retries, never many.
        assertTrue(r.notPassed() < 10, r.toString());
    }

    @Test
    void aTaskWaitingForAWorkerThatNeverComesIsReportedUnfinished() {
        // The only GPU worker leaves at once, and no worker joins: the GPU task can never run.
        List<WorkloadTask> w = List.of(Grids.task("cpu", 1_000), Grids.task("gpu", 600_000, "tag gpu"));
        SimulationSettings settings = SimulationSettings.defaults(1)
                .withChurn(new Churn(0, 10_000, 0, Duration.ofSeconds(10)));
        PolicyResult r = Simulation.run(List.of(Grids.workers("gpu", 1, 1, 1.0, "gpu")), w, settings,
                Placement.FIRST_FREE);
        assertTrue(r.unfinished() + r.notPassed() > 0, r.toString());
    }

    @Test
    void theTopologyKeepsItsListUntilTheGridChanges() {
        SimulatedGrid grid = new SimulatedGrid(Grids.mixed());
        int[] told = new int[1];
        grid.onChange(() -> told[0]++);
        var before = grid.liveWorkers();
        assertSame(before, grid.liveWorkers());
        SimulatedWorker joined = grid.join(Grids.mixed().get(0));
        assertNotSame(before, grid.liveWorkers());
        assertEquals(41, grid.liveWorkers().size());
        assertEquals("true", joined.node.attributes().get(io.dtf.hardware.HardwareKeys.COMMANDS));
        grid.remove(joined);
        assertEquals(40, grid.liveWorkers().size());
        assertEquals(2, told[0]);
    }
}
