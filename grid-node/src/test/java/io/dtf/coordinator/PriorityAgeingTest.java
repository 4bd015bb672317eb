package io.dtf.coordinator;

import static io.dtf.coordinator.Hardware.at;
import static io.dtf.coordinator.Hardware.taskIds;
import static io.dtf.coordinator.Hardware.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dtf.coordinator.placement.QueuedTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriorityAgeingTest {
    private static final WorkerNode ONE = worker("one", "x", 1);

    private static List<String> order(long highArrivesAfterSeconds) {
        Scheduler s = new Scheduler(Placement.FIRST_FREE, (suite, spec, hw) -> 1, Duration.ofMinutes(1));
        s.enqueue(Tasks.queued(1, Tasks.spec("old-low", 0)));
        s.schedule(List.of(), Set.of(), new HashMap<>(), at(0)); // no worker yet: it waits and ages
        s.enqueue(Tasks.queued(2, Tasks.spec("new-high", 5)));
        long t = highArrivesAfterSeconds;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            out.addAll(taskIds(s.schedule(List.of(ONE), Set.of(), new HashMap<>(), at(t + 2L * i)).assignments()));
        }
        return out;
    }

    @Test
    void aHigherPriorityGoesFirstWhileTheOtherHasNotWaitedLong() {
        assertEquals(List.of("new-high", "old-low"), order(4 * 60));
    }

    @Test
    void aTaskThatWaitedLongEnoughOvertakesNewerHigherPriorityWork() {
        assertEquals(List.of("old-low", "new-high"), order(6 * 60), "six minutes of waiting: +6 against +5");
    }

    @Test
    void theEffectivePriorityRisesByOnePerInterval() {
        long minute = 60_000;
        QueuedTask q = QueuedTask.of(Tasks.queued(1, Tasks.spec("t", 3)), 10 * minute, minute, 1);
        assertEquals(3, q.effectivePriority(10 * minute, minute));
        assertEquals(5, q.effectivePriority(12 * minute + 59_999, minute));
    }

    @Test
    void anAgeingIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new Scheduler(Placement.FIRST_FREE, (suite, spec, hw) -> 1, Duration.ZERO));
    }
}
