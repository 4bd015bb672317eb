package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.AttemptOutcome;
import io.dtf.model.FailureCategory;
import io.dtf.model.RunView;
import io.dtf.model.SubmitReply;
import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.model.TaskState;
import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task's checkpoint is removed when it ends if one of its attempts may have saved one, and only
 * then: the worker's reply says whether its attempt saved one; a reply that does not say (one the
 * coordinator's side made for a lost attempt, or from a worker that does not tell) counts as saved.
 */
class CheckpointRemovalTest {
    private final InMemoryCoordinatorStore store = new InMemoryCoordinatorStore();
    /** Task id -> the replies its attempts give, in order, made from the attempt's assignment. */
    private final Map<String, Queue<Function<Assignment, JobReply>>> replies = new ConcurrentHashMap<>();
    private final CoordinatorLoops loops = new CoordinatorLoops();

    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public void dispatch(List<Assignment> batch, long epoch, BiConsumer<Assignment, JobReply> onDone) {
            for (Assignment a : batch) {
                Queue<Function<Assignment, JobReply>> next = replies.get(a.task().spec().id());
                onDone.accept(a, next.poll().apply(a));
            }
        }

        @Override
        public void stop(String nodeId, String taskKey, String attemptId, long epoch) {
        }

        @Override
        public List<LiveAttempt> reconcile(long epoch) {
            return List.of();
        }
    };

    @AfterEach
    void stopAll() throws InterruptedException {
        loops.stopAll();
    }

    @Test
    void aTaskWhoseAttemptSavedNoCheckpointCostsNoRemoval() {
        replies.put("plain", queue(a -> passed(a).withCheckpointed(false)));
        String runId = runToEnd(Tasks.spec("plain", 0));

        assertFalse(store.removedCheckpoints.contains(TaskRecord.key(runId, "plain")));
    }

    @Test
    void aTaskWhoseAttemptSavedACheckpointHasItRemovedOnceItEnds() {
        replies.put("saver", queue(a -> passed(a).withCheckpointed(true)));
        String runId = runToEnd(Tasks.spec("saver", 0));

        assertTrue(store.removedCheckpoints.contains(TaskRecord.key(runId, "saver")));
    }

    @Test
    void aCheckpointSavedByAnEarlierAttemptIsRemovedThoughTheLastSavedNone() {
        replies.put("retried", queue(a -> failed(a).withCheckpointed(true), a -> passed(a).withCheckpointed(false)));
        String runId = runToEnd(Tasks.retried("retried", 1));

        assertTrue(store.removedCheckpoints.contains(TaskRecord.key(runId, "retried")));
    }

    @Test
    void anAttemptLostWithoutSayingCountsAsHavingSavedOne() {
        // The coordinator's side makes the reply of an attempt whose node left: it cannot know what was saved.
        replies.put("lost", queue(CheckpointRemovalTest::failed, a -> passed(a).withCheckpointed(false)));
        String runId = runToEnd(Tasks.retried("lost", 1));

        assertTrue(store.removedCheckpoints.contains(TaskRecord.key(runId, "lost")));
    }

    @Test
    void aReplyFromAWorkerThatDoesNotSayCountsAsHavingSavedOne() {
        replies.put("older", queue(CheckpointRemovalTest::passed));
        String runId = runToEnd(Tasks.spec("older", 0));

        assertTrue(store.removedCheckpoints.contains(TaskRecord.key(runId, "older")));
    }

    @SafeVarargs
    private static Queue<Function<Assignment, JobReply>> queue(Function<Assignment, JobReply>... answers) {
        return new ArrayDeque<>(List.of(answers));
    }

    private String runToEnd(TaskSpec spec) {
        Coordinator c = loops.start(new Coordinator(store, dispatcher,
                () -> List.of(new WorkerNode("w1", Map.of(), 2), new WorkerNode("w2", Map.of(), 2)), r -> { }));
        SubmitReply reply = c.submit(new Suite("s", List.of(spec)));
        assertTrue(reply.accepted(), reply.errors().toString());
        Tasks.await(() -> c.run(reply.runId()).orElseThrow().isDone());
        // Answered after every write so far is stored: the removal goes in the same batch as the final state.
        RunView done = c.run(reply.runId()).orElseThrow();
        assertEquals(1, done.count(TaskState.PASSED), done.toString());
        return reply.runId();
    }

    private static JobReply passed(Assignment a) {
        Instant now = Instant.now();
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw",
                new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(), "", "", null));
    }

    private static JobReply failed(Assignment a) {
        return new JobReply(a.task().key(), a.task().attemptId(), a.nodeId(), "hw",
                AttemptOutcome.error(Instant.now(), FailureCategory.NODE_LEFT, "node " + a.nodeId() + " left"));
    }
}
