package io.dtf.coordinator;

import static io.dtf.coordinator.Hardware.at;
import static io.dtf.coordinator.Hardware.estimates;
import static io.dtf.coordinator.Hardware.taskIds;
import static io.dtf.coordinator.Hardware.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The baselines earliest-finish placement is measured against: each must stay as naive as it says. */
class NaivePlacementTest {
    private static final WorkerNode WIDE = worker("wide", "slow", 4);
    private static final WorkerNode B = worker("b", "fast", 1);
    private static final WorkerNode C = worker("c", "fast", 1);
    private static final DurationEstimates SLOW_IS_SLOW = estimates(10, "t1@slow", 100, "t2@slow", 100,
            "t3@slow", 100, "t4@slow", 100, "long@slow", 100, "long@", 50, "short@", 5);

    private static List<String> nodes(Placement placement) {
        Scheduler s = new Scheduler(placement, SLOW_IS_SLOW);
        for (int i = 1; i <= 4; i++) {
            s.enqueue(Tasks.queued(i, Tasks.spec("t" + i, 0)));
        }
        return s.schedule(List.of(WIDE, B, C), Set.of(), new HashMap<>(), at(0)).assignments().stream()
                .map(Assignment::nodeId).toList();
    }

    @Test
    void firstFreeTakesTheWorkerWithTheMostFreeSlotsWhateverItsSpeed() {
        assertEquals(List.of("wide", "wide", "wide", "wide"), nodes(Placement.FIRST_FREE), "ties go to the first listed");
    }

    @Test
    void roundRobinTakesTheMatchingWorkersInTurn() {
        assertEquals(List.of("wide", "b", "c", "wide"), nodes(Placement.ROUND_ROBIN));
    }

    @Test
    void earliestFinishForComparisonFillsTheFastWorkersAndHoldsTheRestForThem() {
        assertEquals(List.of("b", "c"), nodes(Placement.EARLIEST_FINISH),
                "t3 and t4 finish at 20 s on the fast workers, at 100 s on the idle slow one");
    }

    @Test
    void lptAtEqualSpeedStartsTheLongestFirstOnTheLeastLoadedWorkerIgnoringHardware() {
        Scheduler s = new Scheduler(Placement.LPT_EQUAL_SPEED, SLOW_IS_SLOW);
        s.enqueue(Tasks.queued(1, Tasks.spec("short", 0)));
        s.enqueue(Tasks.queued(2, Tasks.spec("long", 0)));

        List<Assignment> out = s.schedule(List.of(WIDE, B), Set.of(), new HashMap<>(), at(0)).assignments();

        assertEquals(List.of("long", "short"), taskIds(out));
        assertEquals("wide", out.get(0).nodeId(), "the slow worker has the most free slots; its speed is not looked at");
    }
}
