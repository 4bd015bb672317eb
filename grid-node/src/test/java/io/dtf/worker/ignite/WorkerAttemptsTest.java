package io.dtf.worker.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.protocol.JobReply;
import io.dtf.protocol.LiveAttempt;
import io.dtf.model.AttemptOutcome;
import io.dtf.model.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerAttemptsTest {
    @Test
    void attemptsOfDifferentTasksWithTheSameAttemptIdAreKeptApart() {
        WorkerAttempts attempts = new WorkerAttempts();
        assertTrue(attempts.begin(attempt("run/a"), 1));
        assertTrue(attempts.begin(attempt("run/b"), 1));

        assertEquals(2, attempts.reconcile(1).size(), "both first attempts are 1:1");
    }

    @Test
    void aFinishedAttemptIsHandedToTheNextCoordinatorWithItsReply() {
        WorkerAttempts attempts = new WorkerAttempts();
        LiveAttempt a = attempt("run/a");
        attempts.begin(a, 1);
        Instant now = Instant.now();
        attempts.end(a, new JobReply("run/a", "1:1", "n", "hw",
                new AttemptOutcome(TaskState.PASSED, now, now, 0, List.of(), "", "", null)));

        List<LiveAttempt> found = attempts.reconcile(2);
        assertEquals(1, found.size());
        assertEquals(TaskState.PASSED, found.get(0).finished().outcome().status());
    }

    @Test
    void onceANewerCoordinatorReconciledAttemptsFromOlderOnesAreRefused() {
        WorkerAttempts attempts = new WorkerAttempts();
        attempts.reconcile(3);

        assertFalse(attempts.begin(attempt("run/late"), 2), "a replaced coordinator cannot start anything");
        assertTrue(attempts.begin(attempt("run/new"), 3));
        assertEquals(List.of("run/new"), attempts.reconcile(3).stream().map(LiveAttempt::taskKey).toList());
        assertNull(attempts.reconcile(3).get(0).finished());
    }

    @Test
    void aStopReachesOnlyTheRunningAttemptItNamesAndOnlyFromACurrentCoordinator() {
        WorkerAttempts attempts = new WorkerAttempts();
        LiveAttempt a = attempt("run/a");
        attempts.begin(a, 2);
        AtomicInteger stopped = new AtomicInteger();
        attempts.stoppable(a, stopped::incrementAndGet);

        assertFalse(attempts.stop("run/a", "1:1", 1), "a replaced coordinator cannot stop anything");
        assertFalse(attempts.stop("run/b", "1:1", 2), "another task");
        assertFalse(attempts.stop("run/a", "2:1", 2), "another attempt of the task");
        assertEquals(0, stopped.get());
        assertTrue(attempts.stop("run/a", "1:1", 2));
        assertEquals(1, stopped.get());

        Instant now = Instant.now();
        attempts.end(a, new JobReply("run/a", "1:1", "n", "hw",
                new AttemptOutcome(TaskState.CANCELLED, now, now, null, List.of(), "", "", "cancelled")));
        assertFalse(attempts.stop("run/a", "1:1", 2), "it has ended: nothing to stop");
        assertEquals(1, stopped.get());
    }

    @Test
    void aBatchBeginsWhollyOrIsRefusedWhollyByANewerCoordinator() {
        WorkerAttempts attempts = new WorkerAttempts();
        assertTrue(attempts.beginAll(List.of(attempt("run/a"), attempt("run/b")), 2));
        assertEquals(List.of("run/a", "run/b"), attempts.reconcile(3).stream().map(LiveAttempt::taskKey).toList());

        assertFalse(attempts.beginAll(List.of(attempt("run/c"), attempt("run/d")), 2), "epoch 3 took over");
        assertEquals(2, attempts.reconcile(3).size(), "nothing of the refused batch is registered");
    }

    private static LiveAttempt attempt(String taskKey) {
        return new LiveAttempt(taskKey, "1:1", 1, "n", null);
    }
}
