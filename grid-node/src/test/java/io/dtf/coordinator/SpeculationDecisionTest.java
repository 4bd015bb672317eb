package io.dtf.coordinator;

import static io.dtf.coordinator.Hardware.at;
import static io.dtf.coordinator.Hardware.estimates;
import static io.dtf.coordinator.Hardware.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a late attempt gets a copy: 60 s expected, so late after max(2 x 60, 60 + 30) = 120 s. */
class SpeculationDecisionTest {
    private static final WorkerNode A = worker("a", "x", 1);
    private static final WorkerNode B = worker("b", "x", 1);
    private static final List<WorkerNode> GRID = List.of(A, B);

    private Scheduler s;
    private Map<String, Integer> busy;

    /** The straggler runs on a since 0 s; b is busy with something that ended. */
    private void straggler() {
        s = new Scheduler(Placement.EARLIEST_FINISH, estimates(60));
        busy = new HashMap<>(Map.of("b", 1));
        s.enqueue(Tasks.queued(1, Tasks.spec("slowpoke", 0)));
        assertEquals("a", s.schedule(GRID, Set.of(), busy, at(0)).assignments().get(0).nodeId());
        busy.remove("b");
    }

    @Test
    void aClearlyLateAttemptGetsOneCopyOnAnIdleWorker() {
        straggler();
        assertTrue(s.schedule(GRID, Set.of(), busy, at(100)).speculative().isEmpty(), "100 s: not late yet");

        Scheduler.Round late = s.schedule(GRID, Set.of(), busy, at(130));
        assertEquals(1, late.speculative().size());
        assertEquals("b", late.speculative().get(0).nodeId());
        assertEquals("slowpoke", late.speculative().get(0).task().spec().id());
        assertEquals(1, busy.get("b"), "the copy's slot is counted");

        busy.remove("b");
        assertTrue(s.schedule(GRID, Set.of(), busy, at(300)).speculative().isEmpty(), "one copy per task at most");
    }

    @Test
    void theCoordinatorCanAskWhetherARoundIsDueForCopiesAlone() {
        straggler();
        assertTrue(!s.speculationDue(at(100)));
        assertTrue(s.speculationDue(at(121)));
    }

    @Test
    void noCopyTakesASlotAQueuedTaskCouldUse() {
        straggler();
        s.enqueue(Tasks.queued(2, Tasks.spec("waiting", 0, "tag cuda"))); // matches no worker: leaves b free
        s.enqueue(Tasks.queued(3, Tasks.spec("next", 0)));

        Scheduler.Round round = s.schedule(GRID, Set.of(), busy, at(130));

        assertEquals("b", round.assignments().get(0).nodeId());
        assertTrue(round.speculative().isEmpty(), "b went to the queued task");
    }

    @Test
    void noCopyWhereAFreshRunIsNotExpectedToBeatTheLateOne() {
        s = new Scheduler(Placement.EARLIEST_FINISH, estimates(60, "slowpoke@y", 600));
        WorkerNode slow = worker("slow", "y", 1);
        busy = new HashMap<>();
        s.enqueue(Tasks.queued(1, Tasks.spec("slowpoke", 0)));
        s.schedule(List.of(A), Set.of(), busy, at(0));

        Scheduler.Round round = s.schedule(List.of(A, slow), Set.of(), busy, at(130));

        assertTrue(round.speculative().isEmpty(), "a copy would need 600 s; the late one is assumed 70 s from done");
    }

    @Test
    void theNaiveBaselinesNeverCopy() {
        s = new Scheduler(Placement.FIRST_FREE, estimates(60));
        busy = new HashMap<>(Map.of("b", 1));
        s.enqueue(Tasks.queued(1, Tasks.spec("slowpoke", 0)));
        s.schedule(GRID, Set.of(), busy, at(0));
        busy.remove("b");

        assertTrue(s.schedule(GRID, Set.of(), busy, at(500)).speculative().isEmpty());
    }
}
