package io.dtf.coordinator;

import static io.dtf.coordinator.Hardware.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.hardware.HardwareKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacityReservationTest {
    /** Two fast GPU workers and four plain ones, one slot each; every task: 10 s on a GPU worker, 20 s elsewhere. */
    private static final List<WorkerNode> GRID = List.of(gpu("gpu-1"), gpu("gpu-2"), plain("cpu-1"), plain("cpu-2"),
            plain("cpu-3"), plain("cpu-4"));
    private static final DurationEstimates TWICE_AS_FAST_ON_GPU = (suite, spec, hw) -> "gpu".equals(hw) ? 10_000 : 20_000;

    @Test
    void aConstrainedGroupUnderPressureKeepsItsWorkersUntilOthersCarryMoreWorkPerCapacity() {
        Scheduler s = new Scheduler(Placement.EARLIEST_FINISH, TWICE_AS_FAST_ON_GPU);
        Map<String, Integer> busy = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            s.enqueue(Tasks.queued(i, Tasks.spec("g" + i, 0, "tag gpu")));
        }
        // Higher priority, so served first: without the reservation they would take the GPU workers.
        s.enqueue(Tasks.queued(7, Tasks.spec("p1", 1)));
        s.enqueue(Tasks.queued(8, Tasks.spec("p2", 1)));

        Map<String, String> first = Hardware.placed(s.schedule(GRID, Set.of(), busy, at(0)).assignments());

        // gpu: 6 x 20 s of work over 2 slots x speed 2 = 30 s; the rest: 2 x 20 s over 8 = 5 s.
        assertTrue(first.get("p1").startsWith("cpu") && first.get("p2").startsWith("cpu"), first.toString());
        assertEquals(Set.of("gpu-1", "gpu-2"), Set.of(first.get("g1"), first.get("g2")), first.toString());

        s.ended("run-1/g1", "1:1", at(10));
        s.ended("run-1/g2", "1:1", at(10));
        busy.remove("gpu-1");
        busy.remove("gpu-2");
        List<String> plain = new ArrayList<>();
        for (int i = 3; i <= 14; i++) {
            s.enqueue(Tasks.queued(6 + i, Tasks.spec("p" + i, 1)));
            plain.add("p" + i);
        }
        Map<String, String> second = Hardware.placed(s.schedule(GRID, Set.of(), busy, at(10)).assignments());

        // gpu: 4 x 20 s over 4 = 20 s; the rest: 12 x 20 s over 8 = 30 s: no longer the bottleneck.
        List<String> onGpu = second.entrySet().stream().filter(e -> e.getValue().startsWith("gpu"))
                .map(Map.Entry::getKey).toList();
        assertEquals(2, onGpu.size(), second.toString());
        assertTrue(plain.containsAll(onGpu), second.toString());
    }

    @Test
    void theNaiveBaselinesReserveNothing() {
        Scheduler s = new Scheduler(Placement.FIRST_FREE, TWICE_AS_FAST_ON_GPU);
        for (int i = 1; i <= 6; i++) {
            s.enqueue(Tasks.queued(i, Tasks.spec("g" + i, 0, "tag gpu")));
        }
        s.enqueue(Tasks.queued(7, Tasks.spec("p1", 1)));

        Map<String, String> placed = Hardware.placed(s.schedule(GRID, Set.of(), new HashMap<>(), at(0)).assignments());

        assertEquals("gpu-1", placed.get("p1"), "first free, in grid order");
    }

    private static WorkerNode gpu(String id) {
        return new WorkerNode(id, Map.of(HardwareKeys.HW_CLASS, "gpu", "dtf.os.family", "linux", "dtf.tags", "gpu"), 1);
    }

    private static WorkerNode plain(String id) {
        return new WorkerNode(id, Map.of(HardwareKeys.HW_CLASS, "cpu", "dtf.os.family", "linux", "dtf.tags", ""), 1);
    }
}
