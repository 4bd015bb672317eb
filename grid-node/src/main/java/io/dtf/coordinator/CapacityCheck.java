package io.dtf.coordinator;

import io.dtf.model.Suite;
import io.dtf.model.TaskSpec;
import io.dtf.requirements.Quantity;
import io.dtf.wire.Json;
import java.util.Optional;

/**
 * Whether the grid can hold a suite's tasks until they have run: refused work is a clear message
 * at submission, admitted work that does not fit is a node dying of {@code IgniteOutOfMemoryException}
 * (or the coordinator of heap exhaustion) later. What a task costs:
 * <ul>
 *   <li>in the caches, its spec and its state as JSON plus Ignite's per-entry overhead, once per
 *       copy, until its run is forgotten; results come and go with the result retention, so a
 *       share of the regions, {@link #RESULTS_RESERVE}, is kept free for them;
 *   <li>on the coordinator's heap, its record with the spec, for as long as the run is remembered.
 * </ul>
 * The figures are estimates from the command tasks of {@code benchmarks/run-memory.sh} (see
 * docs/PERFORMANCE.md); the check errs towards admitting (a spec's JSON is what it costs, not a
 * worst case), and two submissions at the same moment are each checked against the same free room.
 */
final class CapacityCheck {
    /** Share of the data regions kept for results in flight (they leave after the retention). */
    static final double RESULTS_RESERVE = 0.25;
    /** A task's state entry and Ignite's overhead for its two entries, in bytes. */
    static final long ENTRY_OVERHEAD = 600;
    /**
     * Heap a remembered task takes besides its spec's JSON, and the factor on that JSON (its objects).
     * Measured: the heap after a full GC rose by about 4 KiB per task remembered (run-memory.sh).
     */
    static final long HEAP_PER_TASK = 4_000;
    static final int HEAP_FACTOR = 3;
    /** Share of the coordinator's maximum heap that remembered tasks may take. */
    static final double HEAP_SHARE = 0.5;

    private CapacityCheck() {
    }

    /** The suite's cache bytes (one copy) and heap bytes. */
    record Footprint(long cacheBytes, long heapBytes) {
    }

    static Footprint footprint(Suite suite) {
        long cache = 0;
        long heap = 0;
        for (TaskSpec spec : suite.tasks()) {
            long json = Json.write(spec).length();
            cache += json + ENTRY_OVERHEAD;
            heap += json * HEAP_FACTOR + HEAP_PER_TASK;
        }
        return new Footprint(cache, heap);
    }

    /**
     * Why the suite does not fit, or empty when it does.
     *
     * @param grid            the data regions now; empty when they could not be read (not checked then)
     * @param rememberedTasks tasks the coordinator holds already (runs not yet forgotten)
     * @param maxHeap         the coordinator's maximum heap
     */
    static Optional<String> refusal(Suite suite, Footprint need, Optional<GridCapacity> grid, int rememberedTasks,
                                    long maxHeap) {
        String what = "suite '" + suite.name() + "': its " + suite.tasks().size() + " tasks";
        if (grid.isPresent()) {
            GridCapacity g = grid.get();
            long needBytes = need.cacheBytes() * g.copies();
            long room = Math.max(0, g.freeBytes() - (long) (g.regionBytes() * RESULTS_RESERVE));
            if (needBytes > room) {
                return Optional.of(what + " need about " + Quantity.bytes(needBytes) + " of the grid's cache memory ("
                        + g.copies() + (g.copies() == 1 ? " copy" : " copies") + " of their specs and states), but only "
                        + Quantity.bytes(room) + " of " + Quantity.bytes(g.regionBytes()) + " are free ("
                        + Quantity.bytes(g.usedBytes()) + " in use, " + Math.round(RESULTS_RESERVE * 100)
                        + "% kept for results); wait for runs to end, submit fewer tasks at once, or give the data"
                        + " nodes more memory (dtf.dataRegion.maxSize, see config/README.md)");
            }
        }
        long heldHeap = (long) rememberedTasks * HEAP_PER_TASK;
        long heapRoom = Math.max(0, (long) (maxHeap * HEAP_SHARE) - heldHeap);
        if (need.heapBytes() > heapRoom) {
            return Optional.of(what + " need about " + Quantity.bytes(need.heapBytes()) + " of the coordinator's heap,"
                    + " but only " + Quantity.bytes(heapRoom) + " of the " + Quantity.bytes((long) (maxHeap * HEAP_SHARE))
                    + " it gives to tasks are free (" + rememberedTasks + " tasks of other runs are held); wait for runs"
                    + " to end and be forgotten (dtf.runs.retention), submit fewer tasks at once, or give the"
                    + " coordinator's JVM more heap (-Xmx)");
        }
        return Optional.empty();
    }
}
