package io.dtf.coordinator.ignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dtf.coordinator.GridCapacity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Submissions read the grid's capacity from the data nodes only when the last reading is too old. */
class CapacityReadingsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicLong used = new AtomicLong();
    private final List<Runnable> background = new ArrayList<>();
    private final CapacityReadings readings = new CapacityReadings(
            () -> Optional.of(new GridCapacity(1_000, used.incrementAndGet(), 1)), background::add, now::get);

    @Test
    void aFreshReadingServesTheNextSubmissions() {
        assertEquals(1, usedSeen());
        now.addAndGet(CapacityReadings.FRESH_MS);
        assertEquals(1, usedSeen());
        assertEquals(List.of(), background);
    }

    @Test
    void anAgeingReadingIsUsedWhileOneNewReadingRunsInTheBackground() {
        usedSeen();
        now.addAndGet(CapacityReadings.FRESH_MS + 1);
        assertEquals(1, usedSeen());
        assertEquals(1, usedSeen());
        assertEquals(1, background.size(), "one reading at a time");

        background.remove(0).run();
        assertEquals(2, usedSeen());
    }

    @Test
    void aStaleReadingIsNotUsed() {
        usedSeen();
        now.addAndGet(CapacityReadings.STALE_MS + 1);
        assertEquals(2, usedSeen());
    }

    private long usedSeen() {
        return readings.get().orElseThrow().usedBytes();
    }
}
