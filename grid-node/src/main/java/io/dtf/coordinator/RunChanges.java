package io.dtf.coordinator;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Numbers each run's stored changes (a result, a task state, the run's own record), so a client
 * following a run waits for the next one instead of asking every 100 ms. A change counts once it
 * is stored: what the client then reads includes it. Numbers start at {@code epoch << 32} in each
 * coordinator, so those of a newer coordinator are higher than any its predecessor handed out: a
 * client that followed the old one hears of the new one at once.
 *
 * <p>Thread-safe: the store's writer thread reports changes, service threads wait for them.
 */
final class RunChanges {
    /** Waiters on one run; {@code count} changes only inside {@code waiting.compute}. */
    private static final class Waiters {
        final CompletableFuture<Long> next = new CompletableFuture<>();
        int count;
    }

    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final Map<String, Waiters> waiting = new ConcurrentHashMap<>();
    private volatile long base;
    private volatile boolean closed;

    /** This coordinator claimed {@code epoch}: its numbers are above every earlier coordinator's. */
    void begin(long epoch) {
        base = epoch << 32;
    }

    /** The run's latest change number here (the base when none was stored yet). */
    long latest(String runId) {
        return latest.getOrDefault(runId, base);
    }

    /** From the writer thread: changes of these runs are stored. */
    void stored(Collection<String> runIds) {
        for (String runId : runIds) {
            long now = latest.merge(runId, base + 1, (old, one) -> old + 1);
            Waiters w = waiting.remove(runId);
            if (w != null) {
                w.next.complete(now);
            }
        }
    }

    /** The run was forgotten: nothing more will change. */
    void forget(String runId) {
        latest.remove(runId);
        Waiters w = waiting.remove(runId);
        if (w != null) {
            w.next.complete(base);
        }
    }

    /**
     * Waits until the run's latest change number is above {@code known}, at most {@code maxWaitMs};
     * answers the latest number (still {@code known} or lower when nothing changed meanwhile). At
     * once when this coordinator has stopped: the caller then learns where the next one is.
     */
    long await(String runId, long known, long maxWaitMs) throws InterruptedException {
        Waiters mine = waiting.compute(runId, (k, w) -> {
            Waiters v = w == null ? new Waiters() : w;
            v.count++;
            return v;
        });
        try {
            // Registered before looking: a change stored from here on completes the future.
            long now = latest(runId);
            if (now > known || closed || maxWaitMs <= 0) {
                return now;
            }
            try {
                return mine.next.get(maxWaitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return latest(runId);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            // The last waiter on a run takes its entry away: a run no one follows costs nothing.
            waiting.computeIfPresent(runId, (k, w) -> w != mine ? w : --w.count == 0 ? null : w);
        }
    }

    /** This coordinator stopped: every waiter answers now. */
    void close() {
        closed = true;
        waiting.values().forEach(w -> w.next.complete(base));
        waiting.clear();
    }
}
