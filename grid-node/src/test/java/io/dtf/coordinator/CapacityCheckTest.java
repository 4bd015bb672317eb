package io.dtf.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dtf.model.Suite;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CapacityCheckTest {
    private static final long MIB = 1L << 20;
    private static final long HEAP = 4096 * MIB;
    private final Suite suite = new Suite("nightly",
            IntStream.range(0, 1_000).mapToObj(i -> Tasks.spec("t" + i, 0)).toList());
    private final CapacityCheck.Footprint need = CapacityCheck.footprint(suite);

    @Test
    void aSuiteThatFitsIsAdmitted() {
        assertEquals(Optional.empty(), CapacityCheck.refusal(suite, need,
                Optional.of(new GridCapacity(1024 * MIB, 100 * MIB, 2)), 0, HEAP));
    }

    @Test
    void aSuiteBeyondTheFreeRegionIsRefusedWithEveryCopyCountedAndTheResultsReserveKept() {
        // 33 MiB free, of which a quarter of the 128 MiB region (32 MiB) is kept for results: 1 MiB of room.
        Optional<String> refused = CapacityCheck.refusal(suite, need, Optional.of(new GridCapacity(128 * MIB,
                95 * MIB, 2)), 0, HEAP);
        assertTrue(need.cacheBytes() * 2 > MIB, "the fixture must not fit");
        assertEquals("suite 'nightly': its 1000 tasks need about " + io.dtf.requirements.Quantity.bytes(
                need.cacheBytes() * 2) + " of the grid's cache memory (2 copies of their specs and states), but only"
                + " 1 MiB of 128 MiB are free (95 MiB in use, 25% kept for results); wait for runs to end, submit fewer"
                + " tasks at once, or give the data nodes more memory (dtf.dataRegion.maxSize, see config/README.md)",
                refused.orElseThrow());
    }

    @Test
    void aSuiteBeyondTheCoordinatorsHeapIsRefusedCountingTasksItRemembers() {
        long heap = 2 * need.heapBytes() + 100_000L * CapacityCheck.HEAP_PER_TASK;
        assertEquals(Optional.empty(), CapacityCheck.refusal(suite, need, Optional.empty(), 0, heap));
        Optional<String> refused = CapacityCheck.refusal(suite, need, Optional.empty(), 100_000, heap);
        assertTrue(refused.orElseThrow().startsWith("suite 'nightly': its 1000 tasks need about "), refused.get());
        assertTrue(refused.get().contains("of the coordinator's heap, but only "), refused.get());
        assertTrue(refused.get().contains("(100000 tasks of other runs are held)"), refused.get());
    }

    @Test
    void unknownCapacityIsNotAReasonToRefuse() {
        assertEquals(Optional.empty(), CapacityCheck.refusal(new Suite("s", List.of(Tasks.spec("a", 0))),
                CapacityCheck.footprint(new Suite("s", List.of(Tasks.spec("a", 0)))), Optional.empty(), 0, HEAP));
    }
}
