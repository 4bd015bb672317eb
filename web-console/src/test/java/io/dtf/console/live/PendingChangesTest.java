package io.dtf.console.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingChangesTest {
    static LiveEvent.Task task(String run, String id, String state) {
        return new LiveEvent.Task(run, id, state, 1, "n1", Instant.EPOCH);
    }

    @Test
    void aTaskThatChangedSeveralTimesInOneTickIsSentOnceInItsLatestState() {
        PendingChanges pending = new PendingChanges(100);
        pending.task(task("r", "a", "QUEUED"));
        pending.task(task("r", "b", "QUEUED"));
        pending.task(task("r", "a", "RUNNING"));
        pending.task(task("r", "a", "PASSED"));
        PendingChanges.Drained d = pending.drain();
        assertEquals(List.of(task("r", "a", "PASSED"), task("r", "b", "QUEUED")), d.tasks());
        assertEquals(4, d.received());
        assertTrue(pending.drain().isEmpty(), "a drain empties it");
    }

    @Test
    void nodeAndAlertEventsKeepTheirOrder() {
        PendingChanges pending = new PendingChanges(100);
        LiveEvent.Node joined = new LiveEvent.Node("joined", "n2", List.of("worker"), "x", Instant.EPOCH);
        LiveEvent.Alert alert = new LiveEvent.Alert(Instant.EPOCH, "n2", "quarantined");
        LiveEvent.Node left = new LiveEvent.Node("left", "n2", List.of("worker"), "x", Instant.EPOCH);
        pending.other(joined);
        pending.other(alert);
        pending.other(left);
        assertEquals(List.of(joined, alert, left), pending.drain().others());
    }

    @Test
    void pastItsBoundItKeepsNothingButTheFactThatItOverflowed() {
        PendingChanges pending = new PendingChanges(10);
        for (int i = 0; i < 10; i++) {
            pending.task(task("r", "t" + i, "QUEUED"));
        }
        pending.task(task("r", "t3", "PASSED")); // a task already held: no growth, no overflow
        assertFalse(pending.drain().overflowed());
        for (int i = 0; i < 11; i++) {
            pending.task(task("r", "t" + i, "QUEUED"));
        }
        PendingChanges.Drained d = pending.drain();
        assertTrue(d.overflowed());
        assertEquals(List.of(), d.tasks());
        assertFalse(pending.drain().overflowed(), "the next tick starts afresh");
    }
}
