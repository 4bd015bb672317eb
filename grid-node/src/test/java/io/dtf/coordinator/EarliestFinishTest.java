package io.dtf.coordinator;

import static io.dtf.coordinator.Hardware.at;
import static io.dtf.coordinator.Hardware.estimates;
import static io.dtf.coordinator.Hardware.placed;
import static io.dtf.coordinator.Hardware.taskIds;
import static io.dtf.coordinator.Hardware.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EarliestFinishTest {
    private static final WorkerNode SLOW = worker("slow", "slow", 1);
    private static final WorkerNode FAST = worker("fast", "fast", 1);
    /** Every task: 10 s on the fast class, 40 s on the slow one. */
    private static final DurationEstimates FOUR_TIMES = estimates(10, "a@slow", 40, "b@slow", 40, "c@slow", 40,
            "d@slow", 40);

    private static Scheduler eft(DurationEstimates estimates) {
        return new Scheduler(Placement.EARLIEST_FINISH, estimates);
    }

    @Test
    void aTaskGoesToTheWorkerWhereItFinishesFirst() {
        Scheduler s = eft(FOUR_TIMES);
        s.enqueue(Tasks.queued(1, Tasks.spec("a", 0)));

        List<Assignment> out = s.schedule(List.of(SLOW, FAST), Set.of(), new HashMap<>(), at(0)).assignments();

        assertEquals(Map.of("a", "fast"), placed(out), "listed second, but four times faster");
    }

    @Test
    void tasksSpreadToSlowerWorkersWhenTheFastOneIsFull() {
        Scheduler s = eft(estimates(10, "a@slow", 15, "b@slow", 15, "c@slow", 15));
        WorkerNode slow2 = worker("slow-2", "slow", 2);
        for (String id : List.of("a", "b", "c")) {
            s.enqueue(Tasks.queued(id.charAt(0), Tasks.spec(id, 0)));
        }

        Map<String, Integer> busy = new HashMap<>();
        List<Assignment> out = s.schedule(List.of(slow2, FAST), Set.of(), busy, at(0)).assignments();

        assertEquals(3, out.size(), "1.5 times slower: c finishes at 15 s on slow-2, at 20 s after a on fast");
        assertEquals("fast", out.get(0).nodeId());
        assertEquals(Map.of("fast", 1, "slow-2", 2), busy);
    }

    @Test
    void aTaskIsHeldForABusyFastWorkerThatFinishesItSoonerThanAnIdleSlowOne() {
        Scheduler s = eft(FOUR_TIMES);
        Map<String, Integer> busy = new HashMap<>(Map.of("slow", 1));
        List<WorkerNode> grid = List.of(SLOW, FAST);
        s.enqueue(Tasks.queued(1, Tasks.spec("a", 0)));
        assertEquals("fast", s.schedule(grid, Set.of(), busy, at(0)).assignments().get(0).nodeId());
        busy.remove("slow");

        TaskRecord b = Tasks.queued(2, Tasks.spec("b", 0));
        s.enqueue(b);
        Scheduler.Round held = s.schedule(grid, Set.of(), busy, at(8));

        assertTrue(held.assignments().isEmpty(), "fast frees at 10 s and finishes b at 20 s; slow would take until 48 s");
        String reason = s.waitingReason(b).orElseThrow();
        assertTrue(reason.startsWith("held for a faster worker") && reason.contains("on fast")
                && reason.contains("idle slow"), reason);

        busy.remove("fast");
        s.ended("run-1/a", "1:1", at(10));
        assertEquals(Map.of("b", "fast"), placed(s.schedule(grid, Set.of(), busy, at(10)).assignments()));
    }

    @Test
    void anAdoptedAttemptTellsWhenItsWorkerFrees() {
        Scheduler s = eft(FOUR_TIMES);
        TaskRecord adopted = Tasks.queued(1, Tasks.spec("a", 0)).startOn("fast", 7, at(0));
        s.schedule(List.of(SLOW, FAST), Set.of(), new HashMap<>(), at(0)); // learn the grid
        s.running(adopted, "fast", at(0));
        Map<String, Integer> busy = new HashMap<>(Map.of("fast", 1));

        TaskRecord b = Tasks.queued(2, Tasks.spec("b", 0));
        s.enqueue(b);
        assertTrue(s.schedule(List.of(SLOW, FAST), Set.of(), busy, at(8)).assignments().isEmpty(),
                "the adopted attempt frees fast at 10 s: b is held for it");

        busy.remove("fast");
        s.ended(adopted.key(), adopted.attemptId(), at(9));
        assertEquals(Map.of("b", "fast"), placed(s.schedule(List.of(SLOW, FAST), Set.of(), busy, at(9)).assignments()));
    }

    @Test
    void anIdleWorkerIsNeverLeftIdleWhileTheQueueIsDeeperThanTheBusySlots() {
        Scheduler s = eft(FOUR_TIMES);
        Map<String, Integer> busy = new HashMap<>(Map.of("slow", 1));
        List<WorkerNode> grid = List.of(SLOW, FAST);
        s.enqueue(Tasks.queued(1, Tasks.spec("a", 0)));
        s.schedule(grid, Set.of(), busy, at(0));
        busy.remove("slow");

        s.enqueue(Tasks.queued(2, Tasks.spec("b", 0)));
        s.enqueue(Tasks.queued(3, Tasks.spec("c", 0)));
        List<Assignment> out = s.schedule(grid, Set.of(), busy, at(8)).assignments();

        assertEquals(1, out.size(), "two queued, one busy slot: the idle slow worker takes one");
        assertEquals("slow", out.get(0).nodeId());
    }

    @Test
    void longerTasksStartFirstWithinAPriorityAndPriorityStillComesFirst() {
        Scheduler s = eft(estimates(1, "short@", 5, "long@", 50, "mid@", 20, "urgent@", 1));
        s.enqueue(Tasks.queued(1, Tasks.spec("short", 0)));
        s.enqueue(Tasks.queued(2, Tasks.spec("long", 0)));
        s.enqueue(Tasks.queued(3, Tasks.spec("mid", 0)));
        s.enqueue(Tasks.queued(4, Tasks.spec("urgent", 1)));
        WorkerNode one = worker("one", "x", 4);

        List<Assignment> out = s.schedule(List.of(one), Set.of(), new HashMap<>(), at(0)).assignments();

        assertEquals(List.of("urgent", "long", "mid", "short"), taskIds(out));
    }
}
