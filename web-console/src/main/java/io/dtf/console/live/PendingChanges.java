package io.dtf.console.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The changes seen since the last tick, coalesced: a task's latest state only (a task that went
 * QUEUED, RUNNING, PASSED within one tick is sent once, as PASSED); node and alert events in the order
 * they came. Bounded: past {@code maxPending} distinct changes it forgets them all and remembers only
 * that it overflowed, and the next tick tells every page to resync. Thread-safe: the feeds add from
 * Ignite's threads, the tick drains.
 */
final class PendingChanges {
    /** What one tick takes: tasks by latest state, then the other events; {@code overflowed} when some were lost. */
    record Drained(List<LiveEvent.Task> tasks, List<LiveEvent> others, boolean overflowed, long received) {
        boolean isEmpty() {
            return tasks.isEmpty() && others.isEmpty() && !overflowed;
        }
    }

    private final int maxPending;
    private LinkedHashMap<String, LiveEvent.Task> tasks = new LinkedHashMap<>();
    private List<LiveEvent> others = new ArrayList<>();
    private boolean overflowed;
    private long received;

    PendingChanges(int maxPending) {
        this.maxPending = maxPending;
    }

    synchronized void task(LiveEvent.Task task) {
        received++;
        if (overflowed) {
            return;
        }
        String key = task.key();
        if (!tasks.containsKey(key) && full()) {
            overflow();
            return;
        }
        tasks.put(key, task);
    }

    synchronized void other(LiveEvent event) {
        received++;
        if (overflowed) {
            return;
        }
        if (full()) {
            overflow();
            return;
        }
        others.add(event);
    }

    synchronized Drained drain() {
        Drained out = new Drained(List.copyOf(tasks.values()), List.copyOf(others), overflowed, received);
        tasks = new LinkedHashMap<>();
        others = new ArrayList<>();
        overflowed = false;
        received = 0;
        return out;
    }

    private boolean full() {
        return tasks.size() + others.size() >= maxPending;
    }

    private void overflow() {
        overflowed = true;
        tasks = new LinkedHashMap<>();
        others = new ArrayList<>();
    }
}
