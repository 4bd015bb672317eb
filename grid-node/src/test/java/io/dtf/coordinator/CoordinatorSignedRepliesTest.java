package io.dtf.coordinator;

import io.dtf.audit.AuditLog;
import io.dtf.model.Alert;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.Metric;
import io.dtf.model.ReportSignature;
import io.dtf.model.Suite;
import io.dtf.model.TaskResult;
import io.dtf.model.TaskState;
import io.dtf.model.WorkerView;
import io.dtf.protocol.JobReply;
import io.dtf.security.signing.NodeKey;
import io.dtf.security.signing.ReportSigner;
import io.dtf.security.signing.ReportVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * The coordinator with the signature check on: a forged reply never becomes a result; its attempt
 * ends as an infrastructure error saying why and runs again; the refusal is counted per worker,
 * alerted and handed to the audit hook.
 */
class CoordinatorSignedRepliesTest {
    /** What no honest worker measures: a forged reply claims it. */
    private static final double FORGED = 4_200.0;

    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private final Map<String, ReportSigner> keys = Map.of("w1", ReportSigner.generate(), "w2", ReportSigner.generate());
    private final ReportSigner stranger = ReportSigner.generate();
    private final ReportVerifier verifier = new ReportVerifier(
            id -> keys.containsKey(id) ? NodeKey.of(id, keys.get(id).publicKeyText(), Instant.now()) : null, true);
    private final List<String> audited = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** How a task's first attempt is forged; later attempts report honestly. */
    private final Map<String, BiFunction<Assignment, JobReply, JobReply>> forgeries = Map.of(
            "tampered", (a, honest) -> withOutcome(honest, measured(FORGED)),
            "stranger", (a, honest) -> withOutcome(honest, measured(FORGED)).signedWith(stranger),
            "replayed", (a, honest) -> {
                // A genuine signature of this node, made for another attempt, presented as this one.
                JobReply other = new JobReply(honest.taskKey(), "0:1", honest.nodeId(), honest.hwClass(),
                        measured(FORGED)).signedWith(keys.get(honest.nodeId()));
                return new JobReply(honest.taskKey(), honest.attemptId(), honest.nodeId(), honest.hwClass(),
                        other.outcome(), other.signature());
            },
            "unsigned", (a, honest) -> new JobReply(honest.taskKey(), honest.attemptId(), honest.nodeId(),
                    honest.hwClass(), measured(FORGED)));
    private Coordinator coordinator;
    private Thread loop;

    @BeforeEach
    void start() {
        Dispatcher dispatcher = CoordinatorTest.dispatcher((a, onDone) -> {
            String id = a.task().spec().id();
            JobReply honest = new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw-" + a.nodeId(),
                    measured(42.0)).signedWith(keys.get(a.nodeId()));
            boolean first = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1;
            onDone.accept(first && forgeries.containsKey(id) ? forgeries.get(id).apply(a, honest) : honest);
        });
        ReplyCheck check = new ReplyCheck() {
            @Override
            public Optional<String> refusal(JobReply r) {
                return verifier.refusal(r.taskKey(), r.attemptId(), r.nodeId(), r.hwClass(), r.outcome(), r.signature());
            }

            @Override
            public void refused(JobReply reply, String reason) {
                audited.add(reason);
            }
        };
        List<WorkerNode> workers = List.of(new WorkerNode("w1", Map.of(), 4), new WorkerNode("w2", Map.of(), 4));
        coordinator = new Coordinator(store, dispatcher, () -> workers, reply -> { }, null, AuditLog.toLogFile(), check);
        loop = new Thread(coordinator::run, "test-coordinator");
        loop.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        coordinator.stop();
        loop.join(5_000);
    }

    @Test
    void forgedRepliesAreRefusedCountedAlertedAndRunAgainWhileGoodOnesAreStoredSigned() {
        String runId = coordinator.submit(new Suite("s", List.of(Tasks.spec("good", 0), Tasks.spec("tampered", 0),
                Tasks.spec("stranger", 0), Tasks.spec("replayed", 0), Tasks.spec("unsigned", 0)))).runId();
        Tasks.await(() -> coordinator.run(runId).orElseThrow().isDone());

        assertEquals(5, coordinator.run(runId).orElseThrow().count(TaskState.PASSED), "each forged attempt ran again");
        List<TaskResult> results = coordinator.results(runId, 0, 100);
        assertTrue(results.stream().flatMap(r -> r.metrics().stream()).flatMap(m -> m.samples().stream())
                .noneMatch(v -> v == FORGED), "no forged measurement is stored");
        for (TaskResult r : results) {
            if (r.finalAttempt()) {
                assertNotNull(r.signature(), "a stored report carries its worker's signature");
                assertEquals(keys.get(r.nodeId()).fingerprint(), r.signature().keyFingerprint());
                assertEquals(Optional.empty(), verifier.refusal(r), "the aggregator can verify it again");
            } else {
                assertEquals(TaskState.ERROR, r.status());
                assertEquals(FailureCategory.INFRASTRUCTURE, r.category());
                assertTrue(r.error().startsWith("the worker's report was refused: "), r.error());
                assertNull(r.signature());
                assertTrue(r.metrics().isEmpty());
            }
        }
        assertEquals(List.of("replayed", "stranger", "tampered", "unsigned"), results.stream()
                .filter(r -> !r.finalAttempt()).map(TaskResult::taskId).sorted().toList());
        assertTrue(reason(results, "tampered").contains("changed after signing"));
        assertTrue(reason(results, "replayed").contains("signed for another attempt"));
        assertTrue(reason(results, "stranger").contains("registered key is"));
        assertTrue(reason(results, "unsigned").contains("not signed"));

        assertEquals(4, coordinator.workers().stream().mapToInt(WorkerView::refusedReports).sum());
        assertEquals(4, coordinator.alerts().stream().map(Alert::message).filter(m -> m.contains("refused:")).count());
        assertEquals(4, audited.size());
    }

    @Test
    void aForgedReportSentToTheServiceIsCountedButEndsNoAttempt() {
        String runId = coordinator.submit(new Suite("s", List.of(Tasks.spec("good", 0)))).runId();
        Tasks.await(() -> coordinator.run(runId).orElseThrow().isDone());
        TaskResult stored = coordinator.results(runId, 0, 10).get(0);
        JobReply forged = new JobReply(runId + "/good", stored.signature().attemptId(), stored.nodeId(),
                stored.hwClass(), measured(FORGED), new ReportSignature(stored.signature().keyFingerprint(),
                stored.signature().value()));

        coordinator.report(forged);

        Tasks.await(() -> coordinator.workers().stream().mapToInt(WorkerView::refusedReports).sum() == 1);
        assertEquals(1, coordinator.results(runId, 0, 10).size(), "nothing more is stored");
        assertEquals(1, audited.size());
    }

    @Test
    void aReplyForAnotherAttemptThanTheOneSentIsRefusedEvenWhenItsSignatureHolds() {
        Map<String, JobReply> first = new ConcurrentHashMap<>();
        // The same check on a coordinator whose worker answers attempt 2 with its genuine reply to attempt 1.
        Dispatcher replaying = CoordinatorTest.dispatcher((a, onDone) -> {
            JobReply honest = new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw", measured(1.0))
                    .signedWith(keys.get(a.nodeId()));
            JobReply earlier = first.putIfAbsent(a.task().key(), honest);
            onDone.accept(earlier == null ? withOutcome(honest, AttemptOutcome.error(Instant.now(),
                    FailureCategory.INFRASTRUCTURE, "disk full")).signedWith(keys.get(a.nodeId())) : earlier);
        });
        InMemoryCoordinatorStore other = new InMemoryCoordinatorStore();
        Coordinator c = new Coordinator(other, replaying, () -> List.of(new WorkerNode("w1", Map.of(), 1),
                new WorkerNode("w2", Map.of(), 1)),
                reply -> { }, null, AuditLog.toLogFile(), r -> verifier.refusal(r.taskKey(), r.attemptId(), r.nodeId(), r.hwClass(),
                        r.outcome(), r.signature()));
        Thread t = new Thread(c::run, "test-coordinator-2");
        t.start();
        try {
            String runId = c.submit(new Suite("s", List.of(Tasks.retried("t", 1)))).runId();
            Tasks.await(() -> c.workers().stream().mapToInt(WorkerView::refusedReports).sum() >= 1);
            assertTrue(c.alerts().stream().anyMatch(a -> a.message().contains("not for attempt")),
                    c.alerts().toString());
            assertTrue(c.results(runId, 0, 10).stream().noneMatch(r -> r.status() == TaskState.PASSED));
        } finally {
            c.stop();
        }
    }

    @Test
    void aSignedReportForAnAttemptThisCoordinatorNeverStartedIsNotAdopted() {
        // The task waits for a node with a GPU: no attempt of it runs anywhere.
        String runId = coordinator.submit(new Suite("s", List.of(Tasks.spec("waits", 0, "tag gpu")))).runId();
        String key = runId + "/waits";
        JobReply invented = new JobReply(key, "1:5", "w1", "hw-w1", measured(FORGED)).signedWith(keys.get("w1"));

        coordinator.report(invented);

        assertEquals(List.of(), coordinator.results(runId, 0, 10), "an attempt of the current epoch is not adopted");
        assertEquals(TaskState.QUEUED, coordinator.tasks(runId).get(0).state());
        // A predecessor's attempt (epoch 0) still is: that is how a reply outlives its coordinator.
        coordinator.report(new JobReply(key, "0:1", "w1", "hw-w1", measured(1.0)).signedWith(keys.get("w1")));
        Tasks.await(() -> coordinator.results(runId, 0, 10).size() == 1);
    }

    private static String reason(List<TaskResult> results, String taskId) {
        return results.stream().filter(r -> r.taskId().equals(taskId) && !r.finalAttempt()).findFirst().orElseThrow()
                .error();
    }

    private static AttemptOutcome measured(double value) {
        Instant now = Instant.now();
        return new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(new Metric("answer", "", List.of(value))),
                "", "", null);
    }

    /** The reply with another outcome, still carrying the signature made for the original. */
    private static JobReply withOutcome(JobReply reply, AttemptOutcome outcome) {
        return new JobReply(reply.taskKey(), reply.attemptId(), reply.nodeId(), reply.hwClass(), outcome,
                reply.signature());
    }
}
