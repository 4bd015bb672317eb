package io.dtf.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.coordinator.Assignment;
import io.dtf.coordinator.TaskRecord;
import io.dtf.model.FailureCategory;
import io.dtf.model.TaskState;
import io.dtf.protocol.JobReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedDispatcherTest {
    private final VirtualClock clock = new VirtualClock();
    private final Events events = new Events();
    private final SimulatedGrid grid = new SimulatedGrid(List.of(Grids.workers("fast", 1, 2, 2.0),
            Grids.workers("slow", 1, 2, 0.5)));
    private final SimulatedDispatcher dispatcher = new SimulatedDispatcher(clock, events, grid,
            Map.of("t", 10_000L), Grids.exact(1).withDispatchOverhead(Duration.ofMillis(5)), new SplittableRandom(1),
            new SplittableRandom(2));
    private final List<JobReply> replies = new ArrayList<>();

    private Assignment attempt(String node, int number) {
        Instant now = clock.instant();
        TaskRecord queued = TaskRecord.queued("run", "suite", 0, SimulatedSuites.spec(Grids.task("t", 10_000)), now);
        TaskRecord running = queued.startOn(node, 1, now);
        for (int i = 1; i < number; i++) {
            running = running.moveTo(TaskState.QUEUED, now).startOn(node, 1, now);
        }
        return new Assignment(running, node, false);
    }

    private void runUntil(long elapsedMs) {
        long at = VirtualClock.START.toEpochMilli() + elapsedMs;
        clock.advanceTo(at);
        events.runUntil(at);
    }

    @Test
    void anAttemptTakesItsDurationOverTheWorkersSpeedPlusTheOverhead() {
        dispatcher.dispatch(List.of(attempt("fast-1", 1), attempt("slow-1", 2)), 1, (a, r) -> replies.add(r));
        runUntil(5_004);
        assertEquals(0, replies.size());
        runUntil(5_005); // 10 s at speed 2, plus 5 ms
        assertEquals(1, replies.size());
        assertEquals(TaskState.PASSED, replies.get(0).outcome().status());
        assertEquals("fast", replies.get(0).hwClass());
        runUntil(20_005);
        assertEquals(2, replies.size());
        assertEquals(1, dispatcher.counts().speculative, "the second attempt started while the first ran");
        assertEquals(0, dispatcher.inFlight());
    }

    @Test
    void aStoppedAttemptEndsCancelledAndALostWorkersAttemptsEndAsNodeLeft() {
        Assignment first = attempt("slow-1", 1);
        Assignment second = attempt("fast-1", 2);
        dispatcher.dispatch(List.of(first, second), 1, (a, r) -> replies.add(r));
        dispatcher.stop("slow-1", first.task().key(), first.task().attemptId(), 1);
        SimulatedWorker fast = grid.worker("fast-1");
        grid.remove(fast);
        dispatcher.lost(fast);
        runUntil(0);
        assertEquals(2, replies.size());
        assertEquals(TaskState.CANCELLED, replies.get(0).outcome().status());
        assertEquals(FailureCategory.NODE_LEFT, replies.get(1).outcome().category());
        runUntil(100_000);
        assertEquals(2, replies.size(), "each attempt is answered once");
        assertEquals(1, dispatcher.counts().stopped);
        assertEquals(1, dispatcher.counts().failures);
        assertTrue(dispatcher.firstStarts().containsKey(first.task().key()));
    }
}
