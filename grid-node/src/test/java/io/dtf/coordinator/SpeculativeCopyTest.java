package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.audit.AuditLog;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.RunView;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.model.WorkerView;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Speculative copies: a second attempt of a running task on another node. The first to pass
 * carries the task, the other is stopped and recorded as the loser; a copy that fails while the
 * other runs makes the task wait rather than retry. Driven step by step on the test's thread with a
 * manual clock, as a simulation drives the coordinator; the copy comes from a planner that adds it
 * to the scheduler's round.
 */
class SpeculativeCopyTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final List<WorkerNode> workers = List.of(new WorkerNode("w1", Map.of(), 1),
            new WorkerNode("w2", Map.of(), 1));
    /** Attempts running on the simulated workers: {@code <task key> <attempt id>} -> how to answer. */
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final List<Assignment> dispatched = new ArrayList<>();
    /** Stops received: {@code node task-key attempt}. */
    private final List<String> stops = new ArrayList<>();
    private List<LiveAttempt> onWorkers = List.of();
    /** The node the next round places a copy of the running task on; null for none. */
    private String copyTo;

    private record Running(Assignment assignment, BiConsumer<Assignment, JobReply> onDone) {
    }

    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public void dispatch(List<Assignment> batch, long epoch, BiConsumer<Assignment, JobReply> onDone) {
            for (Assignment a : batch) {
                dispatched.add(a);
                running.put(a.task().key() + " " + a.task().attemptId(), new Running(a, onDone));
            }
        }

        @Override
        public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
            stops.add(nodeId + " " + taskKey + " " + attemptId);
        }

        @Override
        public List<LiveAttempt> reconcile(long epoch) {
            return onWorkers;
        }
    };

    private Coordinator coordinator() {
        Scheduler scheduler = new Scheduler();
        Rounds.Planner withCopy = (live, quarantined, busy, now) -> {
            Scheduler.Round round = scheduler.schedule(live, quarantined, busy, now);
            if (copyTo == null) {
                return round;
            }
            Assignment original = dispatched.get(0);
            busy.merge(copyTo, 1, Integer::sum); // a round counts the slots it places, copies too
            Assignment copy = new Assignment(original.task(), copyTo, false);
            copyTo = null;
            return new Scheduler.Round(round.assignments(), round.expired(), List.of(copy));
        };
        Coordinator c = new Coordinator(store, dispatcher, () -> workers, reply -> { }, CoordinatorSettings.defaults(),
                CoordinatorRuntime.simulated(clock, 7), AuditLog.toLogFile(), ReplyCheck.ACCEPT_ALL, scheduler,
                withCopy);
        c.start();
        return c;
    }

    /** Submits one task, runs it on w1, then a copy on w2; returns the run id. */
    private String raceOnW1AndW2(Coordinator c) {
        String runId = c.submit(new Suite("s", List.of(Tasks.spec("t", 0)))).runId();
        step(c);
        assertEquals(List.of("w1"), dispatched.stream().map(Assignment::nodeId).toList());
        copyTo = "w2";
        step(c);
        assertEquals(List.of("w1", "w2"), dispatched.stream().map(Assignment::nodeId).toList());
        return runId;
    }

    @Test
    void theCopyThatPassesFirstCarriesTheTaskAndTheOriginalIsStoppedAndRecordedAsTheLoser() {
        Coordinator c = coordinator();
        String runId = raceOnW1AndW2(c);
        Assignment original = dispatched.get(0);
        Assignment copy = dispatched.get(1);
        assertEquals(1, original.task().attempt().number());
        assertEquals(2, copy.task().attempt().number());

        answer(copy, TaskState.PASSED);
        step(c);

        TaskView t = c.tasks(runId).get(0);
        assertEquals(TaskState.PASSED, t.state());
        assertEquals("w2", t.nodeId());
        assertTrue(c.run(runId).orElseThrow().isDone());
        assertEquals(List.of("w1 " + original.task().key() + " " + original.task().attemptId()), stops);
        List<TaskResult> rows = c.results(runId, 0, 100);
        assertEquals(2, rows.size(), rows.toString());
        TaskResult lost = row(rows, "w1");
        assertEquals(TaskState.CANCELLED, lost.status());
        assertEquals(ResultRows.LOST_RACE, lost.decision());
        assertFalse(lost.finalAttempt());
        assertEquals(1, lost.attempt());
        TaskResult won = row(rows, "w2");
        assertTrue(won.finalAttempt());
        assertEquals(TaskState.PASSED, won.status());
        assertEquals(2, won.attempt());
        assertEquals(copy.task().attemptId(), store.tasks.get(original.task().key()).attemptId(),
                "the stored task names the attempt that carried it");

        // The stopped loser still holds its slot until it reports; then nothing changes but the slot.
        assertEquals(1, busy(c, "w1"));
        answer(original, TaskState.CANCELLED);
        step(c);
        assertEquals(0, busy(c, "w1"));
        assertEquals(2, c.results(runId, 0, 100).size(), "the loser's report adds no row");
        assertEquals(TaskState.PASSED, c.tasks(runId).get(0).state());
    }

    @Test
    void theOriginalThatPassesFirstCarriesTheTaskAndTheCopyIsStopped() {
        Coordinator c = coordinator();
        String runId = raceOnW1AndW2(c);
        Assignment original = dispatched.get(0);
        Assignment copy = dispatched.get(1);

        answer(original, TaskState.PASSED);
        step(c);

        assertEquals(TaskState.PASSED, c.tasks(runId).get(0).state());
        assertEquals("w1", c.tasks(runId).get(0).nodeId());
        assertEquals(List.of("w2 " + copy.task().key() + " " + copy.task().attemptId()), stops);
        List<TaskResult> rows = c.results(runId, 0, 100);
        assertEquals(ResultRows.LOST_RACE, row(rows, "w2").decision());
        assertEquals(2, row(rows, "w2").attempt());
        assertEquals(TaskState.PASSED, row(rows, "w1").status());
        assertEquals(1, rows.stream().filter(TaskResult::finalAttempt).count());

        answer(copy, TaskState.CANCELLED);
        step(c);
        assertEquals(0, busy(c, "w2"));
    }

    @Test
    void aCopyThatFailsWhileTheOriginalRunsMakesTheTaskWaitNotRetry() {
        Coordinator c = coordinator();
        String runId = raceOnW1AndW2(c); // the task asks for no retries: alone, the failure would end it
        Assignment original = dispatched.get(0);

        answer(dispatched.get(1), TaskState.FAILED);
        step(c);
        step(c);

        assertEquals(TaskState.RUNNING, c.tasks(runId).get(0).state());
        assertEquals(2, dispatched.size(), "no retry started");
        assertEquals(0, busy(c, "w2"), "the failed copy's slot is free");
        TaskResult failed = c.results(runId, 0, 100).get(0);
        assertEquals(TaskState.FAILED, failed.status());
        assertFalse(failed.finalAttempt());
        assertEquals(ResultRows.OTHER_RUNS, failed.decision());

        answer(original, TaskState.PASSED);
        step(c);

        RunView done = c.run(runId).orElseThrow();
        assertEquals(1, done.count(TaskState.PASSED), "a copy's failure is not the task's: passed, not flaky");
        assertTrue(stops.isEmpty(), "nothing left to stop");
        assertEquals(2, c.results(runId, 0, 100).size());
    }

    @Test
    void anOriginalThatFailsWhileTheCopyRunsHandsTheTaskToTheCopy() {
        Coordinator c = coordinator();
        String runId = raceOnW1AndW2(c);

        answer(dispatched.get(0), TaskState.FAILED);
        step(c);
        assertEquals("w2", c.tasks(runId).get(0).nodeId());
        answer(dispatched.get(1), TaskState.FAILED);
        step(c);

        assertEquals(TaskState.FAILED, c.tasks(runId).get(0).state(), "the last attempt's failure ends it");
        List<TaskResult> rows = c.results(runId, 0, 100);
        assertEquals(List.of(false, true), rows.stream().map(TaskResult::finalAttempt).toList());
    }

    @Test
    void cancellingARunStopsBothAttemptsAndTheTaskEndsOnceBothReported() {
        Coordinator c = coordinator();
        String runId = raceOnW1AndW2(c);
        Assignment original = dispatched.get(0);
        Assignment copy = dispatched.get(1);

        assertEquals(1, c.cancel(runId, null).stopping());

        assertEquals(List.of("w1 " + original.task().key() + " " + original.task().attemptId(),
                "w2 " + copy.task().key() + " " + copy.task().attemptId()), stops);
        answer(copy, TaskState.CANCELLED);
        step(c);
        assertEquals(TaskState.RUNNING, c.tasks(runId).get(0).state(), "the original still runs");
        answer(original, TaskState.CANCELLED);
        step(c);

        assertEquals(1, c.run(runId).orElseThrow().count(TaskState.CANCELLED));
        assertTrue(c.run(runId).orElseThrow().isDone());
        List<TaskResult> rows = c.results(runId, 0, 100);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.status() == TaskState.CANCELLED), rows.toString());
        assertEquals(Cancels.DECISION, rows.stream().filter(TaskResult::finalAttempt).findFirst().orElseThrow()
                .decision());
        assertEquals(0, busy(c, "w1") + busy(c, "w2"));
    }

    @Test
    void aNewCoordinatorAdoptsItsPredecessorsCopyAndTheRaceGoesOn() {
        Coordinator first = coordinator();
        String runId = raceOnW1AndW2(first);
        Assignment original = dispatched.get(0);
        Assignment copy = dispatched.get(1);
        clock.advance(Duration.ofSeconds(1));
        first.step(clock.instant()); // the RUNNING state is stored
        first.stop();
        onWorkers = List.of(live(original), live(copy));

        Coordinator second = coordinator();
        step(second);
        assertEquals(2, dispatched.size(), "nothing started again");
        second.report(reply(copy, TaskState.PASSED));
        step(second);

        assertEquals(TaskState.PASSED, second.tasks(runId).get(0).state());
        assertEquals("w2", second.tasks(runId).get(0).nodeId());
        assertTrue(stops.contains("w1 " + original.task().key() + " " + original.task().attemptId()),
                "the adopted original lost, and is stopped: " + stops);
        assertEquals(ResultRows.LOST_RACE, row(second.results(runId, 0, 100), "w1").decision());
    }

    @Test
    void aCopyOfATaskThatEndedMeanwhileIsNotStarted() {
        Coordinator c = coordinator();
        String runId = c.submit(new Suite("s", List.of(Tasks.spec("t", 0)))).runId();
        step(c);
        answer(dispatched.get(0), TaskState.PASSED);
        copyTo = "w2"; // planned from a stale view: the task ends in the same turn
        step(c);

        assertEquals(1, dispatched.size());
        assertEquals(0, busy(c, "w2"), "the slot the round counted is given back");
        assertNull(c.tasks(runId).get(0).waitingReason());
    }

    private void step(Coordinator c) {
        c.step(clock.advance(Duration.ofSeconds(1)));
    }

    private void answer(Assignment a, TaskState status) {
        Running r = running.remove(a.task().key() + " " + a.task().attemptId());
        r.onDone().accept(r.assignment(), reply(a, status));
    }

    private JobReply reply(Assignment a, TaskState status) {
        Instant now = clock.instant();
        AttemptOutcome outcome = new AttemptOutcome(status, now, now, status.isSuccess() ? 0 : 1, List.of(), "", "",
                status.isSuccess() ? null : "exit 1", status == TaskState.FAILED ? FailureCategory.TEST_FAILURE : null);
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw-" + a.nodeId(), outcome);
    }

    private static LiveAttempt live(Assignment a) {
        return new LiveAttempt(a.task().key(), a.task().attemptId(), a.task().attempt().number(), a.nodeId(), null);
    }

    private static TaskResult row(List<TaskResult> rows, String node) {
        return rows.stream().filter(r -> node.equals(r.nodeId())).findFirst().orElseThrow(
                () -> new AssertionError("no row from " + node + " in " + rows));
    }

    private static int busy(Coordinator c, String node) {
        return c.workers().stream().filter(w -> w.nodeId().equals(node)).mapToInt(WorkerView::busy).sum();
    }
}
