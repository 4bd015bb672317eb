package io.dtf.simulation;

import static io.dtf.simulation.Grids.task;
import static io.dtf.simulation.Grids.tasks;
import static io.dtf.simulation.Grids.workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.Placement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowerBoundTest {
    @Test
    void manyEqualTasksAreBoundByTheirWorkOverTheGridsCapacity() {
        // capacity: 2 x 4 x 2.0 + 4 x 2 x 0.5 = 20 reference slots; 100 tasks of 1 s = 100 s of work.
        LowerBound b = LowerBound.of(List.of(workers("fast", 2, 4, 2.0), workers("slow", 4, 2, 0.5)),
                tasks("t", 100, 1_000));
        assertEquals(5_000, b.workOverCapacityMs());
        assertEquals(500, b.longestTaskMs()); // 1 s on the fastest worker
        assertEquals(5_000, b.boundMs());
        assertTrue(b.binding().contains("capacity"), b.binding());
    }

    @Test
    void oneLongTaskIsBoundByTheFastestWorkerItMayUse() {
        List<WorkloadTask> w = new ArrayList<>(tasks("short", 10, 100));
        w.add(task("long", 60_000, "tag gpu")); // the fast class has no GPU: 60 s at 1.5
        LowerBound b = LowerBound.of(List.of(workers("fast", 4, 4, 3.0), workers("gpu", 1, 1, 1.5, "gpu")), w);
        assertEquals(40_000, b.longestTaskMs());
        assertEquals(40_000, b.boundMs());
        assertTrue(b.binding().contains("long"), b.binding());
    }

    @Test
    void aGroupConfinedToFewWorkersBindsWhenItsWorkExceedsTheirShare() {
        // 20 GPU tasks of 10 s on 2 GPU slots at speed 1: 100 s, whatever the other 100 slots do.
        List<WorkloadTask> w = new ArrayList<>(tasks("cpu", 100, 1_000));
        w.addAll(tasks("gpu", 20, 10_000, "tag gpu"));
        LowerBound b = LowerBound.of(List.of(workers("cpu", 25, 4, 1.0), workers("gpu", 1, 2, 1.0, "gpu")), w);
        assertEquals(100_000, b.constrainedGroupMs());
        assertEquals(100_000, b.boundMs());
        assertTrue(b.binding().contains("tag gpu on gpu"), b.binding());
        assertTrue(b.workOverCapacityMs() < b.boundMs());
    }

    @Test
    void anExclusiveTaskCountsEverySlotOfItsWorker() {
        WorkloadTask bench = new WorkloadTask("bench", List.of(), 10_000, 0, true);
        LowerBound b = LowerBound.of(List.of(workers("x", 1, 4, 1.0)), List.of(bench));
        assertEquals(10_000, b.workOverCapacityMs()); // 4 slots x 10 s over 4 slots
    }

    @Test
    void aTaskNoWorkerCanRunIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LowerBound.of(List.of(workers("x", 2, 2, 1.0)), List.of(task("needs-gpu", 10, "tag gpu"))));
        assertTrue(e.getMessage().contains("needs-gpu") && e.getMessage().contains("tag gpu"), e.getMessage());
    }

    @Test
    void noSimulatedScheduleBeatsTheBoundAndASerialOneMeetsIt() {
        List<WorkloadTask> serial = List.of(task("a", 1_000), task("b", 2_000), task("c", 500));
        PolicyResult one = Simulation.run(List.of(workers("solo", 1, 1, 1.0)), serial, Grids.exact(1),
                Placement.FIRST_FREE);
        assertEquals(3_500, one.makespanMs());
        assertEquals(1.0, one.ratio());

        List<WorkloadTask> mixed = WorkloadGenerator.generate(500, Grids.mixed(), 3);
        for (Placement p : Placement.values()) {
            PolicyResult r = Simulation.run(Grids.mixed(), mixed, Grids.exact(3), p);
            assertTrue(r.ratio() >= 1.0, p + ": " + r);
            assertEquals(0, r.unfinished(), p + ": " + r);
        }
    }
}
