package io.dtf.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Which runs the coordinator may forget: ENDED, every task final, longer ago than the run retention. */
final class EndedRuns {
    private EndedRuns() {
    }

    static List<RunState> due(Collection<RunState> runs, Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        return runs.stream()
                .filter(r -> r.phase() == RunPhase.ENDED && r.allFinal() && !r.record().endedAt().isAfter(cutoff))
                .toList();
    }
}
