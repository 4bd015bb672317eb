package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.protocol.AttemptId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every side effect of a task's move happens in {@link TaskTable#transition}, whichever the cause. */
class TaskTableTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final Scheduler scheduler = new Scheduler();
    private final RunTable runs = new RunTable(clock);
    private final TaskTable table = new TaskTable(runs, scheduler, clock);
    private final StateWriter writer = new StateWriter(store, Runnable::run, 4, () -> true, new StateWriter.Owner() {
        @Override
        public void indexed(TaskResult result, boolean stored) {
        }

        @Override
        public boolean isCurrent(TaskRecord task) {
            return table.get(task.key()) == task;
        }

        @Override
        public boolean isCurrent(RunRecord run) {
            return true;
        }
    });

    {
        runs.writeThrough(writer);
        table.writeThrough(writer);
    }

    @Test
    void adoptingRetryingAndCancellingMoveQueueSlotsCountsAndStoreTogether() {
        runs.add(new RunRecord("run-1", "suite", clock.instant(), 2, null));
        TaskRecord a = TaskRecord.queued("run-1", "suite", 1, Tasks.spec("a", 0), clock.instant());
        TaskRecord b = TaskRecord.queued("run-1", "suite", 2, Tasks.spec("b", 0), clock.instant());
        table.transition(a, TaskTable.Cause.SUBMITTED, null);
        table.transition(b, TaskTable.Cause.SUBMITTED, null);
        assertEquals(2, scheduler.queued());

        TaskRecord adopted = a.adopt("w1", new AttemptId(3, 1), clock.instant());
        table.transition(adopted, TaskTable.Cause.ADOPTED, null);
        assertEquals(1, scheduler.queued(), "an adopted task leaves the queue");
        assertEquals(Map.of("w1", 1), table.busy());
        assertEquals(1, table.running());
        assertEquals(1, table.untracked().size(), "no compute future here reports on it");

        TaskRecord retry = adopted.moveTo(TaskState.QUEUED, clock.advance(Duration.ofSeconds(1)));
        table.transition(retry, TaskTable.Cause.ATTEMPT_ENDED, null);
        assertEquals(2, scheduler.queued(), "a retry is queued again");
        assertEquals(Map.of(), table.busy(), "its slot is free");
        assertEquals(0, table.untracked().size());

        table.transition(retry.moveTo(TaskState.CANCELLED, clock.instant()), TaskTable.Cause.DEQUEUED, null);
        table.transition(b.moveTo(TaskState.CANCELLED, clock.instant()), TaskTable.Cause.DEQUEUED, null);
        assertNull(store.runs.get("run-1"), "nothing is stored before the turn's flush");
        writer.flush();

        assertEquals(0, scheduler.queued());
        assertEquals(TaskState.CANCELLED, store.tasks.get(a.key()).state());
        assertNotNull(store.runs.get("run-1").endedAt(), "the last task's end ends the run");
        assertEquals(RunPhase.ENDED, runs.get("run-1").phase());
        assertTrue(store.removedCheckpoints.contains(a.key()), "an adopted attempt may have saved a checkpoint");
        assertFalse(store.removedCheckpoints.contains(b.key()), "a task that never ran has none to remove");
    }
}
