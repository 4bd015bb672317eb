package io.dtf.coordinator.placement;

import java.util.Arrays;

/**
 * One worker's slots within a round: when each is expected to be free. Free slots are free now;
 * busy ones free when their attempt is expected to end; a busy slot whose attempt the scheduler
 * does not know never frees as far as planning goes. Earliest-finish planning reserves slots here
 * for tasks it holds back, so the next task sees the worker as loaded by them. Thrown away at the
 * end of the round: the next round plans afresh from what really runs.
 */
public final class SlotClock {
    /** Beyond any plan: a slot whose end is not known. */
    public static final long UNKNOWN = Long.MAX_VALUE / 4;

    private final long[] freeAt;

    /** @param freeAt  each slot's expected free time (sorted here) */
    public SlotClock(long[] freeAt) {
        this.freeAt = freeAt.clone();
        Arrays.sort(this.freeAt);
    }

    /** When the worker's first slot is expected to be free; {@link #UNKNOWN} for a worker with no slot. */
    public long earliest() {
        return freeAt.length == 0 ? UNKNOWN : freeAt[0];
    }

    /** Reserves the earliest slot from {@code max(now, its free time)} for {@code millis}; returns the end. */
    public long reserve(long now, long millis) {
        long end = Math.min(UNKNOWN, Math.max(now, freeAt[0]) + millis);
        int i = 0;
        while (i + 1 < freeAt.length && freeAt[i + 1] < end) {
            freeAt[i] = freeAt[i + 1];
            i++;
        }
        freeAt[i] = end;
        return end;
    }
}
