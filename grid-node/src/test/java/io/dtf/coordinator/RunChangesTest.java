package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A follower of a run hears of each stored change at once, and of a newer coordinator too. */
class RunChangesTest {
    private static final long LONG_WAIT_MS = 30_000;

    @Test
    void aWaiterHearsOfAChangeStoredWhileItWaits() throws Exception {
        RunChanges changes = new RunChanges();
        changes.begin(1);
        long known = changes.latest("run-1");
        AtomicLong answer = new AtomicLong(Long.MIN_VALUE);
        Thread follower = waiting(changes, "run-1", known, answer);

        changes.stored(List.of("run-1"));
        follower.join();

        assertTrue(answer.get() > known, "the stored change was not heard of: " + answer.get() + " <= " + known);
        assertEquals(changes.latest("run-1"), answer.get());
    }

    @Test
    void aChangeOfAnotherRunDoesNotEndTheWait() throws Exception {
        RunChanges changes = new RunChanges();
        changes.begin(1);
        changes.stored(List.of("run-2"));

        assertEquals(changes.latest("run-1"), changes.await("run-1", changes.latest("run-1"), 1));
    }

    @Test
    void aChangeStoredBeforeTheWaitIsAnsweredAtOnce() throws Exception {
        RunChanges changes = new RunChanges();
        changes.begin(1);
        long known = changes.latest("run-1");
        changes.stored(List.of("run-1"));

        assertTrue(changes.await("run-1", known, LONG_WAIT_MS) > known);
    }

    @Test
    void aNewerCoordinatorsNumbersAreHigherThanAnyOfTheOneItReplaced() {
        RunChanges old = new RunChanges();
        old.begin(3);
        for (int i = 0; i < 1_000; i++) {
            old.stored(List.of("run-1"));
        }
        RunChanges next = new RunChanges();
        next.begin(4);

        assertTrue(next.latest("run-1") > old.latest("run-1"));
    }

    @Test
    void aStoppedCoordinatorLetsItsWaitersGo() throws Exception {
        RunChanges changes = new RunChanges();
        changes.begin(1);
        long known = changes.latest("run-1");
        AtomicLong answer = new AtomicLong(Long.MIN_VALUE);
        Thread follower = waiting(changes, "run-1", known, answer);

        changes.close();
        follower.join();

        assertEquals(known, answer.get());
        assertEquals(known, changes.await("run-1", known, LONG_WAIT_MS), "a stopped coordinator does not wait");
    }

    /** A follower thread that has begun waiting (an answer before the change would fail the test too). */
    private static Thread waiting(RunChanges changes, String runId, long known, AtomicLong answer) {
        Thread t = new Thread(() -> {
            try {
                answer.set(changes.await(runId, known, LONG_WAIT_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        while (t.getState() != Thread.State.TIMED_WAITING && t.isAlive()) {
            Thread.onSpinWait();
        }
        return t;
    }
}
