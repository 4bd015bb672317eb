package io.dtf.coordinator.placement;

import io.dtf.coordinator.TaskRecord;
import java.util.Comparator;

/**
 * A queued task with what its place in the queue is computed from.
 *
 * @param level     its priority with ageing folded in: {@code priority - floor(queuedAt / interval)}.
 *                  Its effective priority at time {@code now} is {@code level + floor(now / interval)}:
 *                  +1 per ageing interval for every waiting task alike, so the order between two
 *                  queued tasks never changes as time passes and a heap keeps it, while an old
 *                  low-priority task still overtakes newer high-priority ones in the end
 * @param expected  its expected run time with no hardware class (the reference machine), for
 *                  longest-first order
 */
public record QueuedTask(TaskRecord task, long level, long expected) {
    /** Priority with ageing, then submission order: first-free and round-robin placement. */
    public static final Comparator<QueuedTask> BY_RANK = Comparator.comparingLong((QueuedTask q) -> -q.level)
            .thenComparingLong(q -> q.task.order());

    /** Priority with ageing, then longest expected first (LPT), then submission order. */
    public static final Comparator<QueuedTask> LONGEST_FIRST = Comparator.comparingLong((QueuedTask q) -> -q.level)
            .thenComparingLong(q -> -q.expected).thenComparingLong(q -> q.task.order());

    public static QueuedTask of(TaskRecord task, long queuedAtMillis, long ageingMillis, long expected) {
        return new QueuedTask(task, task.spec().priority() - Math.floorDiv(queuedAtMillis, ageingMillis), expected);
    }

    /** The effective priority at {@code nowMillis}. */
    public long effectivePriority(long nowMillis, long ageingMillis) {
        return level + Math.floorDiv(nowMillis, ageingMillis);
    }
}
