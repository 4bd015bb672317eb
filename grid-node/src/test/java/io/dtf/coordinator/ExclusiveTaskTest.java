package io.dtf.coordinator;

import static io.dtf.coordinator.Hardware.at;
import static io.dtf.coordinator.Hardware.placed;
import static io.dtf.coordinator.Hardware.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExclusiveTaskTest {
    private static final WorkerNode BIG = worker("big", "x", 4);
    private static final WorkerNode OTHER = worker("other", "x", 4);

    static TaskRecord exclusive(long order, String id) {
        TaskSpec s = Tasks.spec(id, 0);
        return Tasks.queued(order, new TaskSpec(s.id(), s.name(), s.params(), s.action(), s.requirements(),
                s.priority(), s.timeout(), s.retries(), s.repetition(), s.retry(), s.fallback(), true));
    }

    @Test
    void anExclusiveTaskStartsOnlyOnAWorkerWithNothingRunning() {
        for (Placement placement : Placement.values()) {
            Scheduler s = new Scheduler(placement, (suite, spec, hw) -> 1000);
            TaskRecord bench = exclusive(1, "bench");
            s.enqueue(bench);

            Map<String, Integer> busy = new HashMap<>(Map.of("big", 1));
            assertTrue(s.schedule(List.of(BIG), Set.of(), busy, at(0)).assignments().isEmpty(), placement.name());
            assertTrue(s.waitingReason(bench).orElseThrow().contains("exclusive"), s.waitingReason(bench).orElseThrow());

            List<Assignment> out = s.schedule(List.of(BIG, OTHER), Set.of(), busy, at(2)).assignments();
            assertEquals(Map.of("bench", "other"), placed(out), placement.name());
        }
    }

    @Test
    void nothingElseStartsOnTheWorkerWhileAnExclusiveTaskRunsThere() {
        Scheduler s = new Scheduler(Placement.EARLIEST_FINISH, (suite, spec, hw) -> 1000);
        Map<String, Integer> busy = new HashMap<>();
        s.enqueue(exclusive(1, "bench"));
        assertEquals("big", s.schedule(List.of(BIG), Set.of(), busy, at(0)).assignments().get(0).nodeId());

        TaskRecord shared = Tasks.queued(2, Tasks.spec("shared", 0));
        s.enqueue(shared);
        assertTrue(s.schedule(List.of(BIG), Set.of(), busy, at(2)).assignments().isEmpty(),
                "three of four slots are free, but the benchmark has the machine to itself");

        busy.remove("big");
        s.ended("run-1/bench", "1:1", at(3));
        assertEquals(Map.of("shared", "big"), placed(s.schedule(List.of(BIG), Set.of(), busy, at(3)).assignments()));
    }

    @Test
    void aWaitingExclusiveTaskKeepsOneBusyWorkerFromNewWorkUntilItIsEmpty() {
        Scheduler s = new Scheduler(Placement.FIRST_FREE, (suite, spec, hw) -> 1000);
        Map<String, Integer> busy = new HashMap<>(Map.of("big", 1));
        TaskRecord bench = exclusive(1, "bench");
        s.enqueue(bench);
        s.enqueue(Tasks.queued(2, Tasks.spec("shared", 0)));

        List<Assignment> out = s.schedule(List.of(BIG), Set.of(), busy, at(0)).assignments();

        assertTrue(out.isEmpty(), "big has three free slots but is being emptied for the benchmark: " + out);
        assertTrue(s.waitingReason(bench).orElseThrow().contains("big takes no new work"),
                s.waitingReason(bench).orElseThrow());
        busy.remove("big");
        assertEquals(Map.of("bench", "big"), placed(s.schedule(List.of(BIG), Set.of(), busy, at(2)).assignments()));
    }
}
