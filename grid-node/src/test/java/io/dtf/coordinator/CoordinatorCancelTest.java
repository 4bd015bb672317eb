package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.CancelReply;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling runs and tasks: waiting tasks leave the queue, running attempts are stopped on their
 * workers, and everything ends CANCELLED, once, also across a coordinator takeover.
 */
class CoordinatorCancelTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    /** One worker with one slot: the first task runs, the others wait. */
    private volatile List<WorkerNode> workers = List.of(new WorkerNode("w1", Map.of(), 1));
    /** Attempts running on the simulated workers, by task key, answered by the test or by a stop. */
    private final Map<String, Consumer<JobReply>> running = new ConcurrentHashMap<>();
    private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();
    /** Stops received: {@code node task-key attempt}. */
    private final List<String> stops = new CopyOnWriteArrayList<>();
    /** Stops the workers ignore before obeying, as when a stop overtakes the attempt's start. */
    private volatile int ignoreStops;
    /** What a stopped attempt reports: CANCELLED, as the worker's runners do. */
    private volatile TaskState stoppedAs = TaskState.CANCELLED;
    private volatile List<LiveAttempt> onWorkers = List.of();
    private final CoordinatorLoops loops = new CoordinatorLoops();

    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public void dispatch(List<Assignment> batch, long epoch, BiConsumer<Assignment, JobReply> onDone) {
            batch.forEach(a -> start(a, reply -> onDone.accept(a, reply)));
        }

        private void start(Assignment a, Consumer<JobReply> onDone) {
            assignments.put(a.task().key(), a);
            running.put(a.task().key(), onDone);
        }

        @Override
        public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
            stops.add(nodeId + " " + taskKey + " " + attemptId);
            if (ignoreStops > 0) {
                ignoreStops--;
                return;
            }
            Consumer<JobReply> onDone = running.remove(taskKey);
            if (onDone != null) {
                Instant now = Instant.now();
                onDone.accept(new JobReply(taskKey, attemptId, nodeId, "hw", new AttemptOutcome(stoppedAs, now, now,
                        null, List.of(), "", "", "cancelled: the worker stopped waiting for the command and killed it")));
            }
        }

        @Override
        public List<LiveAttempt> reconcile(long epoch) {
            return onWorkers;
        }
    };

    @AfterEach
    void stopAll() throws InterruptedException {
        loops.stopAll();
    }

    @Test
    void cancellingARunDequeuesWaitingTasksStopsTheRunningOneAndEndsTheRun() {
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("a", 2), Tasks.spec("b", 1), Tasks.spec("c", 0));
        String runningKey = TaskRecord.key(runId, "a");
        Tasks.await(() -> running.containsKey(runningKey));

        CancelReply reply = c.cancel(runId, null);

        assertTrue(reply.accepted(), reply.errors().toString());
        assertEquals(2, reply.dequeued());
        assertEquals(1, reply.stopping());
        assertEquals(0, reply.alreadyEnded());
        Tasks.await(() -> c.run(runId).orElseThrow().isDone());
        assertEquals(3, c.run(runId).orElseThrow().count(TaskState.CANCELLED));
        String attempt = store.tasks.get(runningKey).attemptId();
        assertEquals(List.of("w1 " + runningKey + " " + attempt), stops, "the running attempt is stopped on its node");
        assertEquals(1, assignments.size(), "nothing else started");
        List<TaskResult> results = c.results(runId, 0, 100);
        assertEquals(3, results.size(), "one final row per task");
        assertTrue(results.stream().allMatch(r -> r.status() == TaskState.CANCELLED && r.finalAttempt()
                && r.decision().equals(Cancels.DECISION)), results.toString());
        TaskResult stopped = results.stream().filter(r -> r.taskId().equals("a")).findFirst().orElseThrow();
        assertEquals(1, stopped.attempt());
        assertEquals("w1", stopped.nodeId());
        assertTrue(results.stream().filter(r -> !r.taskId().equals("a"))
                .allMatch(r -> r.attempt() == 0 && r.error().equals("cancelled before it started")), results.toString());
        assertTrue(store.runs.get(runId).endedAt() != null, "the run's end is stored");
        assertTrue(store.runs.get(runId).cancellation().wholeRun(), "the request is stored with the run");
        assertTrue(store.tasks.values().stream().allMatch(t -> t.state() == TaskState.CANCELLED));
    }

    @Test
    void cancellingTwiceChangesNothingMore() {
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("a", 1), Tasks.spec("b", 0));
        Tasks.await(() -> running.size() == 1);
        c.cancel(runId, null);
        Tasks.await(() -> c.run(runId).orElseThrow().isDone());

        CancelReply again = c.cancel(runId, null);

        assertTrue(again.accepted());
        assertEquals(new CancelReply(runId, 0, 0, 2, List.of()), again);
        assertEquals(2, c.results(runId, 0, 100).size(), "no second row");
        assertEquals(1, stops.size());
    }

    @Test
    void cancellingOneTaskLeavesTheOthersToRun() {
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("first", 2), Tasks.spec("waits", 1), Tasks.spec("stays", 0));
        Tasks.await(() -> running.containsKey(TaskRecord.key(runId, "first")));

        CancelReply reply = c.cancel(runId, "waits");

        assertEquals(new CancelReply(runId, 1, 0, 0, List.of()), reply);
        assertTrue(stops.isEmpty());
        pass(TaskRecord.key(runId, "first"));
        Tasks.await(() -> running.containsKey(TaskRecord.key(runId, "stays")));
        pass(TaskRecord.key(runId, "stays"));
        Tasks.await(() -> c.run(runId).orElseThrow().isDone());
        assertEquals(Map.of(TaskState.PASSED, 2, TaskState.CANCELLED, 1), c.run(runId).orElseThrow().counts());
        assertEquals(Set.of("waits"), store.runs.get(runId).cancellation().taskIds());
    }

    @Test
    void anUnknownRunOrTaskIsRefusedAndNothingChanges() {
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("a", 0));

        CancelReply noRun = c.cancel("no-such-run", null);
        CancelReply noTask = c.cancel(runId, "no-such-task");

        assertFalse(noRun.accepted());
        assertEquals(List.of("no run 'no-such-run' on this grid"), noRun.errors());
        assertEquals(List.of("run " + runId + " has no task 'no-such-task'"), noTask.errors());
        assertEquals(null, store.runs.get(runId).cancellation());
    }

    @Test
    void aCancelledTaskWhoseAttemptFailsAnywayIsNotRetried() {
        stoppedAs = TaskState.FAILED; // the process died of the kill with a non-zero exit
        Coordinator c = start();
        String runId = submit(c, Tasks.retried("a", 3));
        Tasks.await(() -> running.size() == 1);

        c.cancel(runId, "a");

        Tasks.await(() -> c.run(runId).orElseThrow().isDone());
        assertEquals(1, assignments.size());
        List<TaskResult> results = c.results(runId, 0, 100);
        assertEquals(1, results.size());
        assertEquals(TaskState.CANCELLED, results.get(0).status());
    }

    @Test
    void aStopThatDidNotReachTheAttemptIsSentAgain() {
        ignoreStops = 1;
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("a", 0));
        Tasks.await(() -> running.size() == 1);

        c.cancel(runId, null);

        Tasks.await(() -> c.run(runId).orElseThrow().isDone());
        assertEquals(2, stops.size(), stops.toString());
        assertEquals(TaskState.CANCELLED, c.results(runId, 0, 100).get(0).status());
    }

    @Test
    void aNewCoordinatorFinishesTheCancelItsPredecessorBegan() {
        ignoreStops = 1; // the stop is lost with the first coordinator's node
        Coordinator first = start();
        String runId = submit(first, Tasks.spec("a", 0));
        String key = TaskRecord.key(runId, "a");
        Tasks.await(() -> store.tasks.get(key).state() == TaskState.RUNNING);
        first.cancel(runId, null);
        first.stop();
        // Its node died: the attempt's master is gone, so the worker reports to the service, wherever it runs now.
        running.put(key, reply -> loops.latest().report(reply));
        TaskRecord attempt = store.tasks.get(key);
        onWorkers = List.of(new LiveAttempt(key, attempt.attemptId(), 1, "w1", null));
        // A task its predecessor had not reached yet: stored as waiting, under the stored request.
        TaskRecord waiting = TaskRecord.queued(runId, "s", 99, Tasks.spec("late", 0), Instant.now());
        store.tasks.put(waiting.key(), waiting);
        RunRecord run = store.runs.get(runId);
        store.runs.put(runId, new RunRecord(runId, run.suite(), run.submittedAt(), 2, null, run.cancellation()));

        Coordinator second = start();

        Tasks.await(() -> second.run(runId).orElseThrow().isDone());
        assertEquals(2, second.run(runId).orElseThrow().count(TaskState.CANCELLED));
        assertEquals(1, assignments.size(), "the cancelled task did not start again");
        assertEquals(2, second.results(runId, 0, 100).size());
    }

    private void pass(String key) {
        Consumer<JobReply> onDone = running.remove(key);
        Assignment a = assignments.get(key);
        Instant now = Instant.now();
        onDone.accept(new JobReply(key, a.task().attemptId(), a.nodeId(), "hw",
                new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(), "", "", null)));
    }

    private Coordinator start() {
        // A replaced coordinator's replies reach its successor, as the service forwards them.
        Coordinator c = new Coordinator(store, dispatcher, () -> workers,
                reply -> loops.latest().report(reply));
        return loops.start(c);
    }

    private static String submit(Coordinator c, TaskSpec... specs) {
        SubmitReply reply = c.submit(new Suite("s", List.of(specs)));
        assertTrue(reply.accepted(), reply.errors().toString());
        return reply.runId();
    }
}
