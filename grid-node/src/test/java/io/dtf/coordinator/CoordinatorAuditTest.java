package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.audit.AuditLog;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.AuditEvent;
import io.dtf.model.FailureCategory;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the coordinator records in the audit log, and with which subject. */
class CoordinatorAuditTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    private final List<AuditEvent> recorded = new CopyOnWriteArrayList<>();
    private final AuditLog audit = recorded::add;
    private final CoordinatorLoops loops = new CoordinatorLoops();
    private volatile String failingNode = "none";

    private final Dispatcher dispatcher = CoordinatorTest.dispatcher((a, onDone) -> {
        Instant now = Instant.now();
        AttemptOutcome outcome = a.nodeId().equals(failingNode)
                ? AttemptOutcome.error(now, FailureCategory.PROCESS_CRASH, "crashed on " + a.nodeId())
                : new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(), "", "", null);
        onDone.accept(CoordinatorTest.reply(a, outcome));
    });

    @AfterEach
    void stopAll() throws InterruptedException {
        loops.stopAll();
    }

    private Coordinator start(List<WorkerNode> workers) {
        return loops.start(new Coordinator(store, dispatcher, () -> workers, reply -> { }, null, audit, ReplyCheck.ACCEPT_ALL));
    }

    @Test
    void submissionsAndCancellationsAreRecordedWithWhoAskedAndWhatCameOfIt() {
        Coordinator c = start(List.of(new WorkerNode("w1", Map.of(), 1)));
        SubmitReply accepted = c.submit(new Suite("nightly", List.of(Tasks.spec("a", 0))), "alice");
        SubmitReply refused = c.submit(new Suite("empty", List.of()), "bob");
        c.cancel("no-such-run", null, "mallory");
        c.cancel(accepted.runId(), null);

        assertEquals(List.of("submit", "submit", "cancel", "cancel"), recorded.stream().map(AuditEvent::action).toList());
        AuditEvent submit = recorded.get(0);
        assertEquals("alice", submit.subject());
        assertTrue(submit.allowed());
        assertEquals("run " + accepted.runId() + ": suite nightly, 1 tasks", submit.detail());
        assertFalse(refused.accepted());
        assertEquals("bob", recorded.get(1).subject());
        assertFalse(recorded.get(1).allowed());
        assertTrue(recorded.get(1).detail().startsWith("refused suite empty, 0 tasks: "), recorded.get(1).detail());
        assertEquals("mallory", recorded.get(2).subject());
        assertFalse(recorded.get(2).allowed());
        assertEquals(AuditLog.ANONYMOUS, recorded.get(3).subject(), "security off: recorded all the same");
        assertTrue(recorded.get(3).allowed());
    }

    @Test
    void aQuarantineIsRecordedAsTheCoordinatorsDoingAndItsReleaseAsTheCallers() {
        failingNode = "bad";
        Coordinator c = start(List.of(new WorkerNode("bad", Map.of(), 8), new WorkerNode("good", Map.of(), 1)));
        SubmitReply run = c.submit(new Suite("s", List.of(Tasks.spec("a", 0), Tasks.spec("b", 0), Tasks.spec("c", 0),
                Tasks.spec("d", 0))), "alice");
        Tasks.await(() -> c.run(run.runId()).orElseThrow().isDone());

        c.release("bad", "root");
        c.release("bad", "root");

        List<AuditEvent> health = recorded.stream().filter(e -> !e.action().equals("submit")).toList();
        assertEquals(List.of("quarantine", "release", "release"), health.stream().map(AuditEvent::action).toList());
        assertEquals(CoordinatorAudit.COORDINATOR, health.get(0).subject());
        assertTrue(health.get(0).detail().startsWith("worker bad quarantined until "), health.get(0).detail());
        assertEquals("root", health.get(1).subject());
        assertEquals("worker bad released from quarantine", health.get(1).detail());
        assertEquals("worker bad was not quarantined: nothing changed", health.get(2).detail());
    }
}
