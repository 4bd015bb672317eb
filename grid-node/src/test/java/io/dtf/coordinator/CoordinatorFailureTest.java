package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.client.CoordinatorApi;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.model.WorkerView;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator when things break: workers that die or fail for reasons of their own, and a
 * coordinator replaced by a new instance that must neither lose nor repeat attempts.
 */
class CoordinatorFailureTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private volatile List<WorkerNode> workers = List.of(worker("w1", 2), worker("w2", 2));
    /** Attempts dispatched, in order. */
    private final List<Assignment> dispatched = new CopyOnWriteArrayList<>();
    /** Held attempts, answered by the test. */
    private final Map<String, Consumer<JobReply>> held = new ConcurrentHashMap<>();
    /** node id -> the category every attempt there fails with. */
    private final Map<String, FailureCategory> failingNodes = new ConcurrentHashMap<>();
    /** node id -> the category its next attempt fails with. */
    private final Map<String, FailureCategory> failingOnce = new ConcurrentHashMap<>();
    private volatile boolean hold;
    private volatile List<LiveAttempt> onWorkers = List.of();
    private final List<JobReply> forwarded = new CopyOnWriteArrayList<>();
    private final CoordinatorLoops loops = new CoordinatorLoops();

    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public void dispatch(List<Assignment> batch, long epoch, BiConsumer<Assignment, JobReply> onDone) {
            batch.forEach(a -> start(a, reply -> onDone.accept(a, reply)));
        }

        private void start(Assignment a, Consumer<JobReply> onDone) {
            dispatched.add(a);
            FailureCategory once = failingOnce.remove(a.nodeId());
            FailureCategory failure = once != null ? once : failingNodes.get(a.nodeId());
            if (failure != null) {
                onDone.accept(reply(a, failure));
            } else if (hold) {
                held.put(a.task().key(), onDone);
            } else {
                onDone.accept(reply(a, null));
            }
        }

        @Override
        public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
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
    void aWorkerThatDiesMidAttemptIsRecordedAndTheRetryRunsOnAnotherMatchingNode() {
        failingNodes.put("w1", FailureCategory.NODE_LEFT);
        workers = List.of(worker("w1", 4), worker("w2", 1));
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("t", 0));

        RunView done = awaitDone(c, runId);

        assertTrue(done.passed());
        List<TaskResult> results = c.results(runId, 0, 100);
        assertEquals(2, results.size());
        assertEquals(FailureCategory.NODE_LEFT, results.get(0).category());
        assertFalse(results.get(0).finalAttempt());
        assertTrue(results.get(0).decision().startsWith("retry in "), results.get(0).decision());
        assertEquals("w2", results.get(1).nodeId());
        assertEquals(TaskState.PASSED, results.get(1).status(), "a retry after a machine failure is no flake");
    }

    @Test
    void aRetryWithNoMatchingNodeLeftWaitsThenGivesUpAtItsTimeout() {
        failingNodes.put("gpu1", FailureCategory.NODE_LEFT);
        workers = List.of(worker("w1", 1), new WorkerNode("gpu1", Map.of("dtf.tags", "cuda"), 1));
        Coordinator c = start();
        TaskSpec base = Tasks.spec("t", 0, "tag cuda");
        String runId = submit(c, new TaskSpec("t", "t", Map.of(), base.action(), base.requirements(), 0,
                Duration.ofSeconds(1), 0, 1));

        Tasks.await(() -> dispatched.size() == 1);
        workers = List.of(worker("w1", 1)); // the GPU node is gone
        c.topologyChanged();
        RunView done = awaitDone(c, runId);

        assertEquals(1, done.count(TaskState.ERROR));
        assertEquals(1, dispatched.size(), "never ran on the node without the tag");
        TaskResult last = c.results(runId, 0, 100).get(1);
        assertTrue(last.finalAttempt() && last.error().contains("no live worker met"), last.toString());
    }

    @Test
    void aRetryWhoseOnlyMatchingNodeIsTheOneItFailedOnRunsThereAfterItsBackoff() {
        failingOnce.put("w1", FailureCategory.INFRASTRUCTURE);
        workers = List.of(worker("w1", 1));
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("t", 0));

        RunView done = awaitDone(c, runId);

        assertTrue(done.passed(), "run again on the one worker, not given up at its timeout");
        List<TaskResult> results = c.results(runId, 0, 100);
        assertEquals(2, results.size());
        assertEquals(FailureCategory.INFRASTRUCTURE, results.get(0).category());
        assertEquals("w1", results.get(1).nodeId());
        assertEquals(List.of("w1"), store.tasks.get(TaskRecord.key(runId, "t")).retry().avoidNodes(),
                "still a node it failed on: preferred against as soon as another one matches");
    }

    @Test
    void aWorkerFailingTaskAfterTaskIsQuarantinedRaisesAnAlertAndCanBeReleased() {
        failingNodes.put("bad", FailureCategory.PROCESS_CRASH);
        workers = List.of(worker("bad", 8), worker("good", 1));
        Coordinator c = start();
        String runId = submit(c, Tasks.spec("a", 0), Tasks.spec("b", 0), Tasks.spec("c", 0), Tasks.spec("d", 0));

        assertTrue(awaitDone(c, runId).passed(), "every task passed on the good node in the end");
        WorkerView bad = c.workers().stream().filter(w -> w.nodeId().equals("bad")).findFirst().orElseThrow();
        assertNotNull(bad.quarantinedUntil());
        assertTrue(bad.quarantineReason().contains("3 different tasks"), bad.quarantineReason());
        assertTrue(c.alerts().stream().anyMatch(a -> a.subject().equals("bad") && a.message().contains("quarantined")));
        assertEquals(1, store.quarantine.size(), "stored, so a new coordinator keeps it");

        assertEquals("released bad", c.release("bad"));
        assertNull(c.workers().stream().filter(w -> w.nodeId().equals("bad")).findFirst().orElseThrow()
                .quarantinedUntil());
    }

    @Test
    void anAttemptStillRunningWhenTheCoordinatorDiesIsAdoptedNotStartedAgain() {
        hold = true;
        Coordinator first = start();
        String runId = submit(first, Tasks.spec("long", 0));
        String key = TaskRecord.key(runId, "long");
        Tasks.await(() -> store.tasks.get(key).state() == TaskState.RUNNING);
        TaskRecord running = store.tasks.get(key);
        first.stop(); // its node died: the held reply never reaches it
        onWorkers = List.of(new LiveAttempt(key, running.attemptId(), 1, running.nodeId(), null));

        Coordinator second = start();
        Tasks.await(() -> second.tasks(runId).get(0).state() == TaskState.RUNNING);
        assertEquals(1, dispatched.size(), "not started a second time");
        second.report(new JobReply(key, running.attemptId(), running.nodeId(), "hw", passed()));

        assertTrue(awaitDone(second, runId).passed());
        assertEquals(1, second.results(runId, 0, 100).size());
        assertTrue(store.removedCheckpoints.contains(key), "the ended task's checkpoints are dropped");
    }

    @Test
    void anAttemptStartedButNeverStoredIsAdoptedFromTheWorkerThatRunsIt() {
        TaskRecord queued = Tasks.queued(1, Tasks.spec("t", 0));
        store.runs.put("run-1", new RunRecord("run-1", "suite", Instant.now(), 1, null));
        store.tasks.put(queued.key(), queued);
        store.epoch.set(4);
        onWorkers = List.of(new LiveAttempt(queued.key(), "4:1", 1, "w2", null));

        Coordinator c = start();
        Tasks.await(() -> c.tasks("run-1").get(0).state() == TaskState.RUNNING);
        assertEquals(0, dispatched.size());
        assertEquals("w2", c.tasks("run-1").get(0).nodeId());
        c.report(new JobReply(queued.key(), "4:1", "w2", "hw", passed()));
        assertTrue(awaitDone(c, "run-1").passed());
    }

    @Test
    void anAttemptThatFinishedUnreportedIsCompletedFromTheWorkersRecord() {
        TaskRecord running = Tasks.queued(1, Tasks.spec("t", 0)).startOn("w1", 1, Instant.now());
        store.runs.put("run-1", new RunRecord("run-1", "suite", Instant.now(), 1, null));
        store.tasks.put(running.key(), running);
        onWorkers = List.of(new LiveAttempt(running.key(), "1:1", 1, "w1",
                new JobReply(running.key(), "1:1", "w1", "hw", passed())));

        Coordinator c = start();

        assertTrue(awaitDone(c, "run-1").passed());
        assertEquals(0, dispatched.size());
    }

    @Test
    void anAttemptNoWorkerKnowsIsRecordedAsLostAndRunAgain() {
        TaskRecord running = Tasks.queued(1, Tasks.spec("t", 0)).startOn("w1", 1, Instant.now());
        store.runs.put("run-1", new RunRecord("run-1", "suite", Instant.now(), 1, null));
        store.tasks.put(running.key(), running);

        Coordinator c = start();

        assertTrue(awaitDone(c, "run-1").passed());
        List<TaskResult> results = c.results("run-1", 0, 100);
        assertEquals(2, results.size());
        assertTrue(results.get(0).error().contains("lost with its coordinator"), results.get(0).error());
        assertTrue(results.get(0).decision().contains("not counted"), results.get(0).decision());
        assertEquals(List.of(), store.tasks.get(running.key()).retry().avoidNodes(), "the node is not to blame");
        assertEquals(1, dispatched.size());
        assertEquals(2, dispatched.get(0).task().attempts());
    }

    @Test
    void aReplacedCoordinatorWritesNothingMoreAndForwardsTheRepliesStillReachingIt() {
        hold = true;
        Coordinator old = start();
        String runId = submit(old, Tasks.spec("t", 0));
        String key = TaskRecord.key(runId, "t");
        Tasks.await(() -> held.containsKey(key));
        store.claimEpoch(); // a successor took over

        Tasks.await(() -> !loops.loop(0).isAlive());
        Assignment a = dispatched.get(0);
        held.get(key).accept(reply(a, null));

        assertEquals(1, forwarded.size(), "the reply went to the successor");
        assertTrue(store.results.isEmpty(), "the replaced coordinator stored nothing");
    }

    @Test
    void aCallReachingAReplacedCoordinatorIsRefusedUndoneSoItCanBeMadeAgain() {
        Coordinator old = start();
        assertTrue(old.runs().isEmpty()); // its loop runs, its epoch claimed
        store.claimEpoch(); // a successor took over
        Tasks.await(() -> !loops.loop(0).isAlive());

        IllegalStateException moving = assertThrows(IllegalStateException.class,
                () -> old.submit(new Suite("s", List.of(Tasks.spec("t", 0)))));
        assertEquals(CoordinatorApi.MOVING, moving.getMessage());
        assertTrue(store.runs.isEmpty(), "the refused submission stored no run");
    }

    private Coordinator start() {
        Coordinator c = new Coordinator(store, dispatcher, () -> workers, forwarded::add);
        return loops.start(c);
    }

    private static WorkerNode worker(String id, int slots) {
        return new WorkerNode(id, Map.of("dtf.os.family", "linux"), slots);
    }

    private static AttemptOutcome passed() {
        Instant now = Instant.now();
        return new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(), "", "", null);
    }

    private static JobReply reply(Assignment a, FailureCategory failure) {
        AttemptOutcome outcome = failure == null ? passed()
                : AttemptOutcome.error(Instant.now(), failure, "failed on " + a.nodeId());
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw-" + a.nodeId(), outcome);
    }

    private static String submit(Coordinator c, TaskSpec... specs) {
        SubmitReply reply = c.submit(new Suite("s", List.of(specs)));
        assertTrue(reply.accepted(), reply.errors().toString());
        return reply.runId();
    }

    private static RunView awaitDone(Coordinator c, String runId) {
        Tasks.await(() -> c.run(runId).orElseThrow().isDone());
        return c.run(runId).orElseThrow();
    }
}
