package io.dtf.coordinator;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a run is in its life, with the whole transition table: ACTIVE while its tasks run,
 * CANCELLING once a cancel request covers some of them, ENDED when every task is final, FORGOTTEN
 * once the run retention passed and it left memory and the caches. Not stored: it follows from a
 * run's record ({@code RunRecord.phase()}), so rows stored before phases existed read the same.
 */
public enum RunPhase {
    ACTIVE, CANCELLING, ENDED, FORGOTTEN;

    private static final Map<RunPhase, Set<RunPhase>> ALLOWED = new EnumMap<>(RunPhase.class);

    static {
        ALLOWED.put(ACTIVE, EnumSet.of(CANCELLING, ENDED));
        // CANCELLING -> CANCELLING: a later request widens what is cancelled.
        ALLOWED.put(CANCELLING, EnumSet.of(CANCELLING, ENDED));
        ALLOWED.put(ENDED, EnumSet.of(FORGOTTEN));
        ALLOWED.put(FORGOTTEN, EnumSet.noneOf(RunPhase.class));
    }

    /** Returns {@code next}, or throws when the table has no move from this phase to it. */
    public RunPhase moveTo(RunPhase next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalStateException("illegal run transition " + this + " -> " + next);
        }
        return next;
    }
}
