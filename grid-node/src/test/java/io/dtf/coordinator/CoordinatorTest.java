package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.Metric;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.TaskView;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator's logic with an in-memory store and workers that answer at once. */
class CoordinatorTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private final Map<String, AtomicInteger> attemptsSeen = new ConcurrentHashMap<>();
    /** Task ids that fail their first N attempts. */
    private final Map<String, Integer> failFirst = new ConcurrentHashMap<>();
    private volatile List<WorkerNode> workers = List.of(new WorkerNode("w1", Map.of("dtf.os.family", "linux"), 4));
    private Coordinator coordinator;
    private Thread loop;

    private final Dispatcher dispatcher = dispatcher((a, onDone) -> {
        String id = a.task().spec().id();
        int n = attemptsSeen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        boolean fail = n <= failFirst.getOrDefault(id, 0);
        Instant now = Instant.now();
        AttemptOutcome outcome = new AttemptOutcome(fail ? TaskState.FAILED : TaskState.PASSED, now, now,
                fail ? 1 : 0, List.of(new Metric("answer", "", List.of(42.0))), "", "", fail ? "exit 1" : null);
        onDone.accept(reply(a, outcome));
    });

    static JobReply reply(Assignment a, AttemptOutcome outcome) {
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw-" + a.nodeId(), outcome);
    }

    /** A dispatcher that starts attempts with {@code start} and finds no attempts on reconcile. */
    static Dispatcher dispatcher(java.util.function.BiConsumer<Assignment, java.util.function.Consumer<JobReply>> start) {
        return new Dispatcher() {
            @Override
            public void dispatch(List<Assignment> batch, long epoch,
                                 java.util.function.BiConsumer<Assignment, JobReply> onDone) {
                batch.forEach(a -> start.accept(a, reply -> onDone.accept(a, reply)));
            }

            @Override
            public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
            }

            @Override
            public List<LiveAttempt> reconcile(long epoch) {
                return List.of();
            }
        };
    }

    private void start() {
        coordinator = new Coordinator(store, dispatcher, () -> workers, reply -> { });
        loop = new Thread(coordinator::run, "test-coordinator");
        loop.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (coordinator != null) {
            coordinator.stop();
            loop.join(5_000);
        }
    }

    @Test
    void aRunEndsWithOneFinalResultPerTaskStoredBeforeItIsReportedDone() {
        start();
        String runId = submit(new Suite("s", List.of(Tasks.spec("a", 0), Tasks.spec("b", 0), Tasks.spec("c", 0))));

        RunView done = awaitDone(runId);

        assertTrue(done.passed());
        assertEquals(3, done.count(TaskState.PASSED));
        List<TaskResult> results = coordinator.results(runId, 0, 100);
        assertEquals(3, results.size());
        assertTrue(results.stream().allMatch(TaskResult::finalAttempt));
        assertEquals(List.of("hw-w1"), results.stream().map(TaskResult::hwClass).distinct().toList());
        assertTrue(store.runs.get(runId).endedAt() != null, "the run's end is stored");
        assertTrue(store.tasks.values().stream().allMatch(t -> t.state() == TaskState.PASSED));
    }

    @Test
    void aFailedAttemptWithRetriesLeftRunsAgainAndEveryAttemptIsRecorded() {
        start();
        failFirst.put("flaky", 2);
        failFirst.put("broken", 99);
        String runId = submit(new Suite("s", List.of(Tasks.retried("flaky", 2), Tasks.retried("broken", 1))));

        RunView done = awaitDone(runId);

        assertFalse(done.passed());
        assertEquals(1, done.count(TaskState.FLAKY), "passed only on a retry: flaky, not passed");
        assertEquals(0, done.count(TaskState.PASSED));
        assertEquals(1, done.count(TaskState.FAILED));
        List<TaskResult> results = coordinator.results(runId, 0, 100);
        assertEquals(5, results.size(), "flaky: 3 attempts, broken: 2 attempts");
        TaskResult flakyFinal = results.stream().filter(r -> r.taskId().equals("flaky") && r.finalAttempt())
                .findFirst().orElseThrow();
        assertEquals(3, flakyFinal.attempt());
        assertEquals(TaskState.FLAKY, flakyFinal.status());
        assertTrue(results.stream().filter(r -> !r.finalAttempt())
                .allMatch(r -> r.category() == io.dtf.model.FailureCategory.TEST_FAILURE
                        && r.decision().startsWith("retry (test failure")), results.toString());
        assertEquals(1, results.stream().filter(r -> r.taskId().equals("broken") && r.finalAttempt()).count());
    }

    @Test
    void aRequirementOnAnAttributeNoWorkerEverAdvertisedIsWarnedAtSubmissionAndTheTaskStillQueues() {
        start();
        SubmitReply reply = coordinator.submit(new Suite("s", List.of(Tasks.spec("gpu-bench", 0, "has dtf.gpu.vram"),
                Tasks.spec("cpu", 0, "os == linux"))));

        assertTrue(reply.accepted(), reply.errors().toString());
        assertEquals(List.of("task gpu-bench requires dtf.gpu.vram but no node has ever advertised it: it will wait"),
                reply.warnings());
        Tasks.await(() -> coordinator.run(reply.runId()).orElseThrow().count(TaskState.PASSED) == 1);
        assertEquals(TaskState.QUEUED, coordinator.tasks(reply.runId()).get(0).state());

        // A worker that advertised it once, even one gone since, makes the attribute known.
        workers = List.of(workers.get(0), new WorkerNode("gpu1", Map.of("dtf.gpu.vram", "16GiB"), 1));
        coordinator.topologyChanged();
        Tasks.await(() -> coordinator.run(reply.runId()).orElseThrow().isDone());
        workers = List.of(workers.get(0));
        coordinator.topologyChanged();
        assertEquals(List.of(), coordinator.submit(new Suite("s2", List.of(Tasks.spec("gpu-bench", 0,
                "has dtf.gpu.vram")))).warnings());
    }

    @Test
    void anUnmatchedTaskWaitsVisiblyUntilAMatchingWorkerJoins() {
        start();
        String runId = submit(new Suite("s", List.of(Tasks.spec("gpu-task", 0, "tag cuda"), Tasks.spec("cpu-task", 0))));

        Tasks.await(() -> coordinator.run(runId).orElseThrow().count(TaskState.PASSED) == 1);
        TaskView waiting = coordinator.tasks(runId).stream().filter(t -> t.taskId().equals("gpu-task"))
                .findFirst().orElseThrow();
        assertEquals(TaskState.QUEUED, waiting.state());
        assertTrue(waiting.waitingReason().contains("'tag cuda' unmet"), waiting.waitingReason());
        assertEquals(0, attemptsSeen.getOrDefault("gpu-task", new AtomicInteger()).get(), "never ran elsewhere");

        workers = List.of(workers.get(0), new WorkerNode("gpu1", Map.of("dtf.tags", "cuda"), 1));
        coordinator.topologyChanged();

        assertTrue(awaitDone(runId).passed());
        TaskView ran = coordinator.tasks(runId).stream().filter(t -> t.taskId().equals("gpu-task")).findFirst().orElseThrow();
        assertEquals("gpu1", ran.nodeId());
        assertNull(ran.waitingReason());
    }

    @Test
    void resultsArePagedInSequenceOrder() {
        start();
        List<io.dtf.model.TaskSpec> specs = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> Tasks.spec("t" + i, 0)).toList();
        String runId = submit(new Suite("s", specs));
        awaitDone(runId);

        List<TaskResult> first = coordinator.results(runId, 0, 10);
        List<TaskResult> rest = coordinator.results(runId, first.get(9).seq(), 100);
        assertEquals(10, first.size());
        assertEquals(15, rest.size());
        assertTrue(first.get(9).seq() < rest.get(0).seq());
    }

    @Test
    void aNewCoordinatorRebuildsItsStateFromTheStore() throws InterruptedException {
        start();
        String runId = submit(new Suite("s", List.of(Tasks.spec("done", 0), Tasks.spec("stuck", 0, "tag tpu"))));
        Tasks.await(() -> coordinator.run(runId).orElseThrow().count(TaskState.PASSED) == 1);
        stop();

        workers = List.of(new WorkerNode("tpu1", Map.of("dtf.tags", "tpu"), 1));
        start();

        RunView done = awaitDone(runId);
        assertTrue(done.passed());
        assertEquals(2, coordinator.results(runId, 0, 100).size(), "the earlier result is still there, once");
        assertEquals(1, attemptsSeen.get("done").get(), "a finished task is not run again");
    }

    @Test
    void failedStoreWritesAreRetriedAndAFinishedRunHasEveryResultStored() {
        store.failingResultWrites.set(2);
        start();
        String runId = submit(new Suite("s", List.of(Tasks.spec("a", 0), Tasks.spec("b", 0), Tasks.spec("c", 0))));

        RunView done = awaitDone(runId);

        assertTrue(done.passed());
        assertEquals(0, store.failingResultWrites.get(), "the failing writes happened");
        assertEquals(3, store.results.size());
        assertEquals(3, coordinator.results(runId, 0, 100).size());
    }

    @Test
    void anAcceptedRunIsStoredBeforeItsIdIsReturned() {
        workers = List.of();
        start();
        String runId = submit(new Suite("s", List.of(Tasks.spec("a", 0), Tasks.spec("b", 0))));

        assertTrue(store.runs.containsKey(runId));
        assertEquals(2, store.tasks.size());
    }

    @Test
    void anAttemptThatRunsAWhileIsStoredAsRunning() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Dispatcher slow = dispatcher((a, onDone) -> new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatcher.dispatch(List.of(a), 1, (x, reply) -> onDone.accept(reply));
        }).start());
        coordinator = new Coordinator(store, slow, () -> workers, reply -> { });
        loop = new Thread(coordinator::run, "test-coordinator");
        loop.start();
        String runId = submit(new Suite("s", List.of(Tasks.spec("long", 0))));

        Tasks.await(() -> store.tasks.get(TaskRecord.key(runId, "long")).state() == TaskState.RUNNING);
        assertEquals(1, store.tasks.get(TaskRecord.key(runId, "long")).attempts());
        release.countDown();
        assertTrue(awaitDone(runId).passed());
        assertEquals(TaskState.PASSED, store.tasks.get(TaskRecord.key(runId, "long")).state());
    }

    @Test
    void anInvalidSuiteIsRefusedWithReasons() {
        start();
        SubmitReply reply = coordinator.submit(new Suite("s", List.of(Tasks.spec("same", 0), Tasks.spec("same", 0))));
        assertFalse(reply.accepted());
        assertTrue(reply.errors().get(0).contains("appears twice"), reply.errors().toString());
        assertTrue(coordinator.runs().isEmpty());
    }

    @Test
    void aSpecFromAClientWithAnImpossibleRetryPolicyIsRefused() {
        start();
        io.dtf.model.TaskSpec base = Tasks.spec("t", 0);
        io.dtf.model.TaskSpec bad = new io.dtf.model.TaskSpec("t", "t", Map.of(), base.action(), List.of(), 0,
                base.timeout(), 0, 1, new io.dtf.model.RetryPolicy(-1, Duration.ofSeconds(5), Duration.ofSeconds(1)),
                null);
        SubmitReply reply = coordinator.submit(new Suite("s", List.of(bad)));
        assertFalse(reply.accepted());
        assertTrue(reply.errors().get(0).contains("retry.infra must be between 0 and"), reply.errors().toString());
    }

    private String submit(Suite suite) {
        SubmitReply reply = coordinator.submit(suite);
        assertTrue(reply.accepted(), reply.errors().toString());
        return reply.runId();
    }

    private RunView awaitDone(String runId) {
        Tasks.await(() -> coordinator.run(runId).orElseThrow().isDone());
        return coordinator.run(runId).orElseThrow();
    }
}
