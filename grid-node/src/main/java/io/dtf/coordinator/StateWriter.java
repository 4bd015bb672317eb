package io.dtf.coordinator;

import io.dtf.client.CoordinatorApi;
import io.dtf.model.TaskResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the coordinator's changes to its store without making the event loop wait under load.
 * Changes collect during a loop turn (a task changed twice is written once); {@link #flush()} hands
 * them to one writer thread, which applies batches in order ({@link CoordinatorStore#saveAll}:
 * results before task states, task states before runs), so a later state of a task never lands
 * before an earlier one. A few changes with no write in flight, as a lone task makes, are written
 * at once on the caller's thread instead, sparing the hand-off. {@link #storeAll()} waits until
 * everything is stored: the coordinator calls it before answering any query. A failed batch is
 * queued again, unless newer state replaced it. Before each batch the writer checks that its
 * coordinator is still the current one (the fence): a replaced coordinator writes nothing more.
 *
 * <p>Confined to the coordinator's loop thread, like the rest of its state.
 */
final class StateWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);
    /** At most this many changes are written on the caller's thread when no write is in flight (see {@link #flush()}). */
    private static final int INLINE_CHANGES = 8;

    /** What the writer asks of the coordinator's state. */
    interface Owner {
        /** A result entered ({@code stored}) or left the per-run index. */
        void indexed(TaskResult result, boolean stored);

        boolean isCurrent(TaskRecord task);

        boolean isCurrent(RunRecord run);

        /** From the writer thread: these changes are stored. */
        default void stored(List<TaskResult> results, List<TaskRecord> tasks, List<RunRecord> runs) {
        }
    }

    private final CoordinatorStore store;
    private final BooleanSupplier stillCurrent;
    private final Owner owner;
    private Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final List<TaskResult> results = new ArrayList<>();
    private final List<String> endedTasks = new ArrayList<>();
    private final ArrayDeque<Batch> writes = new ArrayDeque<>();
    private final Executor thread;
    private final int maxPendingWrites;

    private record Batch(List<TaskResult> results, List<TaskRecord> tasks, List<RunRecord> runs,
                         CompletableFuture<Void> done) {
    }

    /**
     * @param thread            runs the writes in order: one thread, or the caller's
     * @param maxPendingWrites  batches in flight before {@link #flush()} waits for the oldest
     */
    StateWriter(CoordinatorStore store, Executor thread, int maxPendingWrites, BooleanSupplier stillCurrent,
                Owner owner) {
        this.store = store;
        this.thread = thread;
        this.maxPendingWrites = maxPendingWrites;
        this.stillCurrent = stillCurrent;
        this.owner = owner;
    }

    void result(TaskResult result) {
        results.add(result);
    }

    void task(TaskRecord task) {
        tasks.put(task.key(), task);
    }

    void run(RunRecord run) {
        runs.put(run.runId(), run);
    }

    /** A task that may hold a checkpoint reached its final state: its checkpoint goes once that state is stored. */
    void ended(String taskKey) {
        endedTasks.add(taskKey);
    }

    /** Hands this turn's changes to the writer thread and returns at once (unless too many are pending). */
    void flush() {
        if (results.isEmpty() && tasks.isEmpty() && runs.isEmpty() && endedTasks.isEmpty()) {
            return;
        }
        List<TaskResult> r = List.copyOf(results);
        List<TaskRecord> t = List.copyOf(tasks.values());
        List<RunRecord> u = List.copyOf(runs.values());
        List<String> ended = List.copyOf(endedTasks);
        results.clear();
        // A fresh map, not clear(): clear() walks every bucket a 100,000-task submission grew, at every turn.
        tasks = new LinkedHashMap<>();
        runs.clear();
        endedTasks.clear();
        // The index may run ahead of the store: every query waits for pending writes first.
        r.forEach(result -> owner.indexed(result, true));
        while (writes.size() >= maxPendingWrites) {
            settle(writes.poll(), true);
        }
        // A few changes with no write in flight are written on the caller's thread (the loop's): a hand-off
        // to the writer thread is a wake-up on a lone task's path, twice (its submission waits for its
        // write, and its result is seen once written). Under load the writer thread keeps the writes off the loop.
        boolean small = r.size() + t.size() + u.size() <= INLINE_CHANGES;
        Executor on = small && writes.stream().allMatch(b -> b.done().isDone()) ? Runnable::run : thread;
        writes.add(new Batch(r, t, u, CompletableFuture.runAsync(() -> {
            if (!stillCurrent.getAsBoolean()) {
                throw new IllegalStateException("a newer coordinator took over; this one writes nothing more");
            }
            store.saveAll(r, t, u);
            owner.stored(r, t, u);
            removeCheckpoints(ended);
        }, on)));
    }

    /** Best effort: a checkpoint left behind costs space, not correctness. */
    private void removeCheckpoints(List<String> ended) {
        if (ended.isEmpty()) {
            return;
        }
        try {
            store.removeCheckpoints(ended);
        } catch (RuntimeException e) {
            LOG.warn("removing the checkpoints of {} ended tasks failed", ended.size(), e);
        }
    }

    /** Settles the writes that finished, without waiting. */
    void settleFinished() {
        while (!writes.isEmpty() && writes.peek().done().isDone()) {
            settle(writes.poll(), false);
        }
    }

    /** Stores everything so far and waits for it: what a query answers is then stored. */
    void storeAll() {
        for (int attempt = 1; ; attempt++) {
            flush();
            boolean failed = false;
            while (!writes.isEmpty()) {
                failed |= settle(writes.poll(), true);
            }
            if (!failed) {
                return;
            }
            if (!stillCurrent.getAsBoolean()) {
                // Fenced: nothing of this batch was written, so the caller may make its call again, to the newer
                // coordinator (its loop may not have noticed yet, as when a grid's second server takes it over).
                throw new IllegalStateException(CoordinatorApi.MOVING);
            }
            if (attempt == 3) {
                throw new IllegalStateException("the grid's caches are not accepting writes; try again shortly");
            }
        }
    }

    void shutdown() {
        if (thread instanceof ExecutorService own) {
            own.shutdown();
        }
    }

    /** Waits (if asked) for a batch; a failed one is queued again. Returns whether it failed. */
    private boolean settle(Batch b, boolean wait) {
        try {
            if (wait || b.done().isDone()) {
                b.done().join();
            }
            return false;
        } catch (CompletionException e) {
            LOG.warn("storing {} results and {} task states failed; retrying", b.results().size(), b.tasks().size(),
                    e.getCause());
            b.results().forEach(r -> owner.indexed(r, false));
            results.addAll(b.results());
            b.tasks().stream().filter(owner::isCurrent).forEach(t -> tasks.putIfAbsent(t.key(), t));
            b.runs().stream().filter(owner::isCurrent).forEach(r -> runs.putIfAbsent(r.runId(), r));
            return true;
        }
    }
}
