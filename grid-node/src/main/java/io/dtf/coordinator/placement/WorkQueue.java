package io.dtf.coordinator.placement;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * A group's queue that also keeps the sum of its tasks' expected run times (reference machine), so
 * a round reads the group's queued work in constant time instead of walking ten thousand tasks.
 * Every way the scheduler takes tasks out goes through {@link #poll}, {@link #remove(Object)},
 * {@link #removeIf} or {@link #clear}; removal through an iterator is not counted (not used).
 */
public final class WorkQueue extends PriorityQueue<QueuedTask> {
    private long work;

    public WorkQueue(Comparator<QueuedTask> order) {
        super(order);
    }

    /** The queued tasks' expected run times added up, in milliseconds on the reference machine. */
    public long work() {
        return work;
    }

    @Override
    public boolean offer(QueuedTask q) {
        boolean added = super.offer(q);
        work += q.expected();
        return added;
    }

    @Override
    public QueuedTask poll() {
        QueuedTask q = super.poll();
        if (q != null) {
            work -= q.expected();
        }
        return q;
    }

    @Override
    public boolean remove(Object o) {
        boolean removed = super.remove(o);
        if (removed) {
            work -= ((QueuedTask) o).expected();
        }
        return removed;
    }

    @Override
    public boolean removeIf(Predicate<? super QueuedTask> filter) {
        return super.removeIf(q -> {
            if (filter.test(q)) {
                work -= q.expected();
                return true;
            }
            return false;
        });
    }

    @Override
    public void clear() {
        super.clear();
        work = 0;
    }
}
