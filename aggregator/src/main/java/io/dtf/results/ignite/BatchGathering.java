package io.dtf.results.ignite;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How the DuckDB writers take their next batch: once an entry has come, they wait a little for
 * more. Each batch is one transaction of a dozen statements that costs about 20 ms of CPU whatever
 * it holds (docs/PERFORMANCE.md, "Storing results as the file grows"), so a trickle of results
 * stored one by one, at a hundred a second, kept a core busy; gathered for {@link #WINDOW}, the
 * same trickle costs a fifth of that, and a result reaches the file at most that much later.
 */
public final class BatchGathering {
    /** How long after the first entry of a batch the writer goes on taking more. */
    public static final Duration WINDOW = Duration.ofMillis(100);

    private BatchGathering() {
    }

    /**
     * Moves the next entry of {@code queue} into {@code batch}, waiting up to {@code idleMs} for
     * one; then every entry that comes within {@code window} of it, up to {@code max} in the batch.
     */
    public static <T> void take(BlockingQueue<T> queue, List<T> batch, int max, long idleMs, Duration window)
            throws InterruptedException {
        T first = queue.poll(idleMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long until = System.nanoTime() + window.toNanos();
        queue.drainTo(batch, max - batch.size());
        for (long left; batch.size() < max && (left = until - System.nanoTime()) > 0; ) {
            T next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
    }
}
